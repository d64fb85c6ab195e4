import type { Metadata } from "next";
import { HydrationBoundary } from "@tanstack/react-query";
import { requirePageUser } from "@/lib/auth/session";
import { prefetchEndpoint } from "@/lib/prefetch/prefetch-endpoint";
import { prefetchPage } from "@/lib/prefetch/prefetch-page";
import { DefinitionsView } from "@/components/definitions/definitions-view";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "KPI definitions · Contact centre supervisor" };

/** Admins only: per-queue KPI settings, audited. */
export default async function DefinitionsPage() {
  const user = await requirePageUser("admin", "/definitions");
  const state = await prefetchPage(user, (ctx) => prefetchEndpoint(ctx, "/api/definitions", {}));
  return (
    <HydrationBoundary state={state}>
      <DefinitionsView />
    </HydrationBoundary>
  );
}
