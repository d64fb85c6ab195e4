import type { KpiCounts } from "@/lib/kpi/kpi-counts";

/**
 * Named subsets of contact segments: the lists "explain" opens behind a KPI's
 * numerator or denominator. The SQL for each lives in lib/contacts/list-contacts.ts; the
 * names are shared with the KPI definitions so each KPI can say which list
 * backs each of its inputs.
 */
export const CONTACT_FILTERS = [
  "all",
  "with_outcome",
  "in_progress",
  "lost",
  "answered",
  "abandon",
  "short_abandon",
  "long_abandon",
  "not_short_abandon",
  "timeout",
  "other_exit",
  "answered_within_sl",
  "answered_over_sl",
  "abandoned_within_sl",
  "within_sl",
  "answered_or_abandoned",
  "answered_or_long_abandon",
  "handled",
  "held",
  "transferred",
] as const;

export type ContactFilter = (typeof CONTACT_FILTERS)[number];

/**
 * How many contacts a filter's list holds, from the counts the KPIs were computed
 * from: the number an "explain" link promises, which the list it opens must show.
 * Each line mirrors that filter's SQL condition in lib/contacts/list-contacts.ts.
 */
export function contactFilterCount(filter: ContactFilter, c: Readonly<KpiCounts>): number {
  switch (filter) {
    case "all":
      return c.offered;
    case "with_outcome":
      return c.offered - c.inProgress - c.lost;
    case "in_progress":
      return c.inProgress;
    case "lost":
      return c.lost;
    case "answered":
      return c.answered;
    case "abandon":
      return c.abandoned;
    case "short_abandon":
      return c.shortAbandoned;
    case "long_abandon":
      return c.abandoned - c.shortAbandoned;
    case "not_short_abandon":
      return c.offered - c.inProgress - c.lost - c.shortAbandoned;
    case "timeout":
      return c.timedOut;
    case "other_exit":
      return c.otherExits;
    case "answered_within_sl":
      return c.answeredWithin;
    case "answered_over_sl":
      return c.answered - c.answeredWithin;
    case "abandoned_within_sl":
      return c.abandonedWithin;
    case "within_sl":
      return c.answeredWithin + c.abandonedWithin;
    case "answered_or_abandoned":
      return c.answered + c.abandoned;
    case "answered_or_long_abandon":
      return c.answered + c.abandoned - c.shortAbandoned;
    case "handled":
      return c.handled;
    case "held":
      return c.heldCount;
    case "transferred":
      return c.transferred;
  }
}

/** Plain-words names of the lists, for links and the contacts page's filter. */
export const CONTACT_FILTER_LABELS: Record<ContactFilter, string> = {
  all: "All offered contacts",
  with_outcome: "Offered contacts with an outcome",
  in_progress: "In progress (no queue exit yet)",
  lost: "Lost (no queue exit within the queue's longest wait)",
  answered: "Answered",
  abandon: "Abandoned",
  short_abandon: "Short abandons",
  long_abandon: "Abandoned, excluding short abandons",
  not_short_abandon: "Offered with an outcome, excluding short abandons",
  timeout: "Timed out",
  other_exit: "Other queue exits",
  answered_within_sl: "Answered within the service-level threshold",
  answered_over_sl: "Answered after the service-level threshold",
  abandoned_within_sl: "Abandoned within the service-level threshold",
  within_sl: "Answered or abandoned within the threshold",
  answered_or_abandoned: "Answered or abandoned",
  answered_or_long_abandon: "Answered or abandoned after the short-abandon threshold",
  handled: "Handled",
  held: "Handled and put on hold",
  transferred: "Handled and transferred",
};
