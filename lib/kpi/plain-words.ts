import { QUEUE_DEFAULTS, type KpiId, type SlVariant } from "./definitions";

/**
 * Each KPI in a supervisor's words, for the top of an "explain" panel; the exact
 * formula (with its conventions) stays one click further. `threshold` is the
 * service-level threshold in force: one queue's seconds, or null when the queues
 * shown have different ones.
 */
export function plainWords(id: KpiId, opts: { variant?: SlVariant; thresholdS?: number | null } = {}): string {
  const t = opts.thresholdS;
  const within = t != null ? `within ${t} seconds` : "within each queue's own threshold";
  switch (id) {
    case "offered":
      return "Calls that came into the queues, however they ended.";
    case "in_progress":
      return "Callers still waiting in a queue right now.";
    case "lost":
      return "Calls the phone system never told us the end of.";
    case "answered":
      return "Calls an agent picked up.";
    case "abandoned":
      return "Callers who hung up while waiting, quick hang-ups included.";
    case "short_abandoned":
      return "Callers who hung up within the first few seconds, often a wrong number.";
    case "timed_out":
      return "Callers who waited as long as the queue allows and were sent on.";
    case "abandon_rate":
      return "Of the calls that have ended, the share where the caller hung up while waiting.";
    case "abandon_rate_excl_short":
      return "Of the calls that have ended, the share where the caller hung up while waiting, quick hang-ups left out.";
    case "asa":
      return "How long answered callers waited, on average.";
    case "avg_wait":
      return "How long callers waited, on average, however their call ended.";
    case "longest_wait":
      return "The longest any caller waited.";
    case "service_level":
      return serviceLevelWords(opts.variant ?? QUEUE_DEFAULTS.slVariant, within);
    case "aht":
      return "How long an answered call takes an agent, on average: talking, on hold and wrapping up.";
    case "avg_talk":
      return "How long agents talked per answered call, on average (hold left out).";
    case "avg_hold":
      return "How long callers were on hold, on average, counting only calls put on hold.";
    case "avg_acw":
      return "How long agents spent wrapping up after a call, on average.";
    case "transfer_rate":
      return "The share of answered calls the agent passed on to someone else.";
    case "occupancy":
      return "Of the time agents were available or working, the share spent on calls and wrap-up.";
  }
}

function serviceLevelWords(variant: SlVariant, within: string): string {
  switch (variant) {
    case "answered_within_over_answered":
      return `Of the answered calls, the share answered ${within}.`;
    case "answered_within_over_answered_abandoned":
      return `Of the calls answered or abandoned, the share answered ${within}.`;
    case "answered_within_over_answered_abandoned_minus_short":
      return `Of the calls answered or abandoned (quick hang-ups left out), the share answered ${within}.`;
    case "answered_abandoned_within_over_offered":
      return `Of the calls that have ended, the share answered or abandoned ${within}.`;
  }
}
