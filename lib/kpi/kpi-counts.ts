/**
 * The raw inputs every KPI is computed from. Queries return these sums and counts,
 * never ratios, so that totals over queues, agents or intervals stay exact (a mean
 * of means would not) and "explain" can show the numbers behind each value.
 *
 * Handle-time sums cover handled contacts only (answered and agent leg cleared).
 * `talkMsSum` is pure talk: the store's talk_ms includes hold, so each contact
 * contributes max(talk_ms - hold_ms, 0).
 */
export type KpiCounts = {
  /** Contacts that entered the queue in the period, with an outcome or not. */
  offered: number;
  /** Offered contacts with no outcome yet, within their queue's longest possible wait: still waiting. */
  inProgress: number;
  /** Offered contacts with no outcome after their queue's longest possible wait: the exit line was lost. */
  lost: number;
  answered: number;
  /** Caller hung up while queued. */
  abandoned: number;
  /** Abandoned with wait below the queue's short-abandon threshold. */
  shortAbandoned: number;
  /** Left the queue because its maximum wait expired. */
  timedOut: number;
  /** Left the queue for any other reason (empty queue, key press, transfer out). */
  otherExits: number;
  /** Answered with wait <= the queue's service-level threshold. */
  answeredWithin: number;
  /** Abandoned with wait <= the queue's service-level threshold. */
  abandonedWithin: number;
  waitMsSum: number;
  answeredWaitMsSum: number;
  waitMsMax: number;
  handled: number;
  talkMsSum: number;
  holdMsSum: number;
  /** Handled contacts put on hold at least once. */
  heldCount: number;
  heldHoldMsSum: number;
  acwMsSum: number;
  /** Handled contacts that the agent transferred. */
  transferred: number;
  /** Agent state time clipped to the period, from agent_state_pieces (and cached daily totals). */
  stateBusyMs: number;
  stateAcwMs: number;
  stateReadyMs: number;
};

export type CountName = keyof KpiCounts;

export const ZERO_COUNTS: Readonly<KpiCounts> = Object.freeze({
  offered: 0,
  inProgress: 0,
  lost: 0,
  answered: 0,
  abandoned: 0,
  shortAbandoned: 0,
  timedOut: 0,
  otherExits: 0,
  answeredWithin: 0,
  abandonedWithin: 0,
  waitMsSum: 0,
  answeredWaitMsSum: 0,
  waitMsMax: 0,
  handled: 0,
  talkMsSum: 0,
  holdMsSum: 0,
  heldCount: 0,
  heldHoldMsSum: 0,
  acwMsSum: 0,
  transferred: 0,
  stateBusyMs: 0,
  stateAcwMs: 0,
  stateReadyMs: 0,
});

export const COUNT_NAMES = Object.keys(ZERO_COUNTS) as CountName[];

/** Combines the counts of disjoint sets of contacts (queues, agents, intervals). */
export function addCounts(a: Readonly<KpiCounts>, b: Readonly<KpiCounts>): KpiCounts {
  const out = { ...ZERO_COUNTS };
  for (const name of COUNT_NAMES) {
    // A maximum does not add up: the longest wait of a union is the larger one.
    out[name] = name === "waitMsMax" ? Math.max(a[name], b[name]) : a[name] + b[name];
  }
  return out;
}

export function sumCounts(list: readonly Readonly<KpiCounts>[]): KpiCounts {
  return list.reduce<KpiCounts>((acc, c) => addCounts(acc, c), { ...ZERO_COUNTS });
}
