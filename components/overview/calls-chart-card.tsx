"use client";

import { useMemo } from "react";
import type { UseQueryResult } from "@tanstack/react-query";
import type { KpiSeries } from "@/lib/kpi";
import type { Interval } from "@/lib/kpi/time-buckets";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { CallsChart } from "./calls-chart";
import { intervalName, prepareCallsChart } from "./calls-chart-model";
import { ChartSkeleton } from "./overview-skeleton";

/** The chart's card: loading, error and empty states around the chart, which only draws. */
export function CallsChartCard({ series, now, interval }: { series: UseQueryResult<KpiSeries>; now: number; interval: Interval }) {
  const model = useMemo(() => (series.data ? prepareCallsChart(series.data, now) : undefined), [series.data, now]);
  const shownInterval = model?.interval ?? interval;
  return (
    <section className="card" aria-labelledby="calls-chart-title" aria-busy={series.isPending || series.isPlaceholderData}>
      <div className="card-header">
        <h2 className="card-title" id="calls-chart-title">
          Calls per {intervalName(shownInterval)}
        </h2>
        <p className="card-subtitle">By the interval in which each caller entered the queue</p>
      </div>
      {series.isError && !series.data ? (
        <ErrorState title="The chart could not be loaded." error={series.error} onRetry={() => void series.refetch()} />
      ) : !model ? (
        <ChartSkeleton />
      ) : model.totals.offered === 0 ? (
        <EmptyState title="No calls in this period">Pick another period or queue.</EmptyState>
      ) : (
        <div className={series.isPlaceholderData ? "is-updating" : undefined}>
          <CallsChart model={model} />
        </div>
      )}
    </section>
  );
}
