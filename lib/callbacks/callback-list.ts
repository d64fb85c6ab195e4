import type { LaterCall } from "./later-calls";
import type { MissedContact } from "./missed-contacts";

/**
 * Where a missed caller stands, from what happened after their latest missed call:
 *
 * - `called_back`: a callback to the number connected (an agent talked with them);
 * - `called_again`: they rang again and an agent answered;
 * - `calling`: a callback is being placed now;
 * - `tried`: callbacks were placed and reached nobody (no answer, busy);
 * - `open`: nothing since.
 */
export type CallbackStatus =
  | { kind: "open" }
  | { kind: "calling"; callId: string; at: number }
  | { kind: "tried"; cause: string; at: number }
  | { kind: "called_back"; callId: string; at: number }
  | { kind: "called_again"; callId: string; at: number };

export type CallbackRow = {
  number: string;
  /** The number's latest missed call in the period: the one a callback answers. */
  callId: string;
  queueId: string;
  missedAt: number;
  outcome: MissedContact["outcome"];
  waitMs: number;
  shortAbandon: boolean;
  /** How many times the number was missed in the period. */
  missedCount: number;
  /** Callbacks placed since the latest missed call. */
  attempts: number;
  status: CallbackStatus;
  /** Done: called back or answered since; nothing more to do. */
  done: boolean;
  /** A number the platform can dial (withheld and anonymous callers cannot be called back). */
  callable: boolean;
};

const DIALLABLE = /^\+?[0-9]{3,20}$/;

export function isDiallable(number: string): boolean {
  return DIALLABLE.test(number);
}

/**
 * Pure: one row per caller number, newest missed first. `callers` maps a missed call to
 * its caller's number (a call without one is left out: there is nobody to call back);
 * `later` holds the calls from or to those numbers since the earliest missed call, oldest
 * first; `visibleQueue` says which queues' call ids the reader may be given.
 */
export function callbackList(
  missed: readonly MissedContact[],
  callers: ReadonlyMap<string, string>,
  later: readonly LaterCall[],
  visibleQueue: (queueId: string) => boolean = () => true,
): CallbackRow[] {
  const byNumber = new Map<string, MissedContact[]>();
  for (const m of missed) {
    const number = callers.get(m.callId);
    if (!number) continue;
    byNumber.set(number, [...(byNumber.get(number) ?? []), m]);
  }
  const rows: CallbackRow[] = [];
  for (const [number, calls] of byNumber) {
    const latest = calls.reduce((a, b) => (b.missedAt > a.missedAt || (b.missedAt === a.missedAt && b.callId < a.callId) ? b : a));
    const since = later.filter((c) => c.offeredAt > latest.missedAt && c.callId !== latest.callId);
    const callbacks = since.filter((c) => c.direction === "outbound" && c.toNumber === number);
    const status = hideOutOfScope(statusOf(number, since, callbacks), since, visibleQueue);
    rows.push({
      number,
      callId: latest.callId,
      queueId: latest.queueId,
      missedAt: latest.missedAt,
      outcome: latest.outcome,
      waitMs: latest.waitMs,
      shortAbandon: latest.shortAbandon,
      missedCount: calls.length,
      attempts: callbacks.length,
      status,
      done: status.kind === "called_back" || status.kind === "called_again",
      callable: isDiallable(number),
    });
  }
  return rows.sort((a, b) => b.missedAt - a.missedAt || a.number.localeCompare(b.number));
}

function statusOf(number: string, since: readonly LaterCall[], callbacks: readonly LaterCall[]): CallbackStatus {
  // The first contact that reached the caller settles it, whichever way it went.
  const reached = since.find((c) => c.connected && ((c.direction === "outbound" && c.toNumber === number) || (c.direction !== "outbound" && c.fromNumber === number)));
  if (reached) return { kind: reached.direction === "outbound" ? "called_back" : "called_again", callId: reached.callId, at: reached.offeredAt };
  const current = callbacks.find((c) => !c.ended);
  if (current) return { kind: "calling", callId: current.callId, at: current.offeredAt };
  const last = callbacks[callbacks.length - 1];
  if (last) return { kind: "tried", cause: last.endCause || "no_answer", at: last.offeredAt };
  return { kind: "open" };
}

/** A status naming a call in a queue the reader does not see keeps what happened and when, not which call. */
function hideOutOfScope(status: CallbackStatus, calls: readonly LaterCall[], visibleQueue: (queueId: string) => boolean): CallbackStatus {
  if (!("callId" in status)) return status;
  const queueId = calls.find((c) => c.callId === status.callId)?.queueId ?? "";
  return visibleQueue(queueId) ? status : { ...status, callId: "" };
}
