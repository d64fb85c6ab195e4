import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import type { KpiId, SlVariant } from "../definitions";
import { computeKpis, type KpiResult } from "../formulas";
import { fromBeforeTo, periodShape, slVariantSchema } from "../inputs";
import { ZERO_COUNTS, addCounts, type KpiCounts } from "../kpi-counts";
import { filterScope } from "../not-applicable";
import { INTERVALS, bucketStart, bucketStarts, nextBucketStart, nominalIntervalMs, type Interval, type StoreInterval } from "@/lib/time/buckets";
import { isTimeZone } from "@/lib/time/zone-offset";
import { COUNT_COLUMNS_SQL, contactCountsShape, toKpiCounts } from "./count-columns";
import { queryRows, sqlNumber } from "@/lib/store/query-rows";
import { SEGMENTS_SQL, segmentParams } from "./segments-sql";

/**
 * Contact counts per interval in a time zone, made gap-free. A contact falls in
 * the interval of its queue entry. Occupancy is not part of the series: agent
 * state intervals span buckets and would need splitting (its value is null here).
 */

export const MAX_SERIES_POINTS = 5000;

// Whitelisted bucket expressions; the zone itself is a parameter.
const BUCKET_SQL: Record<StoreInterval, string> = {
  "15m": "toStartOfInterval(toTimeZone(queued_at, {tz:String}), INTERVAL 15 MINUTE)",
  hour: "toStartOfInterval(toTimeZone(queued_at, {tz:String}), INTERVAL 1 HOUR)",
  day: "toStartOfDay(toTimeZone(queued_at, {tz:String}))",
};

/** Weeks and months are read as days and summed here, where a local week or month is exact across DST. */
export function storeInterval(interval: Interval): StoreInterval {
  return interval === "week" || interval === "month" ? "day" : interval;
}

export function seriesSql(interval: StoreInterval): string {
  return `
SELECT toInt64(toUnixTimestamp(${BUCKET_SQL[interval]})) * 1000 AS bucketMs, ${COUNT_COLUMNS_SQL}
FROM (${SEGMENTS_SQL})
GROUP BY bucketMs
ORDER BY bucketMs`;
}

export const seriesRowSchema = z.object({ bucketMs: sqlNumber, ...contactCountsShape });
export type SeriesRow = z.output<typeof seriesRowSchema>;

export const seriesInputSchema = z
  .object({
    ...periodShape,
    interval: z.enum(INTERVALS),
    tz: z.string().min(1).max(64).refine(isTimeZone, "unknown time zone").default("UTC"),
    variant: slVariantSchema,
  })
  .refine(...fromBeforeTo)
  .refine((v) => (v.to - v.from) / nominalIntervalMs(v.interval) <= MAX_SERIES_POINTS, {
    message: `at most ${MAX_SERIES_POINTS} intervals; choose a longer interval`,
    path: ["interval"],
  });
export type SeriesInput = z.input<typeof seriesInputSchema>;

export type SeriesPoint = {
  /** Bucket start, epoch ms (local midnight for 'day', of Monday for 'week', of the 1st for 'month'); may be before the period's from. */
  start: number;
  /** Next bucket's start, epoch ms; a bucket is [start, end). */
  end: number;
  counts: KpiCounts;
  kpis: Record<KpiId, KpiResult>;
};

export type KpiSeries = { interval: Interval; tz: string; variant: SlVariant; from: number; to: number; points: SeriesPoint[] };

/**
 * Every interval from the one holding `from` up to `to`, empty ones as zeros. Bucket
 * starts are computed here for the zone; any start the database returned is kept
 * as well, so a disagreement in some exotic zone could never drop counts.
 */
export function prepareSeries(
  rows: readonly SeriesRow[],
  opts: { from: number; to: number; interval: Interval; tz: string; variant: SlVariant; teamIds?: readonly string[] },
): KpiSeries {
  const byStart = new Map<number, KpiCounts>();
  const summed = storeInterval(opts.interval) !== opts.interval;
  for (const r of rows) {
    const start = summed ? bucketStart(r.bucketMs, opts.interval, opts.tz) : r.bucketMs;
    const had = byStart.get(start);
    byStart.set(start, had ? addCounts(had, toKpiCounts(r)) : toKpiCounts(r));
  }
  const starts = new Set(bucketStarts(opts.from, opts.to, opts.interval, opts.tz, MAX_SERIES_POINTS + 2));
  for (const s of byStart.keys()) starts.add(s);
  const sorted = [...starts].sort((a, b) => a - b);
  const scope = filterScope(opts.teamIds ?? []);
  const points = sorted.map((start, i) => {
    const counts = byStart.get(start) ?? { ...ZERO_COUNTS };
    const end = sorted[i + 1] ?? nextBucketStart(start, opts.interval, opts.tz);
    return { start, end: Math.min(end, nextBucketStart(start, opts.interval, opts.tz)), counts, kpis: computeKpis(counts, opts.variant, scope) };
  });
  return { interval: opts.interval, tz: opts.tz, variant: opts.variant, from: opts.from, to: opts.to, points };
}

export async function querySeries(ch: ClickHouseClient, input: SeriesInput): Promise<KpiSeries> {
  const p = seriesInputSchema.parse(input);
  const rows = await queryRows(ch, seriesSql(storeInterval(p.interval)), { ...segmentParams(p), tz: p.tz }, seriesRowSchema);
  return prepareSeries(rows, p);
}
