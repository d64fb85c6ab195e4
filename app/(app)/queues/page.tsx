import type { Metadata } from "next";
import { Suspense } from "react";
import { HydrationBoundary } from "@tanstack/react-query";
import { requirePageUser } from "@/lib/auth/session";
import { pathWithQuery } from "@/lib/views/page-path";
import { pageView } from "@/lib/prefetch/page-view";
import { prefetchPage } from "@/lib/prefetch/prefetch-page";
import { prefetchTable } from "@/lib/prefetch/table-page";
import { DashboardSkeleton } from "@/components/kit/dashboard-skeleton";
import { QueuesView } from "@/components/queues/queues-view";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Queues · Contact centre supervisor" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function QueuesPage({ searchParams }: { searchParams: SearchParams }) {
  const sp = await searchParams;
  const user = await requirePageUser("dashboards", pathWithQuery("/queues", sp));
  const pv = await pageView(sp);
  const state = await prefetchPage(user, (ctx) => prefetchTable(ctx, pv, "queues"));
  return (
    <HydrationBoundary state={state}>
      <Suspense fallback={<DashboardSkeleton title="Queues" tiles={0} />}>
        <QueuesView />
      </Suspense>
    </HydrationBoundary>
  );
}
