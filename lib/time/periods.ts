import { bucketStart, nextBucketStart, type Interval } from "@/lib/kpi/time-buckets";

/**
 * The overview's named periods, as [from, to) instants in the viewer's own time
 * zone: "today" runs from local midnight to the next one, so a day is 23 or 25
 * hours across a DST change, exactly as the KPI engine buckets days.
 */
export const PERIOD_IDS = ["today", "yesterday", "last7", "last30"] as const;
export type PeriodId = (typeof PERIOD_IDS)[number];

export const PERIOD_LABELS: Record<PeriodId, string> = {
  today: "Today",
  yesterday: "Yesterday",
  last7: "Last 7 days",
  last30: "Last 30 days",
};

export const DEFAULT_PERIOD: PeriodId = "today";

export function isPeriodId(value: string | null | undefined): value is PeriodId {
  return value != null && (PERIOD_IDS as readonly string[]).includes(value);
}

export type TimeRange = { from: number; to: number };

const startOfDay = (t: number, tz: string) => bucketStart(t, "day", tz);
const nextDay = (dayStart: number, tz: string) => nextBucketStart(dayStart, "day", tz);

/** The local day `n` days before the one starting at `dayStart` (n >= 0). */
function daysBefore(dayStart: number, n: number, tz: string): number {
  let start = dayStart;
  // Noon of the previous day is always inside it, whatever the DST change.
  for (let i = 0; i < n; i++) start = startOfDay(start - 12 * 3_600_000, tz);
  return start;
}

/**
 * The range of a named period at instant `now`. "Last N days" are the N calendar
 * days ending with today (today included), because this is a live dashboard.
 */
export function periodRange(period: PeriodId, now: number, tz: string): TimeRange {
  const today = startOfDay(now, tz);
  const tomorrow = nextDay(today, tz);
  switch (period) {
    case "today":
      return { from: today, to: tomorrow };
    case "yesterday":
      return { from: daysBefore(today, 1, tz), to: today };
    case "last7":
      return { from: daysBefore(today, 6, tz), to: tomorrow };
    case "last30":
      return { from: daysBefore(today, 29, tz), to: tomorrow };
  }
}

/** Whether the period still grows (its data changes while you look at it). */
export function periodIncludesNow(range: TimeRange, now: number): boolean {
  return range.from <= now && now < range.to;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The chart interval that fits a range: quarter hours for one day, hours up to a
 * week, days beyond. The slack of an hour absorbs a 25-hour DST day.
 */
export function intervalForRange(range: TimeRange): Interval {
  const length = range.to - range.from;
  if (length <= DAY + HOUR) return "15m";
  if (length <= 7 * DAY + HOUR) return "hour";
  return "day";
}
