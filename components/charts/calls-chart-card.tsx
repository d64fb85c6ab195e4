"use client";

import dynamic from "next/dynamic";
import { useMemo } from "react";
import { useRouter } from "next/navigation";
import { contactsHref } from "@/components/kit/explain-model";
import { bucketWindow } from "./calls-chart-model";
import type { UseQueryResult } from "@tanstack/react-query";
import type { KpiSeries } from "@/lib/kpi";
import type { Interval } from "@/lib/time/buckets";
import { TREND_COLUMNS, trendRows } from "@/lib/tables/trend-table";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { DataTable } from "@/components/table/data-table";
import { CsvLink } from "@/components/table/csv-link";
import { intervalName, prepareCallsChart } from "./calls-chart-model";
import { ChartSkeleton } from "./chart-skeleton";

// Recharts is most of a chart page's script; loading it apart keeps every page's first load small.
const CallsChart = dynamic(() => import("./calls-chart").then((m) => m.CallsChart), {
  ssr: false,
  loading: () => <ChartSkeleton />,
});

/** The chart's card: loading, error and empty states around the chart, which only draws, and its numbers as a table. */
export function CallsChartCard({
  series,
  now,
  interval,
  showServiceLevel = false,
  csvHref,
  emptyHint = "Pick another period, queue or team.",
  targetPct = null,
  drill,
}: {
  /** The view's filters, when the viewer may open the contacts behind a bar; absent otherwise. */
  drill?: { queueIds: readonly string[]; teamIds: readonly string[] };
  series: UseQueryResult<KpiSeries>;
  now: number;
  interval: Interval;
  showServiceLevel?: boolean;
  csvHref?: string;
  emptyHint?: string;
  /** The queue's service-level target in percent, drawn as a line across the service level (null: none shown). */
  targetPct?: number | null;
}) {
  const router = useRouter();
  const model = useMemo(() => (series.data ? prepareCallsChart(series.data, now) : undefined), [series.data, now]);
  const data = series.data;
  const hrefOf = drill && data ? (p: { start: number; end: number }) => contactsHref({ ...drill, ...bucketWindow(p, data), canDrill: true }, "all") : undefined;
  const rows = useMemo(() => (series.data ? trendRows(series.data.points, now) : []), [series.data, now]);
  const shownInterval = model?.interval ?? interval;
  const title = showServiceLevel ? `Calls and service level per ${intervalName(shownInterval)}` : `Calls per ${intervalName(shownInterval)}`;
  return (
    <section className="card" aria-labelledby="calls-chart-title" aria-busy={series.isPending || series.isPlaceholderData}>
      <div className="card-header card-header-row">
        <div>
          <h2 className="card-title" id="calls-chart-title">
            {title}
          </h2>
          <p className="card-subtitle">
            By the interval in which each caller entered the queue; empty intervals shown as zero{hrefOf ? "; click a bar for its calls" : ""}
            {showServiceLevel && targetPct !== null && <span data-testid="sl-target-line"> · target {targetPct}% (the flat line)</span>}
          </p>
        </div>
        {csvHref && model && <CsvLink href={csvHref} />}
      </div>
      {series.isError && !series.data ? (
        <ErrorState title="The chart could not be loaded." error={series.error} onRetry={() => void series.refetch()} />
      ) : !model ? (
        <ChartSkeleton />
      ) : model.totals.offered === 0 ? (
        <EmptyState title="No calls in this period">{emptyHint}</EmptyState>
      ) : (
        <div className={series.isPlaceholderData ? "is-updating" : undefined}>
          <figure className="chart-figure">
            <CallsChart
              model={model}
              showServiceLevel={showServiceLevel}
              targetPct={targetPct}
              onPick={hrefOf ? (p) => router.push(hrefOf({ start: p.window.from, end: p.window.to })) : undefined}
            />
          </figure>
          <details className="chart-table">
            <summary>Show the numbers as a table</summary>
            <DataTable
              caption={title}
              columns={TREND_COLUMNS}
              rows={rows}
              ctx={{ tz: series.data?.tz ?? "UTC" }}
              rowKey={(p) => String(p.start)}
              rowHref={hrefOf}
              testId="trend-table"
            />
          </details>
        </div>
      )}
    </section>
  );
}
