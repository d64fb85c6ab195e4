/**
 * Named subsets of contact segments: the lists "explain" opens behind a KPI's
 * numerator or denominator. The SQL for each lives in queries/contacts.ts; the
 * names are shared with the KPI definitions so each KPI can say which list
 * backs each of its inputs.
 */
export const CONTACT_FILTERS = [
  "all",
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
