import { toSearchParams } from "@/lib/api/search-params";

type Value = string | number | readonly string[] | undefined;

/** A table's CSV download: the request of the table's own endpoint plus the export's extras (sort, tz, metric). */
export function exportHref(table: string, req: Record<string, Value>, extra: Record<string, Value> = {}): string {
  return `/api/export/${table}?${toSearchParams({ ...req, ...extra })}`;
}
