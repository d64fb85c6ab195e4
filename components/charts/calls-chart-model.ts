import type { KpiSeries } from "@/lib/kpi";
import type { Interval } from "@/lib/time/buckets";
import { trendRows } from "@/lib/tables/trend-table";

/**
 * The calls chart's prepared model: one row per interval with display labels in
 * the zone the page shows. Pure, so the chart component only draws and never fetches.
 */
export type CallsChartPoint = {
  start: number;
  /** The contacts behind the bar: the interval clipped to the period, [from, to). */
  window: { from: number; to: number };
  /** Axis label: "14:15", "Mon 14:00" or "Mon 3 Nov". */
  label: string;
  /** Tooltip and table label, with the interval's end: "Mon 3 Nov, 14:15–14:30". */
  range: string;
  offered: number;
  answered: number;
  abandoned: number;
  /** Timed out or left the queue otherwise: offered but neither answered nor abandoned. */
  otherExits: number;
  /** Service level in percent (0-100) by the series' variant; null when nothing to divide by. */
  serviceLevel: number | null;
};

export type CallsChartModel = {
  interval: Interval;
  points: CallsChartPoint[];
  totals: { offered: number; answered: number; abandoned: number; otherExits: number };
};

const INTERVAL_NAMES: Record<Interval, string> = { "15m": "15 minutes", hour: "hour", day: "day", week: "week", month: "month" };
export const intervalName = (i: Interval): string => INTERVAL_NAMES[i];

function formatters(tz: string) {
  const make = (o: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat("en-GB", { timeZone: tz, ...o });
  return {
    time: make({ hour: "2-digit", minute: "2-digit", hourCycle: "h23" }),
    dayTime: make({ weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }),
    day: make({ weekday: "short", day: "numeric", month: "short" }),
    month: make({ month: "short", year: "numeric" }),
  };
}

/** Axis and tooltip labels of one interval. */
function labels(f: ReturnType<typeof formatters>, interval: Interval, start: Date, end: Date, multiDay: boolean): { label: string; range: string } {
  switch (interval) {
    case "month":
      return { label: f.month.format(start), range: f.month.format(start) };
    case "week": {
      // The week's last day is the day before the next Monday; noon of it is inside it whatever DST did.
      const last = new Date(end.getTime() - 12 * 3_600_000);
      return { label: `w/c ${f.day.format(start)}`, range: `${f.day.format(start)} – ${f.day.format(last)}` };
    }
    case "day":
      return { label: f.day.format(start), range: f.day.format(start) };
    default:
      return { label: multiDay ? f.dayTime.format(start) : f.time.format(start), range: `${f.day.format(start)}, ${f.time.format(start)}–${f.time.format(end)}` };
  }
}

/** An interval clipped to the period: a week or month bucket may start before the period or end after it. */
export function bucketWindow(p: { start: number; end: number }, period: { from: number; to: number }): { from: number; to: number } {
  return { from: Math.max(p.start, period.from), to: Math.min(p.end, period.to) };
}

/** Intervals that start after `now` are dropped (see trendRows). */
export function prepareCallsChart(series: KpiSeries, now: number): CallsChartModel {
  const f = formatters(series.tz);
  const multiDay = series.to - series.from > 25 * 3_600_000;
  const points = trendRows(series.points, now).map((p): CallsChartPoint => {
    const c = p.counts;
    const start = new Date(p.start);
    const end = new Date(p.end);
    const { label, range } = labels(f, series.interval, start, end, multiDay);
    const sl = p.kpis.service_level.value;
    return {
      start: p.start,
      window: bucketWindow(p, series),
      label,
      range,
      offered: c.offered,
      answered: c.answered,
      abandoned: c.abandoned,
      otherExits: Math.max(0, c.offered - c.answered - c.abandoned),
      serviceLevel: sl === null ? null : Math.round(sl * 1000) / 10,
    };
  });
  const totals = points.reduce(
    (t, p) => ({
      offered: t.offered + p.offered,
      answered: t.answered + p.answered,
      abandoned: t.abandoned + p.abandoned,
      otherExits: t.otherExits + p.otherExits,
    }),
    { offered: 0, answered: 0, abandoned: 0, otherExits: 0 },
  );
  return { interval: series.interval, points, totals };
}
