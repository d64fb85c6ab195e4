import type { Metadata } from "next";
import { Suspense } from "react";
import { HydrationBoundary } from "@tanstack/react-query";
import { requirePageUser } from "@/lib/auth/session";
import { pathWithQuery } from "@/lib/views/page-path";
import { pageView } from "@/lib/prefetch/page-view";
import { prefetchPage } from "@/lib/prefetch/prefetch-page";
import { prefetchTable } from "@/lib/prefetch/table-page";
import { DashboardSkeleton } from "@/components/kit/dashboard-skeleton";
import { AgentsView } from "@/components/agents/agents-view";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Agents · Contact centre supervisor" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AgentsPage({ searchParams }: { searchParams: SearchParams }) {
  const sp = await searchParams;
  const user = await requirePageUser("dashboards", pathWithQuery("/agents", sp));
  const pv = await pageView(sp);
  const state = await prefetchPage(user, (ctx) => prefetchTable(ctx, pv, "agents"));
  return (
    <HydrationBoundary state={state}>
      <Suspense fallback={<DashboardSkeleton title="Agents" tiles={0} />}>
        <AgentsView />
      </Suspense>
    </HydrationBoundary>
  );
}
