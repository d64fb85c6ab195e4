import type { Capability } from "@/lib/auth/roles";

/** The app's pages and the capability each needs; the nav shows those the role may open. */
export const NAV_LINKS: readonly { href: string; label: string; capability: Capability }[] = [{ href: "/", label: "Overview", capability: "overview" }];
