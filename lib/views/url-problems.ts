import { isSlVariant } from "@/lib/kpi/definitions";
import { DEFAULT_PERIOD, MAX_CUSTOM_DAYS, PERIOD_LABELS, customSpanDays, isLocalDate, isPeriodId } from "@/lib/time/periods";
import type { ParamSource } from "./view-params";

/**
 * Something in the address a page could not honour, in words, and what the page
 * shows instead. `remove` names the URL entry that clearing the problem deletes:
 * a key, or one value of a repeated key (one bad queue among several).
 */
export type UrlProblem = { message: string; remove: { key: string; value?: string }[] };

export type UrlProblemContext = {
  /** Ids the viewer can see, once loaded; a filter naming another one matches nothing. */
  known?: { queues?: readonly string[]; teams?: readonly string[]; agents?: readonly string[] };
  /** The page reads an explicit `from`/`to` range (the contacts page); elsewhere one is ignored. */
  explicitRange?: boolean;
};

const FALLBACK = PERIOD_LABELS[DEFAULT_PERIOD];
const MAX_ID = 128;
const EPOCH_MS = /^\d{1,16}$/;

function periodProblems(src: ParamSource): UrlProblem[] {
  const period = src.get("period");
  if (period === null) return [];
  if (!isPeriodId(period)) {
    return [{ message: `The address asks for the period “${period}”, which is not one this page knows. Showing ${FALLBACK} instead.`, remove: [{ key: "period" }] }];
  }
  if (period !== "custom") return [];
  const start = src.get("start");
  const end = src.get("end");
  const clear = [{ key: "period" }, { key: "start" }, { key: "end" }];
  const bad = [
    start === null ? "no first day (start)" : isLocalDate(start) ? null : `a first day “${start}” that is not a date`,
    end === null ? "no last day (end)" : isLocalDate(end) ? null : `a last day “${end}” that is not a date`,
  ].filter((b) => b !== null);
  if (bad.length > 0) {
    return [{ message: `The address asks for a custom period with ${bad.join(" and ")} (dates are written YYYY-MM-DD). Showing ${FALLBACK} instead.`, remove: clear }];
  }
  const days = customSpanDays(start, end) ?? 0;
  if (days < 1) return [{ message: `The custom period in the address ends on ${end}, before it starts on ${start}. Showing ${FALLBACK} instead.`, remove: clear }];
  if (days > MAX_CUSTOM_DAYS) {
    return [
      {
        message: `The custom period in the address, ${start} to ${end}, spans ${days} days; the longest is ${MAX_CUSTOM_DAYS}. Showing ${FALLBACK} instead.`,
        remove: clear,
      },
    ];
  }
  return [];
}

function rangeProblems(src: ParamSource, shown: string, explicitRange: boolean): UrlProblem[] {
  const from = src.get("from");
  const to = src.get("to");
  if (from === null && to === null) return [];
  const remove = [{ key: "from" }, { key: "to" }];
  if (!explicitRange) return [{ message: `This page does not take a from/to range; it shows ${shown} instead.`, remove }];
  const fine = from !== null && to !== null && EPOCH_MS.test(from) && EPOCH_MS.test(to) && Number(from) < Number(to);
  if (fine) return [];
  return [{ message: `The range in the address (from “${from ?? ""}” to “${to ?? ""}”) is not two instants in order. Showing ${shown} instead.`, remove }];
}

function idProblems(src: ParamSource, key: "queue" | "team" | "agent", noun: string, known: readonly string[] | undefined): UrlProblem[] {
  const out: UrlProblem[] = [];
  const knownSet = known ? new Set(known) : null;
  for (const value of new Set(src.getAll(key))) {
    if (value.length === 0 || value.length > MAX_ID) {
      out.push({ message: `The address has an empty or over-long ${noun} filter; it is ignored.`, remove: [{ key, value }] });
    } else if (knownSet && !knownSet.has(value)) {
      out.push({ message: `There is no ${noun} “${value}” among those you can see, so nothing below matches it.`, remove: [{ key, value }] });
    }
  }
  return out;
}

/** What the page tells the viewer about its address; empty when the address is all honoured. */
export function urlProblems(src: ParamSource, ctx: UrlProblemContext = {}): UrlProblem[] {
  const periodOut = periodProblems(src);
  const period = src.get("period");
  const shownPeriod = periodOut.length > 0 || !isPeriodId(period) ? FALLBACK : period === "custom" ? `${src.get("start")} to ${src.get("end")}` : PERIOD_LABELS[period];
  const sl = src.get("sl");
  return [
    ...periodOut,
    ...rangeProblems(src, shownPeriod, ctx.explicitRange ?? false),
    ...(sl !== null && !isSlVariant(sl)
      ? [{ message: `The address asks for the service-level variant “${sl}”, which is not one this page knows. Showing each queue's own.`, remove: [{ key: "sl" }] }]
      : []),
    ...idProblems(src, "queue", "queue", ctx.known?.queues),
    ...idProblems(src, "team", "team", ctx.known?.teams),
    ...idProblems(src, "agent", "agent", ctx.known?.agents),
  ];
}
