import type { KpiId } from "@/lib/kpi/definitions";
import { formatCount, formatDateTime, formatDuration, formatPercent } from "./format";

/**
 * A table as data: its columns, each with a header, a kind and how to read a row.
 * The page renders it and the CSV export writes it from the same definition, so
 * the file always has the rows and columns the page shows.
 */

export type CellKind = "text" | "count" | "ratio" | "duration" | "time" | "flag";
export type CellValue = string | number | boolean | null;

export type Column<R> = {
  /** Stable id: the sort key in the URL and the column's test hook. */
  id: string;
  header: string;
  kind: CellKind;
  value: (row: R) => CellValue;
  /** The KPI the column shows, so its header can explain it. */
  kpi?: KpiId;
  /** A status the page shows as the cell's colour (data-tone), doubling what the cell's text says. */
  tone?: (row: R) => string | undefined;
  /** Written to a file only (an id beside the name the page shows). */
  csvOnly?: boolean;
  /** Why the row's value means nothing (a team's abandons), when it does not: shown instead of a number. */
  notApplicable?: (row: R) => string | undefined;
};

/** What a not-applicable cell says on the page and in a file; the reason is beside it (title, explain, notes). */
export const NOT_APPLICABLE_TEXT = { page: "n/a", csv: "not applicable" } as const;

/** A duration in a file: always h:mm:ss, so "0:04:02" is never read as 4:02 in the morning or afternoon. */
export function formatHms(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${Math.floor(total / 3600)}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
}

/** Milliseconds as seconds for a spreadsheet, to the millisecond, no thousands separators. */
export function secondsText(ms: number): string {
  return String(Math.round(ms) / 1000);
}

export type SortDir = "asc" | "desc";
export type TableContext = { tz: string };

/**
 * A cell as text. Counts have thousands separators on the page but not in a file,
 * where a spreadsheet must read them as numbers; everything else is the same text.
 * Null (nothing to divide by, or not applicable) is a dash on the page and empty in a file.
 */
export function cellText(kind: CellKind, value: CellValue, ctx: TableContext, target: "page" | "csv" = "page"): string {
  if (value === null || (typeof value === "number" && !Number.isFinite(value))) return target === "page" ? "—" : "";
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (typeof value === "string") return value;
  switch (kind) {
    case "count":
      return target === "page" ? formatCount(value) : String(Math.round(value));
    case "ratio":
      return formatPercent(value);
    case "duration":
      return formatDuration(value);
    case "time":
      return formatDateTime(value, ctx.tz);
    case "flag":
      return value ? "Yes" : "No";
    case "text":
      return String(value);
  }
}

function compare(a: CellValue, b: CellValue): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
  return String(a).localeCompare(String(b), "en", { numeric: true, sensitivity: "base" });
}

/**
 * Rows ordered by one column. Empty values (null) go last in both directions, so
 * sorting by service level never leads with queues that had no calls. Ties keep
 * their original order.
 */
export function sortRows<R>(rows: readonly R[], column: Column<R> | undefined, dir: SortDir): R[] {
  if (!column) return [...rows];
  const sign = dir === "asc" ? 1 : -1;
  return rows
    .map((row, i) => ({ row, i, v: column.value(row) }))
    .sort((x, y) => {
      if (x.v === null || y.v === null) return x.v === y.v ? x.i - y.i : x.v === null ? 1 : -1;
      return sign * compare(x.v, y.v) || x.i - y.i;
    })
    .map((x) => x.row);
}

export function findColumn<R>(columns: readonly Column<R>[], id: string | null | undefined): Column<R> | undefined {
  return columns.find((c) => c.id === id);
}

/**
 * One cell's text or texts. In a file a duration is two fields, seconds as a number
 * and h:mm:ss beside it (see csvHeaders); everywhere else one field.
 */
function cellTexts<R>(c: Column<R>, row: R, ctx: TableContext, target: "page" | "csv"): string[] {
  const na = c.notApplicable?.(row);
  const twin = target === "csv" && c.kind === "duration";
  if (na !== undefined) return twin ? [NOT_APPLICABLE_TEXT.csv, NOT_APPLICABLE_TEXT.csv] : [NOT_APPLICABLE_TEXT[target]];
  const v = c.value(row);
  if (!twin) return [cellText(c.kind, v, ctx, target)];
  return typeof v === "number" && Number.isFinite(v) ? [secondsText(v), formatHms(v)] : ["", ""];
}

/** The columns a page or a file shows. */
export function forTarget<R>(columns: readonly Column<R>[], target: "page" | "csv"): readonly Column<R>[] {
  return target === "csv" ? columns : columns.filter((c) => !c.csvOnly);
}

/** Header texts; a file's duration column becomes "Wait (s)" and "Wait (h:mm:ss)". */
export function columnHeaders<R>(columns: readonly Column<R>[], target: "page" | "csv"): string[] {
  return forTarget(columns, target).flatMap((c) => (target === "csv" && c.kind === "duration" ? [`${c.header} (s)`, `${c.header} (h:mm:ss)`] : [c.header]));
}

/** The page's rows as text: header row, then one row per data row, then the totals row if any. */
export function tableText<R>(columns: readonly Column<R>[], rows: readonly R[], ctx: TableContext, target: "page" | "csv", totals?: R): string[][] {
  const all = totals === undefined ? rows : [...rows, totals];
  const shown = forTarget(columns, target);
  return [columnHeaders(columns, target), ...all.map((r) => shown.flatMap((c) => cellTexts(c, r, ctx, target)))];
}

/** A page cell: its text, and the reason when it is not applicable. */
export function pageCell<R>(c: Column<R>, row: R, ctx: TableContext): { text: string; value: CellValue; notApplicable?: string } {
  const na = c.notApplicable?.(row);
  const value = c.value(row);
  return na !== undefined ? { text: NOT_APPLICABLE_TEXT.page, value: null, notApplicable: na } : { text: cellText(c.kind, value, ctx), value };
}

/** Fills `notApplicable` of every KPI column from the row's own KPI results. */
export function withKpiNotApplicable<R extends { kpis: Record<KpiId, { notApplicable?: { reason: string } }> }>(columns: readonly Column<R>[]): Column<R>[] {
  return columns.map((c) => {
    const kpi = c.kpi;
    return kpi && !c.notApplicable ? { ...c, notApplicable: (r: R) => r.kpis[kpi].notApplicable?.reason } : c;
  });
}

export type SortState = { id: string; dir: SortDir };

/** The sort a URL asks for, if that column exists; else the table's default. */
export function resolveSort<R>(columns: readonly Column<R>[], sort: string | null | undefined, dir: string | null | undefined, fallback: SortState): SortState {
  const column = findColumn(columns, sort);
  if (!column) return fallback;
  return { id: column.id, dir: dir === "asc" || dir === "desc" ? dir : fallback.dir };
}
