import type { Metadata } from "next";
import { HydrationBoundary } from "@tanstack/react-query";
import { requirePageUser } from "@/lib/auth/session";
import { prefetchDefinitions } from "@/lib/queries/server/prefetch-queries";
import { prefetchPage } from "@/lib/queries/server/prefetch";
import { requestTimeZone } from "@/lib/queries/server/request-time-zone";
import { DefinitionsView } from "@/components/definitions/definitions-view";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "KPI definitions · Contact centre supervisor" };

/** Admins only: per-queue KPI settings, audited. */
export default async function DefinitionsPage() {
  await requirePageUser("admin", "/definitions");
  const state = await prefetchPage((ctx) => prefetchDefinitions(ctx));
  return (
    <HydrationBoundary state={state}>
      <DefinitionsView initialTz={await requestTimeZone()} />
    </HydrationBoundary>
  );
}
