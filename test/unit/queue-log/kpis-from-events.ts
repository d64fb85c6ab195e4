import type { AgentState, CtiEvent } from "@/lib/events";
import { ZERO_COUNTS, type KpiCounts } from "@/lib/kpi";

/**
 * KPI inputs computed straight from events, the way the store's views read them
 * (one event -> one partial contact row or one agent interval), so the mapper can
 * be checked against hand numbers without a store. Thresholds: the defaults, 20 s
 * service level and 5 s short abandon below the threshold, unless `rules` says otherwise.
 * A leg with call.queued and no exit is open: lost when `rules.lostBefore` is after its
 * entry (its queue's longest wait has passed at the time of looking), else in progress.
 */

export type CountRules = { shortAbandonS?: number; shortAtOrBelow?: boolean; lostBefore?: number };

type Contact = {
  queueId: string;
  queuedAt: number;
  agentId: string;
  outcome: string;
  waitMs: number;
  cleared: boolean;
  talkMs: number;
  holdMs: number;
  holdCount: number;
  transferred: boolean;
  acwMs: number;
};

export function contactsFromEvents(events: readonly CtiEvent[]): Map<string, Contact> {
  const contacts = new Map<string, Contact>();
  const row = (legId: string): Contact => {
    let c = contacts.get(legId);
    if (!c) {
      c = { queueId: "", queuedAt: 0, agentId: "", outcome: "", waitMs: 0, cleared: false, talkMs: 0, holdMs: 0, holdCount: 0, transferred: false, acwMs: 0 };
      contacts.set(legId, c);
    }
    return c;
  };
  for (const e of events) {
    if (e.type === "call.queued") {
      const c = row(e.legId);
      c.queueId = e.queueId;
      c.queuedAt = e.time;
    } else if (e.type === "call.queue_exited") {
      const c = row(e.legId);
      c.queueId = e.queueId;
      c.outcome = e.data.reason;
      c.waitMs = e.data.waitMs;
      if (e.data.reason === "answered") c.agentId = e.agentId ?? "";
    } else if (e.type === "call.connection_cleared") {
      const c = row(e.legId);
      c.cleared = true;
      c.talkMs = e.data.talkMs;
      c.holdMs = e.data.holdMs;
      c.holdCount = e.data.holdCount;
      c.transferred = e.data.transferred;
    } else if ("previous" in e.data) {
      const prev = e.data.previous;
      if (prev?.state === "after_call_work" && prev.legId) row(prev.legId).acwMs = e.time - prev.since;
    }
  }
  return contacts;
}

export function countsFromEvents(
  events: readonly CtiEvent[],
  filter: (c: Contact) => boolean = () => true,
  rules: CountRules = {},
): Omit<KpiCounts, "stateBusyMs" | "stateAcwMs" | "stateReadyMs"> {
  const shortMs = (rules.shortAbandonS ?? 5) * 1000;
  const { stateBusyMs: _b, stateAcwMs: _a, stateReadyMs: _r, ...out } = { ...ZERO_COUNTS };
  for (const c of contactsFromEvents(events).values()) {
    if (!filter(c)) continue;
    const answered = c.outcome === "answered";
    const abandoned = c.outcome === "abandon";
    const within = c.waitMs <= 20_000;
    const handled = answered && c.cleared;
    out.offered += 1;
    if (c.outcome === "") {
      if (rules.lostBefore !== undefined && c.queuedAt < rules.lostBefore) out.lost += 1;
      else out.inProgress += 1;
      continue;
    }
    if (answered) out.answered += 1;
    if (abandoned) out.abandoned += 1;
    if (abandoned && (c.waitMs < shortMs || (rules.shortAtOrBelow === true && c.waitMs === shortMs))) out.shortAbandoned += 1;
    if (c.outcome === "timeout") out.timedOut += 1;
    if (!answered && !abandoned && c.outcome !== "timeout") out.otherExits += 1;
    if (answered && within) out.answeredWithin += 1;
    if (abandoned && within) out.abandonedWithin += 1;
    out.waitMsSum += c.waitMs;
    if (answered) out.answeredWaitMsSum += c.waitMs;
    out.waitMsMax = Math.max(out.waitMsMax, c.waitMs);
    if (handled) {
      out.handled += 1;
      out.talkMsSum += Math.max(c.talkMs - c.holdMs, 0);
      out.holdMsSum += c.holdMs;
      out.acwMsSum += c.acwMs;
      if (c.holdCount > 0) {
        out.heldCount += 1;
        out.heldHoldMsSum += c.holdMs;
      }
      if (c.transferred) out.transferred += 1;
    }
  }
  return out;
}

/** Time per agent and state from data.previous, the way agent_state_intervals is built. */
export function stateTimeFromEvents(events: readonly CtiEvent[]): Record<string, Record<AgentState, number>> {
  const out: Record<string, Record<AgentState, number>> = {};
  for (const e of events) {
    if (e.agentId === undefined || !("previous" in e.data) || !e.data.previous) continue;
    const agent = (out[e.agentId] ??= { ready: 0, not_ready: 0, busy: 0, after_call_work: 0 });
    agent[e.data.previous.state] += e.time - e.data.previous.since;
  }
  return out;
}
