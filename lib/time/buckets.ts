import { mod, tzOffsetMs, wallToInstant } from "./zone-offset";

/**
 * Interval bucket starts in an IANA time zone, computed the way ClickHouse's
 * toStartOfInterval / toStartOfDay on toTimeZone(t, tz) compute them: the local
 * wall clock is floored, so hours follow the zone's offset and days start at
 * local midnight (23 or 25 hours long across a DST change).
 */

export const INTERVALS = ["15m", "hour", "day"] as const;
export type Interval = (typeof INTERVALS)[number];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const STEP: Record<Interval, number> = { "15m": 15 * MINUTE, hour: HOUR, day: DAY };

/** Nominal length, for size estimates; real days vary with DST. */
export function nominalIntervalMs(interval: Interval): number {
  return STEP[interval];
}

/** Start of the bucket holding instant t. */
export function bucketStart(t: number, interval: Interval, tz: string): number {
  const local = t + tzOffsetMs(tz, t);
  if (interval === "day") return wallToInstant(tz, local - mod(local, DAY));
  // Flooring the wall clock by subtraction keeps the instant's own offset, so the
  // repeated hour of a DST fall-back is two buckets, as in ClickHouse.
  return t - mod(local, STEP[interval]);
}

/** Start of the bucket after the one starting at `start`. */
export function nextBucketStart(start: number, interval: Interval, tz: string): number {
  // 1.5 days from local midnight always lands in the next local day (days are 23-25 h).
  const probe = interval === "day" ? start + DAY + DAY / 2 : start + STEP[interval];
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
