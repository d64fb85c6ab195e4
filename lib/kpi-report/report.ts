import type { QueueKpis } from "@/lib/kpi";
import { QUEUE_COLUMNS } from "@/lib/tables/queue-table";
import { tableText } from "@/lib/tables/table";
import type { KpiArgs } from "./args";

/**
 * `npm run kpi`'s report: the dashboards' Queues table (lib/tables/queue-table.ts), its
 * labels and its cell formats, turned on its side so that it fits a terminal: one line
 * per KPI, one column per queue. The first column is left-aligned, the queues' right.
 */
export function kpiReportText(queues: readonly QueueKpis[], a: Pick<KpiArgs, "fromDate" | "toDate" | "tz">): string {
  const heading = `KPIs per queue, ${a.fromDate === a.toDate ? a.fromDate : `${a.fromDate} to ${a.toDate}`} (${a.tz}); each queue by its own service-level settings`;
  if (queues.length === 0) return `${heading}\nNo queue is configured and none had calls in this period.\n`;
  const table = tableText(QUEUE_COLUMNS, queues, { tz: a.tz }, "page");
  const lines = QUEUE_COLUMNS.map((_, c) => table.map((row) => row[c] ?? ""));
  const widths = (lines[0] ?? []).map((_, col) => Math.max(...lines.map((l) => (l[col] ?? "").length)));
  const text = lines.map((l) =>
    l
      .map((cell, col) => (col === 0 ? cell.padEnd(widths[col] ?? 0) : cell.padStart(widths[col] ?? 0)))
      .join("  ")
      .trimEnd(),
  );
  return `${heading}\n${text.join("\n")}\n`;
}

/** The same report for machines: the period as instants and as asked, and each queue as the dashboards' API returns it (raw counts, ratios, milliseconds). */
export function kpiReportJson(queues: readonly QueueKpis[], a: Pick<KpiArgs, "fromDate" | "toDate" | "tz" | "range">): string {
  const period = { from: new Date(a.range.from).toISOString(), to: new Date(a.range.to).toISOString(), fromDate: a.fromDate, toDate: a.toDate, tz: a.tz };
  return `${JSON.stringify({ period, queues }, null, 2)}\n`;
}
