"use client";

import { useMemo } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { isSlVariant, QUEUE_DEFAULTS, type SlVariant } from "@/lib/kpi/definitions";
import { kpiSummaryQueryOptions } from "@/lib/queries/kpi-summary";
import { kpiSeriesQueryOptions } from "@/lib/queries/kpi-series";
import { queuesQueryOptions, type QueueInfo } from "@/lib/queries/queue-list";
import { intervalForRange, periodIncludesNow, periodRange } from "@/lib/time/periods";
import { ErrorState } from "@/components/ui/error-state";
import { BackfillBanner } from "./backfill-banner";
import { CallsChartCard } from "./calls-chart-card";
import { KpiTiles } from "./kpi-tiles";
import { OverviewSkeleton } from "./overview-skeleton";
import { PeriodCaption } from "./period-caption";
import { PeriodPicker } from "./period-picker";
import { QueueFilter } from "./queue-filter";
import { useBrowserTimeZone, useNow } from "./use-client-clock";
import { useOverviewParams, type OverviewParams } from "./use-overview-params";

/** The overview page's client side: waits for the viewer's time zone, then shows the view. */
export function Overview() {
  const [params, update] = useOverviewParams();
  const tz = useBrowserTimeZone();
  const now = useNow();
  if (tz === null) return <OverviewSkeleton />;
  return <OverviewView params={params} update={update} tz={tz} now={now} />;
}

/** Queues in view: those named in the URL, or every queue when none is. */
function queuesInView(all: readonly QueueInfo[], ids: readonly string[]): QueueInfo[] {
  return ids.length === 0 ? [...all] : all.filter((q) => ids.includes(q.id));
}

function OverviewView({ params, update, tz, now }: { params: OverviewParams; update: (p: Partial<OverviewParams>) => void; tz: string; now: number }) {
  const range = periodRange(params.period, now, tz);
  const live = periodIncludesNow(range, now);
  const interval = intervalForRange(range);

  const queues = useQuery(queuesQueryOptions());
  const inView = useMemo(() => queuesInView(queues.data?.queues ?? [], params.queueIds), [queues.data, params.queueIds]);
  // One queue shown alone is judged by its own service-level variant unless the viewer picked another.
  const single = params.queueIds.length === 1 ? inView[0] : undefined;
  const impliedVariant: SlVariant = single && isSlVariant(single.slVariant) ? single.slVariant : QUEUE_DEFAULTS.slVariant;
  const variant = params.variant ?? impliedVariant;

  const summary = useQuery({
    ...kpiSummaryQueryOptions({ from: range.from, to: range.to, queueIds: params.queueIds, variant }, live),
    placeholderData: keepPreviousData,
  });
  const series = useQuery({
    ...kpiSeriesQueryOptions({ from: range.from, to: range.to, interval, tz, queueIds: params.queueIds }, live),
    placeholderData: keepPreviousData,
  });

  return (
    <div className="overview">
      <div className="page-header">
        <div>
          <h1 className="page-title">Overview</h1>
          <PeriodCaption period={params.period} range={range} tz={tz} updatedAt={summary.dataUpdatedAt} />
        </div>
      </div>
      <BackfillBanner />
      <div className="toolbar" role="toolbar" aria-label="View">
        <PeriodPicker value={params.period} onChange={(period) => update({ period })} />
        <QueueFilter value={params.queueIds} onChange={(queueIds) => update({ queueIds, variant: undefined })} />
      </div>
      {summary.isError && !summary.data ? (
        <ErrorState title="The KPIs could not be loaded." error={summary.error} onRetry={() => void summary.refetch()} />
      ) : (
        <KpiTiles
          summary={summary.data}
          updating={summary.isPlaceholderData}
          variant={variant}
          impliedVariant={impliedVariant}
          onVariantChange={(v) => update({ variant: v })}
          selectedQueues={inView}
        />
      )}
      <CallsChartCard series={series} now={now} interval={interval} />
    </div>
  );
}
