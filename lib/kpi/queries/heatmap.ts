import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import type { KpiId, SlVariant } from "../definitions";
import { computeKpis, type KpiResult } from "../formulas";
import { fromBeforeTo, periodShape, slVariantSchema } from "../inputs";
import { ZERO_COUNTS, type KpiCounts } from "../kpi-counts";
import { filterScope } from "../not-applicable";
import { bucketStart, bucketStarts, nextBucketStart } from "@/lib/time/buckets";
import { isTimeZone, tzOffsetMs } from "@/lib/time/zone-offset";
import { COUNT_COLUMNS_SQL, contactCountsShape, toKpiCounts } from "./count-columns";
import { queryRows, sqlNumber } from "@/lib/store/query-rows";
import { SEGMENTS_SQL, segmentParams } from "./segments-sql";

/**
 * Contact counts by local hour of day and day of week: when the load comes and
 * when service suffers. A contact falls in the hour its caller entered the queue,
 * on the viewer's wall clock (weekday 1 = Monday ... 7 = Sunday, ISO 8601).
 */

export const HEATMAP_SQL = `
SELECT
  toDayOfWeek(toTimeZone(queued_at, {tz:String})) AS weekday,
  toHour(toTimeZone(queued_at, {tz:String})) AS hour,
  toInt64(toUnixTimestamp64Milli(min(queued_at))) AS firstMs,
  toInt64(toUnixTimestamp64Milli(max(queued_at))) AS lastMs,
  ${COUNT_COLUMNS_SQL}
FROM (${SEGMENTS_SQL})
GROUP BY weekday, hour
ORDER BY weekday, hour`;

export const heatmapRowSchema = z.object({ weekday: sqlNumber, hour: sqlNumber, firstMs: sqlNumber, lastMs: sqlNumber, ...contactCountsShape });
export type HeatmapRow = z.output<typeof heatmapRowSchema>;

export const heatmapInputSchema = z
  .object({
    ...periodShape,
    tz: z.string().min(1).max(64).refine(isTimeZone, "unknown time zone").default("UTC"),
    variant: slVariantSchema,
  })
  .refine(...fromBeforeTo);
export type HeatmapInput = z.input<typeof heatmapInputSchema>;

export type HeatmapCell = {
  weekday: number;
  hour: number;
  counts: KpiCounts;
  kpis: Record<KpiId, KpiResult>;
};

export type Heatmap = {
  tz: string;
  variant: SlVariant;
  from: number;
  to: number;
  /**
   * How many of each weekday (index 0 = Monday) the per-day averages divide by: the
   * local days from the first to the last with a contact, within the period. Days
   * before any data existed (a long range over a young store) or not yet come
   * (the rest of this month) would only dilute the averages.
   */
  days: number[];
  /** The local days counted, [from, to); null when the period has no contact. */
  dataSpan: { from: number; to: number } | null;
  /** 7 rows (Monday first) of 24 cells (hour 0 first); empty cells hold zeros. */
  rows: HeatmapCell[][];
};

/** ISO weekday (1 = Monday) of the local day holding instant t. */
export function localWeekday(t: number, tz: string): number {
  const d = new Date(t + tzOffsetMs(tz, t)).getUTCDay();
  return d === 0 ? 7 : d;
}

/**
 * The whole local days from the one holding the first contact to the one holding
 * the last, clipped to the period; null with no contact.
 */
export function dataDays(from: number, to: number, tz: string, firstMs: number | null, lastMs: number | null): { from: number; to: number } | null {
  if (firstMs === null || lastMs === null) return null;
  return { from: Math.max(from, bucketStart(firstMs, "day", tz)), to: Math.min(to, nextBucketStart(bucketStart(lastMs, "day", tz), "day", tz)) };
}

/** The local days in [from, to) per weekday; a partly covered day counts as one. */
export function weekdayCounts(from: number, to: number, tz: string): number[] {
  const days = [0, 0, 0, 0, 0, 0, 0];
  for (const start of bucketStarts(from, to, "day", tz, 5000)) {
    const i = localWeekday(Math.max(start, from), tz) - 1;
    days[i] = (days[i] ?? 0) + 1;
  }
  return days;
}

export function prepareHeatmap(rows: readonly HeatmapRow[], opts: { from: number; to: number; tz: string; variant: SlVariant; teamIds?: readonly string[] }): Heatmap {
  const scope = filterScope(opts.teamIds ?? []);
  const byCell = new Map(rows.map((r) => [`${r.weekday}:${r.hour}`, toKpiCounts(r)]));
  const grid = Array.from({ length: 7 }, (_, d) =>
    Array.from({ length: 24 }, (_, hour): HeatmapCell => {
      const weekday = d + 1;
      const counts = byCell.get(`${weekday}:${hour}`) ?? { ...ZERO_COUNTS };
      return { weekday, hour, counts, kpis: computeKpis(counts, opts.variant, scope) };
    }),
  );
  const firstMs = rows.length > 0 ? Math.min(...rows.map((r) => r.firstMs)) : null;
  const lastMs = rows.length > 0 ? Math.max(...rows.map((r) => r.lastMs)) : null;
  const span = dataDays(opts.from, opts.to, opts.tz, firstMs, lastMs);
  const days = span ? weekdayCounts(span.from, span.to, opts.tz) : [0, 0, 0, 0, 0, 0, 0];
  return { tz: opts.tz, variant: opts.variant, from: opts.from, to: opts.to, days, dataSpan: span, rows: grid };
}

export async function queryHeatmap(ch: ClickHouseClient, input: HeatmapInput): Promise<Heatmap> {
  const p = heatmapInputSchema.parse(input);
  const rows = await queryRows(ch, HEATMAP_SQL, { ...segmentParams(p), tz: p.tz }, heatmapRowSchema);
  return prepareHeatmap(rows, p);
}
