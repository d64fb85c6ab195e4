"use client";

import { useMemo } from "react";
import type { UseQueryResult } from "@tanstack/react-query";
import type { Heatmap } from "@/lib/kpi";
import type { HeatmapMetric } from "@/lib/tables/heatmap-table";
import { ErrorState } from "@/components/ui/error-state";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { CsvLink } from "@/components/table/csv-link";
import { HeatmapGrid } from "./heatmap";
import { prepareHeatmapModel, type HeatmapDrill } from "./heatmap-model";

const METRIC_LABELS: Record<HeatmapMetric, string> = { volume: "Volume", sl: "Service level" };

/** The heatmap's card: metric switch, loading, error and empty states, the grid and its CSV. */
export function HeatmapCard({
  heatmap,
  metric,
  onMetric,
  csvHref,
  drill,
}: {
  heatmap: UseQueryResult<Heatmap>;
  metric: HeatmapMetric;
  onMetric: (m: HeatmapMetric) => void;
  csvHref: string;
  /** The view's filters, for each cell's link to its contacts. */
  drill?: HeatmapDrill;
}) {
  const model = useMemo(() => (heatmap.data ? prepareHeatmapModel(heatmap.data, metric, drill) : undefined), [heatmap.data, metric, drill]);
  const subtitle =
    metric === "volume"
      ? "Calls offered per hour, averaged over each weekday's days from the first to the last day with calls; darker is busier"
      : "Service level per hour over the period, by the view's variant; red is low, green is high";
  return (
    <section className="card" aria-labelledby="heatmap-title" aria-busy={heatmap.isPending || heatmap.isPlaceholderData}>
      <div className="card-header card-header-row">
        <div>
          <h2 className="card-title" id="heatmap-title">
            Hour of day by day of week
          </h2>
          <p className="card-subtitle">
            {subtitle} (times in {heatmap.data?.tz ?? "your zone"})
          </p>
        </div>
        <div className="card-actions">
          <div className="segmented" role="group" aria-label="Heatmap shows">
            {(["volume", "sl"] as const).map((m) => (
              <button key={m} type="button" className="segment" aria-pressed={m === metric} onClick={() => onMetric(m)}>
                {METRIC_LABELS[m]}
              </button>
            ))}
          </div>
          {model?.hasData && <CsvLink href={csvHref} />}
        </div>
      </div>
      {heatmap.isError && !heatmap.data ? (
        <ErrorState title="The heatmap could not be loaded." error={heatmap.error} onRetry={() => void heatmap.refetch()} />
      ) : !model ? (
        <Skeleton className="chart-skeleton" />
      ) : !model.hasData ? (
        <EmptyState title="No calls in this period">Pick a longer period, or another queue or team.</EmptyState>
      ) : (
        <div className={heatmap.isPlaceholderData ? "is-updating" : undefined}>
          <HeatmapGrid model={model} caption={`${METRIC_LABELS[metric]} by weekday and hour`} />
        </div>
      )}
    </section>
  );
}
