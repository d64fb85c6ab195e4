"use client";

import Link from "next/link";
import { useMemo } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { apiQueryOptions, queuesQueryOptions } from "@/lib/query-options/api-query";
import { exportHref } from "@/lib/query-options/export-href";
import { agentRequests } from "@/lib/views/agent-requests";
import { viewHref } from "@/lib/views/view-params";
import { toLocalDate } from "@/lib/time/periods";
import { comparisonText, type Comparison } from "@/lib/time/comparisons";
import { CompareSelect, useComparison } from "@/components/kit/compare-select";
import { TIMELINE_COLUMNS, timelineRows } from "@/lib/tables/timeline-table";
import { formatCount, formatDuration } from "@/lib/tables/format";
import { reasonLabel } from "@/lib/tables/reason-label";
import { BackfillBanner } from "@/components/kit/backfill-banner";
import { queuesInScope } from "@/components/kit/explain-model";
import { KpiTiles } from "@/components/kit/kpi-tiles";
import { PeriodCaption } from "@/components/kit/period-caption";
import { AGENT_TILES } from "@/components/kit/tile-specs";
import { useNow } from "@/components/kit/use-client-clock";
import { useShownTimeZone } from "@/components/kit/shown-zone";
import { useView } from "@/components/kit/use-view";
import { ViewToolbar } from "@/components/kit/view-toolbar";
import { ErrorState } from "@/components/ui/error-state";
import { DataTable } from "@/components/table/data-table";
import { TableCard } from "@/components/table/table-card";
import { agentSummary, offersText } from "./agent-summary";
import { StateTimeline } from "./state-timeline";
import { prepareTimelineBar } from "./timeline-model";

/** An agent's page: KPIs over the view, time per state and reason, and a day's state timeline. */
export function AgentDetail({ agentId }: { agentId: string }) {
  const { view, setView, param, setParams } = useView();
  const tz = useShownTimeZone();
  const now = useNow();
  const [cmp] = useComparison();
  const r = agentRequests({ agentId, view, day: param("day"), now, tz, cmp });
  return <AgentBody agentId={agentId} r={r} view={view} setView={setView} setDay={(day) => setParams({ day })} tz={tz} now={now} cmp={cmp} />;
}

function AgentBody({
  agentId,
  r,
  view,
  setView,
  setDay,
  tz,
  now,
  cmp,
}: {
  cmp: Comparison;
  agentId: string;
  r: ReturnType<typeof agentRequests>;
  view: ReturnType<typeof useView>["view"];
  setView: ReturnType<typeof useView>["setView"];
  setDay: (day: string) => void;
  tz: string;
  now: number;
}) {
  const report = useQuery({ ...apiQueryOptions("/api/kpi/agents", r.agents, { live: r.live }), placeholderData: keepPreviousData });
  const previous = useQuery({ ...apiQueryOptions("/api/kpi/agents", r.previous, { live: r.live }), placeholderData: keepPreviousData });
  const timeline = useQuery({ ...apiQueryOptions("/api/kpi/agent-timeline", r.timeline, { live: now < r.dayRange.to }), placeholderData: keepPreviousData });
  const queues = useQuery(queuesQueryOptions());
  const agent = report.data?.agents.find((a) => a.agentId === agentId);
  const prevAgent = previous.data?.agents.find((a) => a.agentId === agentId);
  const scope = { from: r.range.from, to: r.range.to, queueIds: view.queueIds };
  const summary = agent ? agentSummary(agent, scope) : undefined;
  const prevSummary = prevAgent ? agentSummary(prevAgent, scope) : undefined;
  const name = agent?.name ?? timeline.data?.name ?? agentId;
  const team = agent?.teamName ?? timeline.data?.teamId;
  const rows = useMemo(() => (timeline.data ? timelineRows(timeline.data.segments, now) : []), [timeline.data, now]);
  const bar = useMemo(() => (timeline.data ? prepareTimelineBar(rows, r.dayRange, tz, now) : undefined), [timeline.data, rows, r.dayRange, tz, now]);
  const inScope = queuesInScope(queues.data?.queues ?? [], view.queueIds);

  return (
    <div className="dashboard">
      <div className="page-header">
        <div>
          <h1 className="page-title">
            <Link className="crumb" href={viewHref("/agents", view)}>
              Agents
            </Link>{" "}
            / <span data-testid="agent-name">{name}</span>
          </h1>
          <PeriodCaption period={view.period} range={r.range} tz={tz} updatedAt={report.dataUpdatedAt} />
          {team !== undefined && <p className="page-subtitle">Team {team || "none"}</p>}
          {agent && (
            <p className="page-subtitle" data-testid="agent-offers" data-offers={agent.offers} data-answered={agent.answered} data-rona={agent.ringNoAnswer}>
              {offersText(agent)}
            </p>
          )}
        </div>
      </div>
      <BackfillBanner />
      <ViewToolbar view={view} range={r.range} tz={tz} onChange={setView} showTeam={false}>
        <CompareSelect />
      </ViewToolbar>
      {report.isError && !report.data ? (
        <ErrorState title="The agent's KPIs could not be loaded." error={report.error} onRetry={() => void report.refetch()} />
      ) : report.data && !agent ? (
        <p className="notice">No calls answered and no state time for this agent in the period. Pick another period; the timeline below still shows the chosen day.</p>
      ) : (
        <KpiTiles
          tiles={AGENT_TILES}
          summary={summary}
          previous={prevSummary}
          against={comparisonText(cmp, view.period, r.live)}
          series={undefined}
          now={now}
          updating={report.isPlaceholderData}
          variant={summary?.variant ?? "answered_within_over_answered"}
          impliedVariant={summary?.variant ?? "answered_within_over_answered"}
          scope={{ ...scope, teamIds: [], agentIds: [agentId], canDrill: true }}
          contextFor={agent ? { answered: `of ${formatCount(agent.offers)} offers (${formatCount(agent.ringNoAnswer)} rang, not answered)` } : undefined}
          queues={inScope}
        />
      )}
      {agent && (
        <section className="card" aria-labelledby="state-time-title">
          <h2 className="card-title" id="state-time-title">
            Time per state in the period
          </h2>
          <dl className="state-totals" data-testid="state-totals">
            <div>
              <dt>Ready</dt>
              <dd>{formatDuration(agent.stateMs.ready)}</dd>
            </div>
            <div>
              <dt>On calls</dt>
              <dd>{formatDuration(agent.stateMs.busy)}</dd>
            </div>
            <div>
              <dt>After-call work</dt>
              <dd>{formatDuration(agent.stateMs.after_call_work)}</dd>
            </div>
            <div>
              <dt>Not ready</dt>
              <dd>{formatDuration(agent.stateMs.not_ready)}</dd>
            </div>
            {Object.entries(agent.notReadyMsByReason)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([reason, ms]) => (
                <div key={reason} className="state-reason">
                  <dt>Not ready: {reasonLabel(reason)}</dt>
                  <dd>{formatDuration(ms)}</dd>
                </div>
              ))}
          </dl>
        </section>
      )}
      <TableCard
        id="timeline"
        title="State timeline"
        subtitle={
          <span className="timeline-day">
            <label htmlFor="timeline-day">Day</label>{" "}
            <input
              id="timeline-day"
              className="input input-small"
              type="date"
              value={r.day}
              max={toLocalDate(now, tz)}
              onChange={(e) => e.target.value && setDay(e.target.value)}
            />{" "}
            <span className="muted">times in {tz}</span>
          </span>
        }
        query={timeline}
        isEmpty={() => rows.length === 0 || rows.every((s) => s.state === "none")}
        empty={{ title: "No states recorded that day", hint: "The agent was not logged on. Pick another day." }}
        csvHref={exportHref("timeline", r.timeline, { tz })}
      >
        {() =>
          bar && (
            <>
              <StateTimeline model={bar} label={`${name}'s states on ${r.day}`} />
              <details className="chart-table">
                <summary>Show every interval ({rows.length})</summary>
                <DataTable
                  caption={`${name}'s state intervals on ${r.day}`}
                  columns={TIMELINE_COLUMNS}
                  rows={rows}
                  ctx={{ tz }}
                  rowKey={(s) => String(s.start)}
                  testId="timeline-table"
                />
              </details>
            </>
          )
        }
      </TableCard>
    </div>
  );
}
