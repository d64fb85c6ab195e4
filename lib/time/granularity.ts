import type { Interval } from "./buckets";
import { intervalForRange, type TimeRange } from "./periods";

/**
 * The trend's granularity for long ranges (?g= in the URL): day, week (Monday to
 * Sunday in the shown zone) or month (calendar month). Up to a week the chart keeps
 * its quarter hours or hours; beyond, the default follows the span so a chart
 * never draws hundreds of thin bars: days up to about two months, weeks up to
 * about six, months beyond.
 */
export const GRANULARITIES = ["day", "week", "month"] as const;
export type Granularity = (typeof GRANULARITIES)[number];

export const GRANULARITY_LABELS: Record<Granularity, string> = { day: "Day", week: "Week", month: "Month" };

const DAY = 86_400_000;

export function isGranularity(value: string | null | undefined): value is Granularity {
  return (GRANULARITIES as readonly string[]).includes(value ?? "");
}

/** Whether the range is long enough for a choice of granularity (more than a week). */
export function offersGranularity(range: TimeRange): boolean {
  return intervalForRange(range) === "day";
}

/** The interval a range is drawn in by default. */
export function defaultInterval(range: TimeRange): Interval {
  const short = intervalForRange(range);
  if (short !== "day") return short;
  const days = (range.to - range.from) / DAY;
  return days <= 62 ? "day" : days <= 190 ? "week" : "month";
}

/** The chosen granularity where the range offers one, else the default. */
export function chartInterval(range: TimeRange, chosen: string | null | undefined): Interval {
  return offersGranularity(range) && isGranularity(chosen) ? chosen : defaultInterval(range);
}
