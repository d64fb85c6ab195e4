import type { ContactFilter } from "@/lib/kpi/contact-filters";
import type { CountName } from "./kpi-counts";

/**
 * Every KPI the product shows, with its formula in words (the "explain" panel),
 * its inputs as named counts, and a version. Bump `version` whenever a formula's
 * meaning changes, so a number can always be traced to the definition used.
 */

export const KPI_IDS = [
  "offered",
  "in_progress",
  "lost",
  "answered",
  "abandoned",
  "short_abandoned",
  "timed_out",
  "abandon_rate",
  "abandon_rate_excl_short",
  "asa",
  "avg_wait",
  "longest_wait",
  "service_level",
  "aht",
  "avg_talk",
  "avg_hold",
  "avg_acw",
  "transfer_rate",
  "occupancy",
] as const;
export type KpiId = (typeof KPI_IDS)[number];

export const SL_VARIANTS = [
  "answered_within_over_answered",
  "answered_within_over_answered_abandoned",
  "answered_within_over_answered_abandoned_minus_short",
  "answered_abandoned_within_over_offered",
] as const;
export type SlVariant = (typeof SL_VARIANTS)[number];

export function isSlVariant(value: string): value is SlVariant {
  return (SL_VARIANTS as readonly string[]).includes(value);
}

/** Whether a wait exactly at the short-abandon threshold is short: "below" (wait < T) or "at_or_below" (wait <= T). */
export const SHORT_ABANDON_RULES = ["below", "at_or_below"] as const;
export type ShortAbandonRule = (typeof SHORT_ABANDON_RULES)[number];

export function isShortAbandonRule(value: string): value is ShortAbandonRule {
  return (SHORT_ABANDON_RULES as readonly string[]).includes(value);
}

/** Whether an abandon after `waitMs` is short in a queue with this threshold and rule (CONVENTIONS.short); the SQL twin is in segments-sql.ts. */
export function isShortAbandonWait(waitMs: number, thresholdS: number, rule: string = QUEUE_DEFAULTS.shortAbandonRule): boolean {
  return rule === "at_or_below" ? waitMs <= thresholdS * 1000 : waitMs < thresholdS * 1000;
}

/**
 * Used for contacts whose queue has no row in `queues`; the same as the column defaults there.
 * maxWaitS applies also to queues whose own max_wait_s is 0 (not known): an hour is longer
 * than any queue timeout a site is likely to set, so a caller is called lost only when no
 * real queue could still hold them.
 */
export const QUEUE_DEFAULTS = {
  slThresholdS: 20,
  shortAbandonS: 5,
  shortAbandonRule: "below",
  maxWaitS: 3600,
  slVariant: "answered_within_over_answered",
  /** The service-level target in percent (the "80" of 80/20); the column default of migration 0030. */
  slTargetPct: 80,
} as const satisfies { slThresholdS: number; shortAbandonS: number; shortAbandonRule: ShortAbandonRule; maxWaitS: number; slVariant: SlVariant; slTargetPct: number };

export type KpiUnit = "count" | "ratio" | "ms";

/** A sum of counts minus other counts, e.g. answered + abandoned - shortAbandoned. */
export type CountExpr = { plus: readonly CountName[]; minus?: readonly CountName[] };

export type KpiInputs =
  /** The value is one count. */
  | { kind: "count"; value: CountName }
  /** The value is a maximum, meaningless (null) when `over` is 0. */
  | { kind: "max"; value: CountName; over: CountName }
  /** numerator / denominator, null when the denominator is 0. Means are ratios too. */
  | { kind: "ratio"; numerator: CountExpr; denominator: CountExpr };

export type KpiDefinition = {
  id: KpiId;
  label: string;
  unit: KpiUnit;
  version: number;
  formula: string;
  inputs: KpiInputs;
  /** Contact lists behind the inputs, for "explain" links; absent when not contact-based. */
  contacts?: { numerator?: ContactFilter; denominator?: ContactFilter };
};

/** Conventions stated in the formula texts, so users read exactly what is counted. */
export const CONVENTIONS = {
  period: "A contact belongs to the period and interval in which it entered the queue (queued_at in [from, to)).",
  offered: "Offered = contacts that entered the queue in the period, whether they have left it yet or not.",
  open: "A contact with no queue exit yet is in progress; once its queue's longest possible wait (the queue's max_wait_s, default 3600 s) has passed with no exit stored, it is lost (its exit line never came: a crash or a truncated log). Both are offered and in no outcome.",
  decided: "Contacts with an outcome = offered - in progress - lost: a rate over outcomes leaves out the contacts whose outcome is not known.",
  within: '"Within T" means wait_ms <= T × 1000, T being the service-level threshold of the contact\'s own queue (default 20 s).',
  short:
    "A short abandon is outcome 'abandon' with wait_ms < the queue's short_abandon_s × 1000 (default 5 s), or wait_ms <= it when the queue's short_abandon_rule is 'at_or_below' (default 'below'; Asterisk logs whole seconds, so a wait of exactly the threshold is common).",
  handled: "Handled = answered contacts whose agent leg has cleared.",
  thresholds: "Thresholds are the queue's current settings at query time, so a definition change re-evaluates history too.",
  mixed:
    "When queues with different service-level variants are shown together, the variant is the one selected for the view (default answered_within_over_answered); each contact is still judged with its own queue's thresholds.",
  talk: "Talk = talk_ms - hold_ms, because the stored talk time runs from answer to clear and so includes hold.",
  team: "With a team filter, the contacts are those answered by the team's agents (by each agent's current team): a contact nobody answered belongs to no team, so abandons and timeouts drop out; agent state time is the team's agents'. Offered then counts the contacts the team's agents answered. Every KPI built on contacts nobody answered (abandons, short abandons, timeouts, in progress, lost, abandon rates, average and longest wait, and a service-level variant that counts abandons) is not applicable: the API gives value null with notApplicable.reason, pages and exports say so instead of a number. The same holds per agent and per team on the agents page.",
  offers:
    "An agent's offers = answered + rang, not answered: every call that rang the agent, the rings they let pass included (call.diverted with reason 'ring_no_answer'). Answer rate = answered / offers. Answered counts by queue entry in the period, rings by when they were diverted. A team's offers are its agents' summed.",
  totals:
    "A totals row (queues, agents, teams) adds counts and times; every rate and mean in it is recomputed from the summed numerators and denominators, never summed or averaged over the rows. Its service level uses the variant all the queues share, else the default.",
  scope:
    "A user with a scope sees every number as if its teams and queues were the filters (lib/auth/scope-access.ts): its queues as a queue filter, its teams as a team filter with the rule above. A filter of their own must lie within the scope (anything else is not found), and no filter means all of the scope, not the whole centre.",
  restart:
    "A platform restart closes what was in progress at that instant (call.cleared cause 'pbx_restart'; the simulator does it on every start after a stop or a kill): a contact in conversation is handled, its talk (and any hold still open) ending at the restart, with no after-call work; a caller still waiting leaves with outcome 'system', counted as offered and in average and longest wait (its wait ends at the restart) but in no outcome KPI, like a queue-empty or key-press exit; agents are logged off at the restart, so their state time ends there and the downtime is in no state.",
  settings:
    "Each queue's settings (service-level threshold, variant, short-abandon threshold and rule, longest possible wait, service-level target) carry their own version, bumped on every change; a number shows the KPI definition's version and the settings versions of the queues it covers.",
  target:
    "Each queue has a service-level target: the percentage of its contacts it should serve within its own threshold T (default 80, the 80 of 80/20). Service level is green at or above the target, amber when below it by at most 5 percentage points, red further below, and 'no data yet' without a value (lib/targets/rag.ts); the colour is always said in words and a symbol too. Where queues with different targets are shown together, no colour is given: each queue's own page and row judge it by its own.",
} as const;

const C = CONVENTIONS;

export type SlVariantDefinition = {
  variant: SlVariant;
  label: string;
  formula: string;
  inputs: Extract<KpiInputs, { kind: "ratio" }>;
  contacts: { numerator: ContactFilter; denominator: ContactFilter };
};

export const SL_VARIANT_DEFINITIONS: Record<SlVariant, SlVariantDefinition> = {
  answered_within_over_answered: {
    variant: "answered_within_over_answered",
    label: "Answered within T / answered",
    formula: "Service level = answered within T / answered.",
    inputs: { kind: "ratio", numerator: { plus: ["answeredWithin"] }, denominator: { plus: ["answered"] } },
    contacts: { numerator: "answered_within_sl", denominator: "answered" },
  },
  answered_within_over_answered_abandoned: {
    variant: "answered_within_over_answered_abandoned",
    label: "Answered within T / (answered + abandoned)",
    formula: "Service level = answered within T / (answered + abandoned).",
    inputs: {
      kind: "ratio",
      numerator: { plus: ["answeredWithin"] },
      denominator: { plus: ["answered", "abandoned"] },
    },
    contacts: { numerator: "answered_within_sl", denominator: "answered_or_abandoned" },
  },
  answered_within_over_answered_abandoned_minus_short: {
    variant: "answered_within_over_answered_abandoned_minus_short",
    label: "Answered within T / (answered + abandoned - short abandons)",
    formula: "Service level = answered within T / (answered + abandoned - short abandons).",
    inputs: {
      kind: "ratio",
      numerator: { plus: ["answeredWithin"] },
      denominator: { plus: ["answered", "abandoned"], minus: ["shortAbandoned"] },
    },
    contacts: { numerator: "answered_within_sl", denominator: "answered_or_long_abandon" },
  },
  answered_abandoned_within_over_offered: {
    variant: "answered_abandoned_within_over_offered",
    label: "(Answered + abandoned) within T / offered with an outcome",
    formula: "Service level = (answered within T + abandoned within T) / (offered - in progress - lost).",
    inputs: {
      kind: "ratio",
      numerator: { plus: ["answeredWithin", "abandonedWithin"] },
      denominator: { plus: ["offered"], minus: ["inProgress", "lost"] },
    },
    contacts: { numerator: "within_sl", denominator: "with_outcome" },
  },
};

export const KPI_DEFINITIONS: Record<KpiId, KpiDefinition> = {
  offered: {
    id: "offered",
    label: "Offered",
    unit: "count",
    version: 2,
    formula: `${C.offered} ${C.open} ${C.period}`,
    inputs: { kind: "count", value: "offered" },
    contacts: { numerator: "all" },
  },
  in_progress: {
    id: "in_progress",
    label: "In progress",
    unit: "count",
    version: 1,
    formula: `Offered contacts still in the queue: no queue exit yet, and the queue's longest possible wait has not passed. ${C.open} ${C.period}`,
    inputs: { kind: "count", value: "inProgress" },
    contacts: { numerator: "in_progress" },
  },
  lost: {
    id: "lost",
    label: "Lost",
    unit: "count",
    version: 1,
    formula: `Offered contacts with no queue exit after the queue's longest possible wait: the platform never said how they left. ${C.open} ${C.period}`,
    inputs: { kind: "count", value: "lost" },
    contacts: { numerator: "lost" },
  },
  answered: {
    id: "answered",
    label: "Answered",
    unit: "count",
    version: 1,
    formula: `Contacts whose queue exit reason was 'answered'. ${C.period}`,
    inputs: { kind: "count", value: "answered" },
    contacts: { numerator: "answered" },
  },
  abandoned: {
    id: "abandoned",
    label: "Abandoned",
    unit: "count",
    version: 1,
    formula: `Contacts whose caller hung up while queued (queue exit reason 'abandon'), short abandons included. ${C.period}`,
    inputs: { kind: "count", value: "abandoned" },
    contacts: { numerator: "abandon" },
  },
  short_abandoned: {
    id: "short_abandoned",
    label: "Short abandons",
    unit: "count",
    version: 2,
    formula: `${C.short} ${C.thresholds} ${C.period}`,
    inputs: { kind: "count", value: "shortAbandoned" },
    contacts: { numerator: "short_abandon" },
  },
  timed_out: {
    id: "timed_out",
    label: "Timed out",
    unit: "count",
    version: 1,
    formula: `Contacts whose queue exit reason was 'timeout' (the queue's maximum wait expired). Exits because the queue was empty, on a key press or by transfer out count as offered but in no outcome KPI. ${C.period}`,
    inputs: { kind: "count", value: "timedOut" },
    contacts: { numerator: "timeout" },
  },
  abandon_rate: {
    id: "abandon_rate",
    label: "Abandon rate",
    unit: "ratio",
    version: 2,
    formula: `Abandon rate = abandoned / (offered - in progress - lost), short abandons included. ${C.decided} ${C.open} ${C.period}`,
    inputs: { kind: "ratio", numerator: { plus: ["abandoned"] }, denominator: { plus: ["offered"], minus: ["inProgress", "lost"] } },
    contacts: { numerator: "abandon", denominator: "with_outcome" },
  },
  abandon_rate_excl_short: {
    id: "abandon_rate_excl_short",
    label: "Abandon rate (excluding short abandons)",
    unit: "ratio",
    version: 2,
    formula: `Abandon rate = (abandoned - short abandons) / (offered - in progress - lost - short abandons). ${C.short} ${C.decided} ${C.thresholds} ${C.period}`,
    inputs: {
      kind: "ratio",
      numerator: { plus: ["abandoned"], minus: ["shortAbandoned"] },
      denominator: { plus: ["offered"], minus: ["inProgress", "lost", "shortAbandoned"] },
    },
    contacts: { numerator: "long_abandon", denominator: "not_short_abandon" },
  },
  asa: {
    id: "asa",
    label: "Average speed of answer",
    unit: "ms",
    version: 1,
    formula: `ASA = sum of queue wait of answered contacts / answered. ${C.period}`,
    inputs: { kind: "ratio", numerator: { plus: ["answeredWaitMsSum"] }, denominator: { plus: ["answered"] } },
    contacts: { numerator: "answered", denominator: "answered" },
  },
  avg_wait: {
    id: "avg_wait",
    label: "Average wait",
    unit: "ms",
    version: 2,
    formula: `Average wait = sum of queue wait of the offered contacts with an outcome (answered, abandoned, timed out or other exit) / (offered - in progress - lost). A contact's wait is known once it leaves the queue. ${C.decided} ${C.period}`,
    inputs: { kind: "ratio", numerator: { plus: ["waitMsSum"] }, denominator: { plus: ["offered"], minus: ["inProgress", "lost"] } },
    contacts: { numerator: "with_outcome", denominator: "with_outcome" },
  },
  longest_wait: {
    id: "longest_wait",
    label: "Longest wait",
    unit: "ms",
    version: 1,
    formula: `Longest queue wait of any offered contact that has left the queue, whatever its outcome (a wait is known once the contact leaves). ${C.period}`,
    inputs: { kind: "max", value: "waitMsMax", over: "offered" },
    contacts: { numerator: "all" },
  },
  service_level: {
    id: "service_level",
    label: "Service level",
    unit: "ratio",
    version: 2,
    formula: `Share of contacts reached within the threshold T, by the named variant: answered within T / answered; answered within T / (answered + abandoned); answered within T / (answered + abandoned - short abandons); (answered + abandoned) within T / (offered - in progress - lost). ${C.within} ${C.short} ${C.thresholds} ${C.mixed} ${C.period}`,
    inputs: SL_VARIANT_DEFINITIONS[QUEUE_DEFAULTS.slVariant].inputs,
    contacts: SL_VARIANT_DEFINITIONS[QUEUE_DEFAULTS.slVariant].contacts,
  },
  aht: {
    id: "aht",
    label: "Average handle time",
    unit: "ms",
    version: 1,
    formula: `AHT = (talk + hold + after-call work) / handled, i.e. sum of ((talk_ms - hold_ms) + hold_ms + acw_ms) over handled contacts / handled. ${C.talk} ${C.handled} After-call work is the time in the after_call_work state that named the contact. ${C.period}`,
    inputs: {
      kind: "ratio",
      numerator: { plus: ["talkMsSum", "holdMsSum", "acwMsSum"] },
      denominator: { plus: ["handled"] },
    },
    contacts: { numerator: "handled", denominator: "handled" },
  },
  avg_talk: {
    id: "avg_talk",
    label: "Average talk",
    unit: "ms",
    version: 1,
    formula: `Average talk = sum of (talk_ms - hold_ms) over handled contacts / handled. ${C.talk} ${C.handled} ${C.period}`,
    inputs: { kind: "ratio", numerator: { plus: ["talkMsSum"] }, denominator: { plus: ["handled"] } },
    contacts: { numerator: "handled", denominator: "handled" },
  },
  avg_hold: {
    id: "avg_hold",
    label: "Average hold",
    unit: "ms",
    version: 1,
    formula: `Average hold = sum of hold time of handled contacts that were held / number of handled contacts held at least once (hold_count > 0). ${C.handled} ${C.period}`,
    inputs: { kind: "ratio", numerator: { plus: ["heldHoldMsSum"] }, denominator: { plus: ["heldCount"] } },
    contacts: { numerator: "held", denominator: "held" },
  },
  avg_acw: {
    id: "avg_acw",
    label: "Average after-call work",
    unit: "ms",
    version: 1,
    formula: `Average ACW = sum of after-call work of handled contacts / handled (contacts without after-call work count as 0). ${C.handled} ${C.period}`,
    inputs: { kind: "ratio", numerator: { plus: ["acwMsSum"] }, denominator: { plus: ["handled"] } },
    contacts: { numerator: "handled", denominator: "handled" },
  },
  transfer_rate: {
    id: "transfer_rate",
    label: "Transfer rate",
    unit: "ratio",
    version: 1,
    formula: `Transfer rate = handled contacts the agent transferred / handled. ${C.handled} ${C.period}`,
    inputs: { kind: "ratio", numerator: { plus: ["transferred"] }, denominator: { plus: ["handled"] } },
    contacts: { numerator: "transferred", denominator: "handled" },
  },
  occupancy: {
    id: "occupancy",
    label: "Occupancy",
    unit: "ratio",
    version: 1,
    formula:
      "Occupancy = (time busy + time in after-call work) / (time busy + time in after-call work + time ready), from the agents' state intervals clipped to the period. Not-ready time is in neither. Only ended intervals count (a state still in progress is not yet known). With a queue filter, the agents are those who answered a contact of those queues in the period; occupancy is not defined per queue or per interval.",
    inputs: {
      kind: "ratio",
      numerator: { plus: ["stateBusyMs", "stateAcwMs"] },
      denominator: { plus: ["stateBusyMs", "stateAcwMs", "stateReadyMs"] },
    },
  },
};

/**
 * The definition as applied: for service level, the chosen variant's inputs and
 * formula (the generic text is kept after it, since it carries the conventions).
 */
export function kpiDefinition(id: KpiId, variant: SlVariant = QUEUE_DEFAULTS.slVariant): KpiDefinition {
  const base = KPI_DEFINITIONS[id];
  if (id !== "service_level") return base;
  const v = SL_VARIANT_DEFINITIONS[variant];
  return {
    ...base,
    label: `${base.label} (${v.label})`,
    formula: `${v.formula} ${C.within} ${C.short} ${C.thresholds} ${C.mixed} ${C.period}`,
    inputs: v.inputs,
    contacts: v.contacts,
  };
}
