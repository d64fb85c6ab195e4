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
  tone?: (row: R) => string;
};

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

/** The page's rows as text: header row, then one row per data row. */
export function tableText<R>(columns: readonly Column<R>[], rows: readonly R[], ctx: TableContext, target: "page" | "csv"): string[][] {
  return [columns.map((c) => c.header), ...rows.map((r) => columns.map((c) => cellText(c.kind, c.value(r), ctx, target)))];
}

export type SortState = { id: string; dir: SortDir };

/** The sort a URL asks for, if that column exists; else the table's default. */
export function resolveSort<R>(columns: readonly Column<R>[], sort: string | null | undefined, dir: string | null | undefined, fallback: SortState): SortState {
  const column = findColumn(columns, sort);
  if (!column) return fallback;
  return { id: column.id, dir: dir === "asc" || dir === "desc" ? dir : fallback.dir };
}
