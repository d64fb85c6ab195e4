import type { ClickHouseClient } from "@clickhouse/client";
import { getAgentKpis, getHeatmap, getKpiSeries, getQueueKpis } from "@/lib/kpi";
import { getAgentTimeline } from "@/lib/agent-timeline/agent-timeline";
import { toCsv } from "@/lib/csv/csv";
import type { ExportParams } from "@/lib/api/params";
import { toLocalDate } from "@/lib/time/periods";
import { AGENT_DEFAULT_SORT, TEAM_DEFAULT_SORT, agentColumns, teamColumns } from "@/lib/tables/agent-table";
import { heatmapColumns, heatmapRows } from "@/lib/tables/heatmap-table";
import { QUEUE_COLUMNS, QUEUE_DEFAULT_SORT } from "@/lib/tables/queue-table";
import { agentTotals, queueTotals, teamTotals } from "@/lib/tables/totals";
import { filterScope } from "@/lib/kpi/not-applicable";
import { resolveSort, sortRows, findColumn, tableText, type Column, type SortState } from "@/lib/tables/table";
import { TIMELINE_COLUMNS, timelineRows } from "@/lib/tables/timeline-table";
import { TREND_COLUMNS, trendRows } from "@/lib/tables/trend-table";

/**
 * A dashboard table as a CSV file: fetched with the same engine call as the
 * page's endpoint, ordered and written with the same column definitions as the
 * page, so the file has the rows and columns the page shows.
 */

export type CsvFile = { filename: string; csv: string };
/** Every table but contacts, which is streamed (contacts-csv.ts). */
export type TableExportParams = Exclude<ExportParams, { table: "contacts" }>;

/** The rows in the page's order, then the page's totals row. */
function sortedText<R>(columns: readonly Column<R>[], rows: readonly R[], sort: SortState, tz: string, totals: R): string[][] {
  return tableText(columns, sortRows(rows, findColumn(columns, sort.id), sort.dir), { tz }, "csv", totals);
}

export function filename(table: string, from: number, to: number, tz: string): string {
  const first = toLocalDate(from, tz);
  const last = toLocalDate(to - 1, tz);
  return `${table}-${first === last ? first : `${first}_${last}`}.csv`;
}

export async function exportCsv(ch: ClickHouseClient, tenantId: string, p: TableExportParams, now = Date.now()): Promise<CsvFile> {
  const period = { tenantId, from: p.from, to: p.to };
  const scope = "queue" in p ? { ...period, queueIds: p.queue, teamIds: p.team } : period;
  // Tables without times still name their file by dates; UTC then, as nothing else is known.
  const tz = "tz" in p ? p.tz : "UTC";
  const file = (rows: string[][]): CsvFile => ({ filename: filename(p.table, p.from, p.to, tz), csv: toCsv(rows) });

  switch (p.table) {
    case "queues": {
      const rows = await getQueueKpis(ch, scope);
      return file(sortedText(QUEUE_COLUMNS, rows, resolveSort(QUEUE_COLUMNS, p.sort, p.dir, QUEUE_DEFAULT_SORT), tz, queueTotals(rows, filterScope(p.team))));
    }
    case "agents": {
      const report = await getAgentKpis(ch, { ...scope, agentIds: p.agent });
      const columns = agentColumns(report);
      return file(sortedText(columns, report.agents, resolveSort(columns, p.sort, p.dir, AGENT_DEFAULT_SORT), tz, agentTotals(report)));
    }
    case "teams": {
      const report = await getAgentKpis(ch, scope);
      const columns = teamColumns(report);
      return file(sortedText(columns, report.teams, resolveSort(columns, p.sort, p.dir, TEAM_DEFAULT_SORT), tz, teamTotals(report)));
    }
    case "trends": {
      const series = await getKpiSeries(ch, { ...scope, interval: p.interval, tz: p.tz, variant: p.variant });
      return file(tableText(TREND_COLUMNS, trendRows(series.points, now), { tz }, "csv"));
    }
    case "heatmap": {
      const heatmap = await getHeatmap(ch, { ...scope, tz: p.tz, variant: p.variant });
      return file(tableText(heatmapColumns(p.metric), heatmapRows(heatmap), { tz }, "csv"));
    }
    case "timeline": {
      const timeline = await getAgentTimeline(ch, { tenantId, agentId: p.agent, from: p.from, to: p.to });
      return {
        filename: `timeline-${p.agent}-${toLocalDate(p.from, tz)}.csv`,
        csv: toCsv(tableText(TIMELINE_COLUMNS, timelineRows(timeline.segments, now), { tz }, "csv")),
      };
    }
  }
}
