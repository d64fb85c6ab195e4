import { comparisonLabel, periodIncludesNow, previousRange, type PeriodId, type TimeRange } from "./periods";
import { tzOffsetMs, wallToInstant } from "./zone-offset";

/**
 * What a view's numbers are compared with (?cmp= in the URL): the previous equal
 * period (the default), the same days a week earlier, or the same dates a year
 * earlier. Week and year shift the local wall clock, not the instant, so "Monday
 * 09:00-10:00" is compared with the Monday before at 09:00-10:00 whatever DST did
 * in between. A running period is compared up to the same point: today until
 * 10:30 against last Monday until 10:30.
 */
export const COMPARISONS = ["prev", "week", "year"] as const;
export type Comparison = (typeof COMPARISONS)[number];
export const DEFAULT_COMPARISON: Comparison = "prev";

export const COMPARISON_LABELS: Record<Comparison, string> = {
  prev: "Previous period",
  week: "Same day last week",
  year: "Same period last year",
};

export function parseComparison(value: string | null | undefined): Comparison {
  return (COMPARISONS as readonly string[]).includes(value ?? "") ? (value as Comparison) : DEFAULT_COMPARISON;
}

const DAY = 86_400_000;

/** The instant with the same local wall clock 7 days earlier. */
export function weekBefore(t: number, tz: string): number {
  return wallToInstant(tz, t + tzOffsetMs(tz, t) - 7 * DAY);
}

/** The instant with the same local date and time a year earlier; 29 February becomes the 28th. */
export function yearBefore(t: number, tz: string): number {
  const wall = new Date(t + tzOffsetMs(tz, t));
  const y = wall.getUTCFullYear() - 1;
  const m = wall.getUTCMonth();
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const shifted = Date.UTC(y, m, Math.min(wall.getUTCDate(), lastDay), wall.getUTCHours(), wall.getUTCMinutes(), wall.getUTCSeconds(), wall.getUTCMilliseconds());
  return wallToInstant(tz, shifted);
}

/** The range a view is compared with. */
export function comparisonRange(cmp: Comparison, period: PeriodId, range: TimeRange, now: number, tz: string): TimeRange {
  if (cmp === "prev") return previousRange(period, range, now, tz);
  const shift = cmp === "week" ? weekBefore : yearBefore;
  const from = shift(range.from, tz);
  const to = shift(range.to, tz);
  return periodIncludesNow(range, now) ? { from, to: Math.min(to, shift(now, tz)) } : { from, to };
}

/** What the change on a tile is measured against, in words. */
export function comparisonText(cmp: Comparison, period: PeriodId, running: boolean): string {
  const point = running ? " at the same point" : "";
  switch (cmp) {
    case "prev":
      return comparisonLabel(period, running);
    case "week":
      return (period === "today" || period === "yesterday" ? "the same day last week" : "the same days a week earlier") + point;
    case "year":
      return `the same period last year${point}`;
  }
}
