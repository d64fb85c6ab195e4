import { isSlVariant, type SlVariant } from "@/lib/kpi/definitions";
import { DEFAULT_PERIOD, MAX_CUSTOM_DAYS, customRange, customSpanDays, isPeriodId, periodRange, type LocalDate, type PeriodId, type TimeRange } from "@/lib/time/periods";

/**
 * A dashboard view as the URL carries it (?period=last_week&queue=sales&team=t1),
 * so any view can be reloaded, bookmarked or sent to a colleague. Parsed the same
 * way by server pages (to prefetch) and by the browser (to render). Unknown values
 * fall back to defaults rather than failing; lib/views/url-problems.ts says which
 * ones the page then tells the viewer about.
 */
export type ViewParams = {
  period: PeriodId;
  /** First and last day of a custom period. */
  start?: LocalDate;
  end?: LocalDate;
  queueIds: string[];
  teamIds: string[];
  /** Service-level variant chosen for the view; undefined means the implied one. */
  variant?: SlVariant;
};

/** What both URLSearchParams and a page's searchParams can answer. */
export type ParamSource = { get(key: string): string | null; getAll(key: string): string[] };

/** A Next.js page's searchParams object as a ParamSource. */
export function recordSource(sp: Record<string, string | string[] | undefined>): ParamSource {
  const all = (key: string): string[] => {
    const v = sp[key];
    return v === undefined ? [] : Array.isArray(v) ? v : [v];
  };
  return { get: (key) => all(key)[0] ?? null, getAll: all };
}

const ids = (values: string[]) => [...new Set(values.filter((v) => v.length > 0 && v.length <= 128))];

export function parseViewParams(src: ParamSource): ViewParams {
  const period = src.get("period");
  const sl = src.get("sl");
  const start = src.get("start");
  const end = src.get("end");
  const view: ViewParams = {
    period: isPeriodId(period) ? period : DEFAULT_PERIOD,
    queueIds: ids(src.getAll("queue")),
    teamIds: ids(src.getAll("team")),
    variant: sl !== null && isSlVariant(sl) ? sl : undefined,
  };
  if (view.period === "custom") {
    // A custom period without two valid dates in order, at most MAX_CUSTOM_DAYS apart, is no period: show the default instead.
    const days = customSpanDays(start, end);
    if (days !== null && days >= 1 && days <= MAX_CUSTOM_DAYS) Object.assign(view, { start, end });
    else view.period = DEFAULT_PERIOD;
  }
  return view;
}

/** The view's query string entries; defaults are left out so shared links stay short. */
export function viewQuery(view: ViewParams): [string, string][] {
  const out: [string, string][] = [];
  if (view.period !== DEFAULT_PERIOD) out.push(["period", view.period]);
  if (view.period === "custom" && view.start && view.end) out.push(["start", view.start], ["end", view.end]);
  for (const q of view.queueIds) out.push(["queue", q]);
  for (const t of view.teamIds) out.push(["team", t]);
  if (view.variant) out.push(["sl", view.variant]);
  return out;
}

/** A link to `path` with the view, plus page-specific entries. */
export function viewHref(path: string, view: ViewParams, extra: [string, string][] = []): string {
  const qs = new URLSearchParams([...viewQuery(view), ...extra]).toString();
  return qs ? `${path}?${qs}` : path;
}

/** The view's [from, to) at `now` in `tz`; a bad custom span falls back to the default period. */
export function viewRange(view: ViewParams, now: number, tz: string): TimeRange {
  if (view.period === "custom") return customRange(view.start, view.end, tz) ?? periodRange("today", now, tz);
  return periodRange(view.period, now, tz);
}
