import type { SeriesPoint } from "@/lib/kpi";
import type { Column } from "./table";

/** The trends page's numbers per interval, as its chart shows them. */
export const TREND_COLUMNS: readonly Column<SeriesPoint>[] = [
  { id: "start", header: "Interval start", kind: "time", value: (p) => p.start },
  { id: "end", header: "Interval end", kind: "time", value: (p) => p.end },
  { id: "offered", header: "Offered", kind: "count", kpi: "offered", value: (p) => p.counts.offered },
  { id: "answered", header: "Answered", kind: "count", kpi: "answered", value: (p) => p.counts.answered },
  { id: "abandoned", header: "Abandoned", kind: "count", kpi: "abandoned", value: (p) => p.counts.abandoned },
  { id: "abandon_rate", header: "Abandon rate", kind: "ratio", kpi: "abandon_rate", value: (p) => p.kpis.abandon_rate.value },
  { id: "service_level", header: "Service level", kind: "ratio", kpi: "service_level", value: (p) => p.kpis.service_level.value },
  { id: "asa", header: "ASA", kind: "duration", kpi: "asa", value: (p) => p.kpis.asa.value },
  { id: "aht", header: "AHT", kind: "duration", kpi: "aht", value: (p) => p.kpis.aht.value },
];

/**
 * Intervals that start after `now` are dropped: a period such as "today" asks for
 * the whole day, but an empty future is not a quiet morning and must not look like one.
 */
export function trendRows(points: readonly SeriesPoint[], now: number): SeriesPoint[] {
  return points.filter((p) => p.start <= now);
}
