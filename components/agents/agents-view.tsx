"use client";

import { useMemo } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { apiQueryOptions } from "@/lib/query-options/api-query";
import { exportHref } from "@/lib/query-options/export-href";
import { tableRequests } from "@/lib/views/table-requests";
import { viewHref } from "@/lib/views/view-params";
import { AGENT_DEFAULT_SORT, TEAM_DEFAULT_SORT, agentColumns, teamColumns } from "@/lib/tables/agent-table";
import type { AgentsReport } from "@/lib/kpi";
import { agentTotals, teamTotals } from "@/lib/tables/totals";
import { BackfillBanner } from "@/components/kit/backfill-banner";
import { PeriodCaption } from "@/components/kit/period-caption";
import { useNow } from "@/components/kit/use-client-clock";
import { useShownTimeZone } from "@/components/kit/shown-zone";
import { useView } from "@/components/kit/use-view";
import { ViewToolbar } from "@/components/kit/view-toolbar";
import { ColumnNotes } from "@/components/table/column-notes";
import { DataTable } from "@/components/table/data-table";
import { TableCard } from "@/components/table/table-card";
import { useTableSort } from "@/components/table/use-table-sort";

const EMPTY: Pick<AgentsReport, "agents" | "teams"> = { agents: [], teams: [] };

/** Agents: one row per agent and one per team, sortable; each agent opens their page with a state timeline. */
export function AgentsView() {
  const { view, setView } = useView();
  const tz = useShownTimeZone();
  const now = useNow();
  const r = tableRequests({ view, now, tz });
  const report = useQuery({
    ...apiQueryOptions("/api/kpi/agents", r.agents, { live: r.live }),
    placeholderData: keepPreviousData,
  });
  const columns = useMemo(() => agentColumns(report.data ?? EMPTY), [report.data]);
  const tColumns = useMemo(() => teamColumns(report.data ?? EMPTY), [report.data]);
  const [sort, setSort] = useTableSort(columns, AGENT_DEFAULT_SORT);
  const [tSort, setTSort] = useTableSort(tColumns, TEAM_DEFAULT_SORT, "t");

  const empty = { title: "No agent activity", hint: "No agent answered a call or changed state in this period. Pick another period or clear the filters." };
  return (
    <div className="dashboard">
      <div className="page-header">
        <div>
          <h1 className="page-title">Agents</h1>
          <PeriodCaption period={view.period} range={r.range} tz={tz} updatedAt={report.dataUpdatedAt} />
        </div>
      </div>
      <BackfillBanner />
      <ViewToolbar view={view} range={r.range} tz={tz} onChange={setView} />
      <TableCard
        id="agents-table"
        title="Agents"
        subtitle="Contacts that entered the queue in the period; state time clipped to it. Offers are calls that rang the agent: answered plus rang, not answered. Talk, hold and ACW are per handled contact and add up to AHT."
        query={report}
        isEmpty={(d) => d.agents.length === 0}
        empty={empty}
        csvHref={exportHref("agents", r.agents, { sort: sort.id, dir: sort.dir })}
      >
        {(d) => (
          <>
            <DataTable
              caption="KPIs per agent"
              columns={columns}
              rows={d.agents}
              ctx={{ tz }}
              rowKey={(a) => a.agentId}
              rowHref={(a) => viewHref(`/agents/${encodeURIComponent(a.agentId)}`, { ...view, teamIds: [] })}
              sort={{ state: sort, onSort: setSort }}
              testId="agents-table"
              totals={agentTotals(d)}
            />
            <ColumnNotes columns={columns} />
          </>
        )}
      </TableCard>
      <TableCard
        id="teams-table"
        title="Teams"
        subtitle="The sums of each team's agents above"
        query={report}
        isEmpty={(d) => d.teams.length === 0}
        empty={empty}
        csvHref={exportHref("teams", { ...r.agents, agent: undefined }, { sort: tSort.id, dir: tSort.dir })}
      >
        {(d) => (
          <DataTable
            caption="KPIs per team"
            columns={tColumns}
            rows={d.teams}
            ctx={{ tz }}
            rowKey={(t) => t.teamId}
            sort={{ state: tSort, onSort: setTSort }}
            testId="teams-table"
            totals={teamTotals(d)}
          />
        )}
      </TableCard>
    </div>
  );
}
