"use client";

import { PERIOD_LABELS, type PeriodId, type TimeRange } from "@/lib/time/periods";
import { UrlProblems } from "./url-problems";

/**
 * "Yesterday · Mon 3 Nov 2025 · times in Europe/London · updated 14:32:05": what exactly is shown,
 * and, where the address asked for something else, what and why (UrlProblems).
 */
export function PeriodCaption({
  period,
  range,
  tz,
  updatedAt,
  explicitRange = false,
}: {
  period: PeriodId;
  range: TimeRange;
  tz: string;
  updatedAt: number;
  /** The page reads an explicit from/to range from the address (contacts). */
  explicitRange?: boolean;
}) {
  const day = new Intl.DateTimeFormat("en-GB", { timeZone: tz, weekday: "short", day: "numeric", month: "short", year: "numeric" });
  const clock = new Intl.DateTimeFormat("en-GB", { timeZone: tz, hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });
  const first = day.format(range.from);
  // The range end is exclusive: the last day shown is the one holding the last millisecond.
  const last = day.format(range.to - 1);
  return (
    <>
      <p className="page-subtitle" data-testid="period-caption" data-from={range.from} data-to={range.to}>
        {PERIOD_LABELS[period]} · {first === last ? first : `${first} – ${last}`} · times in {tz}
        {updatedAt > 0 && <> · updated {clock.format(updatedAt)}</>}
      </p>
      <UrlProblems explicitRange={explicitRange} />
    </>
  );
}
