import { bucketStart, nextBucketStart, type Interval } from "./buckets";
import { tzOffsetMs } from "./zone-offset";

/**
 * The dashboards' named periods, as [from, to) instants in the viewer's own time
 * zone: "today" runs from local midnight to the next one, so a day is 23 or 25
 * hours across a DST change, exactly as the KPI engine buckets days. Weeks start
 * on Monday (ISO 8601). A custom period is a span of whole local days.
 */
export const PERIOD_IDS = ["today", "yesterday", "this_week", "last_week", "this_month", "last_month", "last7", "last30", "custom"] as const;
export type PeriodId = (typeof PERIOD_IDS)[number];
export type NamedPeriodId = Exclude<PeriodId, "custom">;

export const PERIOD_LABELS: Record<PeriodId, string> = {
  today: "Today",
  yesterday: "Yesterday",
  this_week: "This week",
  last_week: "Last week",
  this_month: "This month",
  last_month: "Last month",
  last7: "Last 7 days",
  last30: "Last 30 days",
  custom: "Custom",
};

export const DEFAULT_PERIOD: PeriodId = "today";

/** The longest custom span, matching what the KPI API accepts. */
export const MAX_CUSTOM_DAYS = 400;

export function isPeriodId(value: string | null | undefined): value is PeriodId {
  return value != null && (PERIOD_IDS as readonly string[]).includes(value);
}

export type TimeRange = { from: number; to: number };

/** A calendar date, "YYYY-MM-DD", as date inputs and the URL carry it. */
export type LocalDate = string;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const startOfDay = (t: number, tz: string) => bucketStart(t, "day", tz);
const nextDay = (dayStart: number, tz: string) => nextBucketStart(dayStart, "day", tz);

/** The local day `n` days before the one starting at `dayStart` (n >= 0). */
function daysBefore(dayStart: number, n: number, tz: string): number {
  let start = dayStart;
  // Noon of the previous day is always inside it, whatever the DST change.
  for (let i = 0; i < n; i++) start = startOfDay(start - 12 * HOUR, tz);
  return start;
}

function daysAfter(dayStart: number, n: number, tz: string): number {
  let start = dayStart;
  for (let i = 0; i < n; i++) start = nextDay(start, tz);
  return start;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2026-01-05" as [year, month 1-12, day], or null when it is not a real date. */
export function parseLocalDate(value: string | null | undefined): [number, number, number] | null {
  const m = value ? DATE_RE.exec(value) : null;
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || y < 1970 || y > 2199) return null;
  return [y, mo, d];
}

export function isLocalDate(value: string | null | undefined): value is LocalDate {
  return parseLocalDate(value) !== null;
}

/** Local midnight starting the date's day in `tz`. */
export function localDateStart(y: number, month: number, d: number, tz: string): number {
  // Local noon of that date, found from UTC noon and the zone's offset there, lies
  // inside the local day (offsets are within ±14 h), so its day start is the answer.
  const noonUtc = Date.UTC(y, month - 1, d, 12);
  return startOfDay(noonUtc - tzOffsetMs(tz, noonUtc), tz);
}

/** The local calendar date holding instant t. */
export function toLocalDate(t: number, tz: string): LocalDate {
  const wall = new Date(t + tzOffsetMs(tz, t));
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`;
}

/** The local day of a date, [midnight, next midnight). */
export function localDateRange(date: LocalDate, tz: string): TimeRange | null {
  const p = parseLocalDate(date);
  if (!p) return null;
  const from = localDateStart(p[0], p[1], p[2], tz);
  return { from, to: nextDay(from, tz) };
}

/**
 * The calendar days from `start` to `end`, both included (0 or less when the end
 * comes first), or null when either is not a date. Calendar days, not hours, so
 * the answer is the same in every zone.
 */
export function customSpanDays(start: LocalDate | null | undefined, end: LocalDate | null | undefined): number | null {
  const s = parseLocalDate(start);
  const e = parseLocalDate(end);
  if (!s || !e) return null;
  return Math.round((Date.UTC(e[0], e[1] - 1, e[2]) - Date.UTC(s[0], s[1] - 1, s[2])) / DAY) + 1;
}

/** Whole local days from `start` to `end`, both included; null when invalid, reversed or too long. */
export function customRange(start: LocalDate | undefined, end: LocalDate | undefined, tz: string): TimeRange | null {
  const s = parseLocalDate(start);
  const e = parseLocalDate(end);
  if (!s || !e) return null;
  const from = localDateStart(s[0], s[1], s[2], tz);
  const lastDay = localDateStart(e[0], e[1], e[2], tz);
  if (lastDay < from || lastDay - from > (MAX_CUSTOM_DAYS - 1) * DAY + HOUR) return null;
  return { from, to: nextDay(lastDay, tz) };
}

/** ISO weekday of the local day holding t: 1 = Monday ... 7 = Sunday. */
function isoWeekday(t: number, tz: string): number {
  const d = new Date(t + tzOffsetMs(tz, t)).getUTCDay();
  return d === 0 ? 7 : d;
}

function monthStart(t: number, tz: string, monthsBack: number): number {
  const wall = new Date(t + tzOffsetMs(tz, t));
  const first = new Date(Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth() - monthsBack, 1));
  return localDateStart(first.getUTCFullYear(), first.getUTCMonth() + 1, 1, tz);
}

/**
 * The range of a named period at instant `now`. "Last N days" are the N calendar
 * days ending with today (today included), because this is a live dashboard.
 */
export function periodRange(period: NamedPeriodId, now: number, tz: string): TimeRange {
  const today = startOfDay(now, tz);
  const tomorrow = nextDay(today, tz);
  switch (period) {
    case "today":
      return { from: today, to: tomorrow };
    case "yesterday":
      return { from: daysBefore(today, 1, tz), to: today };
    case "this_week": {
      const monday = daysBefore(today, isoWeekday(now, tz) - 1, tz);
      return { from: monday, to: daysAfter(monday, 7, tz) };
    }
    case "last_week": {
      const monday = daysBefore(today, isoWeekday(now, tz) - 1, tz);
      return { from: daysBefore(monday, 7, tz), to: monday };
    }
    case "this_month":
      return { from: monthStart(now, tz, 0), to: monthStart(now, tz, -1) };
    case "last_month":
      return { from: monthStart(now, tz, 1), to: monthStart(now, tz, 0) };
    case "last7":
      return { from: daysBefore(today, 6, tz), to: tomorrow };
    case "last30":
      return { from: daysBefore(today, 29, tz), to: tomorrow };
  }
}

/** The whole local days a range spans (a range of whole days, as every period is). */
function dayCount(range: TimeRange, tz: string): number {
  let n = 0;
  for (let s = range.from; s < range.to; s = nextDay(s, tz)) n++;
  return n;
}

/**
 * The period a view is compared with: the previous equal period, i.e. the day,
 * week or month before for calendar periods, else as many days just before. While
 * the period is still running, both are cut at the same point (today until now
 * against yesterday until the same time), so a half day is never set against a
 * whole one.
 */
export function previousRange(period: PeriodId, range: TimeRange, now: number, tz: string): TimeRange {
  let prev: TimeRange;
  switch (period) {
    case "this_month":
    case "last_month": {
      const from = monthStart(range.from + 12 * HOUR, tz, 1);
      prev = { from, to: range.from };
      break;
    }
    default: {
      const from = daysBefore(range.from, dayCount(range, tz), tz);
      prev = { from, to: range.from };
    }
  }
  if (periodIncludesNow(range, now)) prev = { from: prev.from, to: Math.min(prev.to, prev.from + (now - range.from)) };
  return prev;
}

/** What the change on a tile is measured against, in words. */
export function comparisonLabel(period: PeriodId, running: boolean): string {
  const base: Record<PeriodId, string> = {
    today: "yesterday",
    yesterday: "the day before",
    this_week: "last week",
    last_week: "the week before",
    this_month: "last month",
    last_month: "the month before",
    last7: "the 7 days before",
    last30: "the 30 days before",
    custom: "the days before",
  };
  return running ? `${base[period]} at the same point` : base[period];
}

/** Whether the period still grows (its data changes while you look at it). */
export function periodIncludesNow(range: TimeRange, now: number): boolean {
  return range.from <= now && now < range.to;
}

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
