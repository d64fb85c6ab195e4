"use client";

import type { ReactNode } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { apiQueryOptions, queuesQueryOptions } from "@/lib/query-options/api-query";
import { exportHref } from "@/lib/query-options/export-href";
import { dashboardRequests } from "@/lib/views/dashboard-requests";
import { viewHref, type ViewParams } from "@/lib/views/view-params";
import { comparisonText } from "@/lib/time/comparisons";
import { CompareSelect, useComparison } from "@/components/kit/compare-select";
import { ErrorState } from "@/components/ui/error-state";
import { CallsChartCard } from "@/components/charts/calls-chart-card";
import { BackfillBanner } from "@/components/kit/backfill-banner";
import { queuesInScope } from "@/components/kit/explain-model";
import { KpiTiles } from "@/components/kit/kpi-tiles";
import { PeriodCaption } from "@/components/kit/period-caption";
import { OVERVIEW_TILES } from "@/components/kit/tile-specs";
import { ViewToolbar } from "@/components/kit/view-toolbar";

type Props = {
  title: ReactNode;
  view: ViewParams;
  setView: (patch: Partial<ViewParams>) => void;
  tz: string;
  now: number;
  canDrill: boolean;
  /** A queue's own page: the queue is fixed (no queue filter) and so is its variant. */
  queueId?: string;
  /** Under the title, e.g. the queue's settings. */
  aside?: ReactNode;
};

/**
 * Headline KPIs with their changes and sparklines, and calls per interval, for
 * a view: the overview (all queues or the filtered ones) and a queue's own page.
 */
export function KpiDashboard({ title, view, setView, tz, now, canDrill, queueId, aside }: Props) {
  const queues = useQuery(queuesQueryOptions());
  const [cmp] = useComparison();
  const r = dashboardRequests({ view, now, tz, queues: queues.data?.queues ?? [], queueId, cmp });
  const { range, live, interval, queueIds, variant, impliedVariant } = r;
  const inScope = queuesInScope(queues.data?.queues ?? [], queueIds);

  const summary = useQuery({ ...apiQueryOptions("/api/kpi/summary", r.summary, { live }), placeholderData: keepPreviousData });
  const previous = useQuery({ ...apiQueryOptions("/api/kpi/summary", r.previous, { live }), placeholderData: keepPreviousData });
  const series = useQuery({ ...apiQueryOptions("/api/kpi/series", r.series, { live }), placeholderData: keepPreviousData });
  const scope = { from: range.from, to: range.to, queueIds, teamIds: view.teamIds };

  return (
    <div className="dashboard">
      <div className="page-header">
        <div>
          <h1 className="page-title">{title}</h1>
          <PeriodCaption period={view.period} range={range} tz={tz} updatedAt={summary.dataUpdatedAt} />
          {aside}
        </div>
      </div>
      <BackfillBanner />
      <ViewToolbar view={view} range={range} tz={tz} onChange={setView} showQueue={!queueId}>
        <CompareSelect />
      </ViewToolbar>
      {summary.isError && !summary.data ? (
        <ErrorState title="The KPIs could not be loaded." error={summary.error} onRetry={() => void summary.refetch()} />
      ) : (
        <KpiTiles
          tiles={OVERVIEW_TILES}
          summary={summary.data}
          previous={previous.data}
          against={comparisonText(cmp, view.period, live)}
          series={series.data}
          now={now}
          updating={summary.isPlaceholderData}
          variant={variant}
          impliedVariant={impliedVariant}
          onVariantChange={queueId ? undefined : (v) => setView({ variant: v })}
          scope={{ ...scope, canDrill }}
          queues={inScope}
        />
      )}
      <CallsChartCard
        series={series}
        now={now}
        interval={interval}
        showServiceLevel={Boolean(queueId)}
        targetPct={queueId ? (inScope.find((q) => q.id === queueId)?.slTargetPct ?? null) : null}
        csvHref={canDrill ? exportHref("trends", r.series) : undefined}
        drill={canDrill ? { queueIds, teamIds: view.teamIds } : undefined}
      />
      {canDrill && !queueId && (
        <p className="page-links">
          More: <a href={viewHref("/trends", view)}>trends and heatmap</a> · <a href={viewHref("/queues", view)}>per queue</a> ·{" "}
          <a href={viewHref("/agents", view)}>per agent</a>
        </p>
      )}
    </div>
  );
}
