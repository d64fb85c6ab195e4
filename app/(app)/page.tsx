import { Suspense } from "react";
import { HydrationBoundary } from "@tanstack/react-query";
import { can } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { pathWithQuery } from "@/lib/views/page-path";
import { pageView } from "@/lib/prefetch/page-view";
import { prefetchPage } from "@/lib/prefetch/prefetch-page";
import { prefetchDashboard } from "@/lib/prefetch/dashboard-page";
import { Overview } from "@/components/overview/overview";
import { DashboardSkeleton } from "@/components/kit/dashboard-skeleton";

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Everyone's landing page: headline KPIs of the view in the URL, rendered on the server in the zone it shows (the centre's by default). */
export default async function OverviewPage({ searchParams }: { searchParams: SearchParams }) {
  const sp = await searchParams;
  const user = await requirePageUser("overview", pathWithQuery("/", sp));
  const pv = await pageView(sp);
  const state = await prefetchPage(user, (ctx) => prefetchDashboard(ctx, pv));
  return (
    <HydrationBoundary state={state}>
      <Suspense fallback={<DashboardSkeleton />}>
        <Overview canDrill={can(user.role, "dashboards")} />
      </Suspense>
    </HydrationBoundary>
  );
}
