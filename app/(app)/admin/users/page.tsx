import type { Metadata } from "next";
import { HydrationBoundary } from "@tanstack/react-query";
import { requirePageUser } from "@/lib/auth/session";
import { prefetchEndpoint } from "@/lib/prefetch/prefetch-endpoint";
import { prefetchPage } from "@/lib/prefetch/prefetch-page";
import { UsersView } from "@/components/admin/users-view";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Users · Contact centre supervisor" };

/** Admins only: users, roles, scopes and sessions, audited. */
export default async function UsersPage() {
  const user = await requirePageUser("admin", "/admin/users");
  const state = await prefetchPage(user, (ctx) => prefetchEndpoint(ctx, "/api/admin/users", {}));
  return (
    <HydrationBoundary state={state}>
      <UsersView />
    </HydrationBoundary>
  );
}
