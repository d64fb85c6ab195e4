import { mod, tzOffsetMs, wallToInstant } from "./zone-offset";

/**
 * Interval bucket starts in an IANA time zone, computed the way ClickHouse's
 * toStartOfInterval / toStartOfDay on toTimeZone(t, tz) compute them: the local
 * wall clock is floored, so hours follow the zone's offset and days start at
 * local midnight (23 or 25 hours long across a DST change). Weeks start on Monday at
 * local midnight (ISO 8601) and months on the 1st at local midnight.
 */

export const INTERVALS = ["15m", "hour", "day", "week", "month"] as const;
export type Interval = (typeof INTERVALS)[number];
/** The intervals the store buckets itself; weeks and months are summed from days (series.ts). */
export type StoreInterval = Exclude<Interval, "week" | "month">;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const STEP: Record<Interval, number> = { "15m": 15 * MINUTE, hour: HOUR, day: DAY, week: 7 * DAY, month: 30 * DAY };

/** Nominal length, for size estimates; real days vary with DST. */
export function nominalIntervalMs(interval: Interval): number {
  return STEP[interval];
}

/** Start of the bucket holding instant t. */
export function bucketStart(t: number, interval: Interval, tz: string): number {
  const local = t + tzOffsetMs(tz, t);
  if (interval === "day") return wallToInstant(tz, local - mod(local, DAY));
  if (interval === "week") {
    const midnight = local - mod(local, DAY);
    // Epoch day 0 (1970-01-01) was a Thursday: days since the last Monday.
    const sinceMonday = mod(Math.floor(midnight / DAY) + 3, 7);
    return wallToInstant(tz, midnight - sinceMonday * DAY);
  }
  if (interval === "month") {
    const wall = new Date(local);
    return wallToInstant(tz, Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), 1));
  }
  // Flooring the wall clock by subtraction keeps the instant's own offset, so the
  // repeated hour of a DST fall-back is two buckets, as in ClickHouse.
  return t - mod(local, STEP[interval]);
}

const PROBE: Record<Interval, (start: number) => number> = {
  "15m": (s) => s + STEP["15m"],
  hour: (s) => s + HOUR,
  day: (s) => s + DAY + DAY / 2,
  week: (s) => s + 7 * DAY + DAY / 2,
  month: (s) => s + 32 * DAY,
};

/** Start of the bucket after the one starting at `start`. */
export function nextBucketStart(start: number, interval: Interval, tz: string): number {
  // 1.5 days from local midnight always lands in the next local day (days are 23-25 h); 7.5
  // days from a Monday in the next week; 32 days from the 1st in the next month (28-31 days).
  const probe = PROBE[interval](start);
  const next = bucketStart(probe, interval, tz);
  return next > start ? next : start + STEP[interval];
}

/** Every bucket start from the one holding `from` up to (not including) `to`. */
export function bucketStarts(from: number, to: number, interval: Interval, tz: string, max = 20_000): number[] {
  const out: number[] = [];
  for (let s = bucketStart(from, interval, tz); s < to; s = nextBucketStart(s, interval, tz)) {
    if (out.length >= max) throw new RangeError(`more than ${max} ${interval} intervals between ${from} and ${to}`);
    out.push(s);
  }
  return out;
}
