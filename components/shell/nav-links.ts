import type { Capability } from "@/lib/auth/roles";

/** The app's pages and the capability each needs; the nav shows those the role may open. */
export const NAV_LINKS: readonly { href: string; label: string; capability: Capability }[] = [
  { href: "/", label: "Overview", capability: "overview" },
  { href: "/trends", label: "Trends", capability: "dashboards" },
  { href: "/queues", label: "Queues", capability: "dashboards" },
  { href: "/agents", label: "Agents", capability: "dashboards" },
  { href: "/contacts", label: "Contacts", capability: "contacts" },
  { href: "/callbacks", label: "Callbacks", capability: "dashboards" },
  { href: "/search", label: "Search", capability: "recordings" },
  { href: "/wallboard", label: "Wallboard", capability: "wallboard" },
  { href: "/qa", label: "Quality", capability: "qaDashboard" },
  { href: "/definitions", label: "Definitions", capability: "admin" },
  { href: "/admin/users", label: "Users", capability: "admin" },
  { href: "/admin/audit", label: "Audit", capability: "admin" },
  { href: "/admin/redaction", label: "Redaction", capability: "admin" },
  { href: "/admin/monitoring", label: "Monitoring", capability: "admin" },
];
