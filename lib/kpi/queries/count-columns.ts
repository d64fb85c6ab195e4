import { ZERO_COUNTS, type KpiCounts } from "../kpi-counts";
import { sqlNumber } from "@/lib/store/query-rows";

/**
 * The contact-based KpiCounts as SQL aggregates over SEGMENTS_SQL rows, aliased
 * to the KpiCounts field names so a row maps onto the model one to one.
 */
export const COUNT_COLUMNS_SQL = `
  count() AS offered,
  countIf(is_in_progress) AS inProgress,
  countIf(is_lost) AS lost,
  countIf(is_answered) AS answered,
  countIf(is_abandoned) AS abandoned,
  countIf(is_short) AS shortAbandoned,
  countIf(is_timeout) AS timedOut,
  countIf(is_other) AS otherExits,
  countIf(is_answered AND is_within) AS answeredWithin,
  countIf(is_abandoned AND is_within) AS abandonedWithin,
  sum(wait_ms) AS waitMsSum,
  sumIf(wait_ms, is_answered) AS answeredWaitMsSum,
  max(wait_ms) AS waitMsMax,
  countIf(is_handled) AS handled,
  sumIf(pure_talk_ms, is_handled) AS talkMsSum,
  sumIf(hold_ms, is_handled) AS holdMsSum,
  countIf(is_held) AS heldCount,
  sumIf(hold_ms, is_held) AS heldHoldMsSum,
  sumIf(acw_ms, is_handled) AS acwMsSum,
  countIf(is_transferred) AS transferred`;

export const contactCountsShape = {
  offered: sqlNumber,
  inProgress: sqlNumber,
  lost: sqlNumber,
  answered: sqlNumber,
  abandoned: sqlNumber,
  shortAbandoned: sqlNumber,
  timedOut: sqlNumber,
  otherExits: sqlNumber,
  answeredWithin: sqlNumber,
  abandonedWithin: sqlNumber,
  waitMsSum: sqlNumber,
  answeredWaitMsSum: sqlNumber,
  waitMsMax: sqlNumber,
  handled: sqlNumber,
  talkMsSum: sqlNumber,
  holdMsSum: sqlNumber,
  heldCount: sqlNumber,
  heldHoldMsSum: sqlNumber,
  acwMsSum: sqlNumber,
  transferred: sqlNumber,
};

export type ContactCounts = Omit<KpiCounts, "stateBusyMs" | "stateAcwMs" | "stateReadyMs">;

/** A row's contact counts as KpiCounts; agent state time is filled in separately. */
export function toKpiCounts(row: ContactCounts): KpiCounts {
  return {
    ...ZERO_COUNTS,
    offered: row.offered,
    inProgress: row.inProgress,
    lost: row.lost,
    answered: row.answered,
    abandoned: row.abandoned,
    shortAbandoned: row.shortAbandoned,
    timedOut: row.timedOut,
    otherExits: row.otherExits,
    answeredWithin: row.answeredWithin,
    abandonedWithin: row.abandonedWithin,
    waitMsSum: row.waitMsSum,
    answeredWaitMsSum: row.answeredWaitMsSum,
    waitMsMax: row.waitMsMax,
    handled: row.handled,
    talkMsSum: row.talkMsSum,
    holdMsSum: row.holdMsSum,
    heldCount: row.heldCount,
    heldHoldMsSum: row.heldHoldMsSum,
    acwMsSum: row.acwMsSum,
    transferred: row.transferred,
  };
}
