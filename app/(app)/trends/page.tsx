import type { Metadata } from "next";
import { Suspense } from "react";
import { HydrationBoundary } from "@tanstack/react-query";
import { requirePageUser } from "@/lib/auth/session";
import { pathWithQuery } from "@/lib/views/page-path";
import { pageView } from "@/lib/prefetch/page-view";
import { prefetchPage } from "@/lib/prefetch/prefetch-page";
import { prefetchTrends } from "@/lib/prefetch/trends-page";
import { DashboardSkeleton } from "@/components/kit/dashboard-skeleton";
import { TrendsView } from "@/components/trends/trends-view";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Trends · Contact centre supervisor" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function TrendsPage({ searchParams }: { searchParams: SearchParams }) {
  const sp = await searchParams;
  const user = await requirePageUser("dashboards", pathWithQuery("/trends", sp));
  const pv = await pageView(sp);
  const state = await prefetchPage(user, (ctx) => prefetchTrends(ctx, pv));
  return (
    <HydrationBoundary state={state}>
      <Suspense fallback={<DashboardSkeleton title="Trends" tiles={0} />}>
        <TrendsView />
      </Suspense>
    </HydrationBoundary>
  );
}
