"use client";

import { useMemo } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { isHeatmapMetric } from "@/lib/tables/heatmap-table";
import { apiQueryOptions, queuesQueryOptions } from "@/lib/query-options/api-query";
import { exportHref } from "@/lib/query-options/export-href";
import { trendsRequests } from "@/lib/views/trends-requests";
import { GRANULARITIES, GRANULARITY_LABELS, defaultInterval, offersGranularity, type Granularity } from "@/lib/time/granularity";
import { CallsChartCard } from "@/components/charts/calls-chart-card";
import { BackfillBanner } from "@/components/kit/backfill-banner";
import { PeriodCaption } from "@/components/kit/period-caption";
import { SlVariantSelect } from "@/components/kit/sl-variant-select";
import { useNow } from "@/components/kit/use-client-clock";
import { useShownTimeZone } from "@/components/kit/shown-zone";
import { useView } from "@/components/kit/use-view";
import { ViewToolbar } from "@/components/kit/view-toolbar";
import { queuesInScope } from "@/components/kit/explain-model";
import { sharedTarget } from "@/lib/targets/rag";
import { HeatmapCard } from "./heatmap-card";

/** Trends: calls and service level per interval, and the weekday-by-hour heatmap. */
export function TrendsView() {
  const { view, setView, param, setParams } = useView();
  const tz = useShownTimeZone();
  const now = useNow();
  const queues = useQuery(queuesQueryOptions());

  const r = trendsRequests({ view, now, tz, queues: queues.data?.queues ?? [], granularity: param("g") });
  const heat = param("heat");
  const metric = isHeatmapMetric(heat) ? heat : "volume";
  // The target line needs one target: the shown queues' shared one, if they share it.
  const targetPct = queues.data ? sharedTarget(queuesInScope(queues.data.queues, view.queueIds).map((q) => q.slTargetPct)) : null;
  return (
    <TrendsBody
      r={r}
      view={view}
      setView={setView}
      tz={tz}
      now={now}
      metric={metric}
      onMetric={(m) => setParams({ heat: m === "volume" ? undefined : m })}
      targetPct={targetPct}
      onGranularity={(g) => setParams({ g: g === defaultInterval(r.range) ? undefined : g })}
    />
  );
}

function TrendsBody({
  r,
  view,
  setView,
  tz,
  now,
  metric,
  onMetric,
  targetPct,
  onGranularity,
}: {
  onGranularity: (g: Granularity) => void;
  r: ReturnType<typeof trendsRequests>;
  view: ReturnType<typeof useView>["view"];
  setView: ReturnType<typeof useView>["setView"];
  tz: string;
  now: number;
  metric: "volume" | "sl";
  onMetric: (m: "volume" | "sl") => void;
  targetPct: number | null;
}) {
  const series = useQuery({ ...apiQueryOptions("/api/kpi/series", r.series, { live: r.live }), placeholderData: keepPreviousData });
  const heatmap = useQuery({ ...apiQueryOptions("/api/kpi/heatmap", r.heatmap, { live: r.live }), placeholderData: keepPreviousData });
  const drill = useMemo(() => ({ queueIds: view.queueIds, teamIds: view.teamIds }), [view.queueIds, view.teamIds]);
  return (
    <div className="dashboard">
      <div className="page-header">
        <div>
          <h1 className="page-title">Trends</h1>
          <PeriodCaption period={view.period} range={r.range} tz={tz} updatedAt={series.dataUpdatedAt} />
        </div>
      </div>
      <BackfillBanner />
      <ViewToolbar view={view} range={r.range} tz={tz} onChange={setView}>
        <SlVariantSelect value={r.variant} implied={r.impliedVariant} onChange={(v) => setView({ variant: v })} inline />
        {offersGranularity(r.range) && (
          <div className="segmented" role="group" aria-label="Chart by">
            {GRANULARITIES.map((g) => (
              <button key={g} type="button" className="segment" aria-pressed={r.series.interval === g} onClick={() => onGranularity(g)}>
                {GRANULARITY_LABELS[g]}
              </button>
            ))}
          </div>
        )}
      </ViewToolbar>
      <CallsChartCard
        series={series}
        now={now}
        interval={r.series.interval}
        showServiceLevel
        targetPct={targetPct}
        csvHref={exportHref("trends", r.series)}
        drill={drill}
      />
      <HeatmapCard heatmap={heatmap} metric={metric} onMetric={onMetric} csvHref={exportHref("heatmap", r.heatmap, { metric })} drill={drill} />
    </div>
  );
}
