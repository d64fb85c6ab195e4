import type { ClickHouseClient } from "@clickhouse/client";
import { lookupCallers } from "@/lib/contacts/callers";
import type { StoreCallOptions } from "@/lib/store/store-call";
import { callbackList, type CallbackRow } from "./callback-list";
import { laterCalls, MAX_LATER_CALLS } from "./later-calls";
import { missedContacts } from "./missed-contacts";

/** Missed calls read per request: a day of a large centre's abandons; the answer says when it was cut. */
export const MAX_MISSED = 5_000;

/** `queueIds`: the list's queues (the caller's scope's, at most); a later call in another queue is told without its id. */
export type CallbacksInput = { tenantId: string; from: number; to: number; queueIds: readonly string[]; visibleQueue: (queueId: string) => boolean };
export type CallbacksAnswer = { rows: CallbackRow[]; cut: boolean };

/** The period's missed callers and where each stands (callback-list.ts); three reads, combined in memory. */
export async function listCallbacks(ch: ClickHouseClient, input: CallbacksInput, o: StoreCallOptions = {}): Promise<CallbacksAnswer> {
  const missed = await missedContacts(ch, { ...input, limit: MAX_MISSED + 1 }, o);
  const cut = missed.length > MAX_MISSED;
  const kept = cut ? missed.slice(0, MAX_MISSED) : missed;
  const callers = await lookupCallers(
    ch,
    input.tenantId,
    kept.map((m) => m.callId),
    o,
  );
  const earliest = kept.reduce((t, m) => Math.min(t, m.missedAt), Number.POSITIVE_INFINITY);
  const later = Number.isFinite(earliest) ? await laterCalls(ch, input.tenantId, earliest, [...new Set(callers.values())], o) : [];
  return { rows: callbackList(kept, callers, later, input.visibleQueue), cut: cut || later.length >= MAX_LATER_CALLS };
}
