import type { Metadata } from "next";
import { Suspense } from "react";
import { notFound } from "next/navigation";
import { HydrationBoundary } from "@tanstack/react-query";
import { can } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { pathWithQuery } from "@/lib/views/page-path";
import { pageView } from "@/lib/prefetch/page-view";
import { safeDecode } from "@/lib/prefetch/safe-decode";
import { prefetchPage } from "@/lib/prefetch/prefetch-page";
import { prefetchDashboard } from "@/lib/prefetch/dashboard-page";
import { pageSubjectFound } from "@/lib/prefetch/page-subject";
import { DashboardSkeleton } from "@/components/kit/dashboard-skeleton";
import { QueueDetail } from "@/components/queues/queue-detail";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Queue · Contact centre supervisor" };

type Props = { params: Promise<{ queueId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function QueuePage({ params, searchParams }: Props) {
  const [{ queueId: raw }, sp] = await Promise.all([params, searchParams]);
  const queueId = safeDecode(raw);
  const user = await requirePageUser("dashboards", pathWithQuery(`/queues/${raw}`, sp));
  if (!(await pageSubjectFound(user, { queue: queueId }))) notFound();
  const pv = await pageView(sp);
  const state = await prefetchPage(user, (ctx) => prefetchDashboard(ctx, { ...pv, queueId }));
  return (
    <HydrationBoundary state={state}>
      <Suspense fallback={<DashboardSkeleton title="Queue" />}>
        <QueueDetail queueId={queueId} canAdmin={can(user.role, "admin")} />
      </Suspense>
    </HydrationBoundary>
  );
}
