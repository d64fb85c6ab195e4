import { randomUUID } from "node:crypto";
import type { ClickHouseClient } from "@clickhouse/client";
import { ctiEventSchema, type AgentState, type CtiEvent } from "@/lib/events";
import type { KpiCounts } from "@/lib/kpi";
import { eventToRow } from "@/lib/store/event-row";

/**
 * Hand-made CTI event streams for the KPI integration tests. Each builder emits the
 * events a PBX would for one contact segment or agent state change; the tests
 * work out every expected KPI by hand from the timelines written beside them.
 */

export const S = 1000;

type Base = { specVersion: "1.0"; source: string; tenantId: string };

export class Stream {
  readonly events: CtiEvent[] = [];
  private readonly base: Base;
  /** legId -> when that segment entered the queue (its queue_exited time minus waitMs). */
  private readonly queuedAtByLeg = new Map<string, number>();

  constructor(tenantId: string) {
    this.base = { specVersion: "1.0", source: "kpi-test", tenantId };
  }

  /** A contact answered by `agentId` after `waitMs`; cleared after `talkMs` (hold included) unless talkMs is omitted. */
  answered(c: {
    callId: string;
    queueId: string;
    agentId: string;
    caller: string;
    queuedAt: number;
    waitMs: number;
    talk?: { talkMs: number; holdMs?: number; transferred?: boolean };
  }): this {
    const legId = `${c.callId}.1`;
    const leg = { ...this.base, callId: c.callId, queueId: c.queueId, legId };
    const answerAt = c.queuedAt + c.waitMs;
    this.queuedAtByLeg.set(legId, c.queuedAt);
    this.offer(c.callId, c.caller, c.queuedAt);
    this.push({ ...leg, id: randomUUID(), type: "call.queued", time: c.queuedAt, data: {} });
    this.push({
      ...leg,
      id: randomUUID(),
      type: "call.established",
      time: answerAt,
      agentId: c.agentId,
      data: { waitMs: c.waitMs, ringMs: 2 * S, agentChannelId: `${c.callId}-agent` },
    });
    this.push({ ...leg, id: randomUUID(), type: "call.queue_exited", time: answerAt, agentId: c.agentId, data: { reason: "answered", waitMs: c.waitMs } });
    if (c.talk) {
      const holdMs = c.talk.holdMs ?? 0;
      const clearAt = answerAt + c.talk.talkMs;
      if (holdMs > 0) {
        this.push({ ...leg, id: randomUUID(), type: "call.held", time: answerAt + S, agentId: c.agentId, data: {} });
        this.push({ ...leg, id: randomUUID(), type: "call.retrieved", time: answerAt + S + holdMs, agentId: c.agentId, data: { holdMs } });
      }
      this.push({
        ...leg,
        id: randomUUID(),
        type: "call.connection_cleared",
        time: clearAt,
        agentId: c.agentId,
        data: {
          queuedAt: c.queuedAt,
          talkMs: c.talk.talkMs,
          holdMs,
          holdCount: holdMs > 0 ? 1 : 0,
          releasedBy: c.talk.transferred ? "transfer" : "caller",
          transferred: c.talk.transferred ?? false,
        },
      });
      this.push({ ...this.base, id: randomUUID(), type: "call.cleared", callId: c.callId, time: clearAt, data: { durationMs: clearAt - c.queuedAt + S } });
    }
    return this;
  }

  /** A contact that left the queue unanswered. */
  unanswered(c: { callId: string; queueId: string; caller: string; queuedAt: number; waitMs: number; reason: "abandon" | "timeout" | "empty" }): this {
    const leg = { ...this.base, callId: c.callId, queueId: c.queueId, legId: `${c.callId}.1` };
    const exitAt = c.queuedAt + c.waitMs;
    this.offer(c.callId, c.caller, c.queuedAt);
    this.push({ ...leg, id: randomUUID(), type: "call.queued", time: c.queuedAt, data: {} });
    this.push({ ...leg, id: randomUUID(), type: "call.queue_exited", time: exitAt, data: { reason: c.reason, waitMs: c.waitMs } });
    this.push({ ...this.base, id: randomUUID(), type: "call.cleared", callId: c.callId, time: exitAt, data: { durationMs: exitAt - c.queuedAt + S } });
    return this;
  }

  /**
   * An agent state change at `time`, ending the state the agent was in since
   * `since` (after-call work names its contact, which gives the contact its ACW).
   * A previous state on a call names its leg and that leg's queue entry, so the
   * contact must have been added with answered() first.
   */
  agentState(
    agentId: string,
    time: number,
    next: "agent.ready" | "agent.busy" | "agent.working_after_call" | { notReady: string },
    previous: { state: AgentState; since: number; reasonCode?: string; callId?: string },
  ): this {
    const prev = { ...previous, ...(previous.callId ? this.legOf(previous.callId) : {}) };
    const common = { ...this.base, id: randomUUID(), agentId, time };
    if (typeof next === "object") {
      this.push({ ...common, type: "agent.not_ready", data: { reasonCode: next.notReady, previous: prev } });
    } else {
      this.push({ ...common, type: next, data: { previous: prev } });
    }
    return this;
  }

  private legOf(callId: string): { legId: string; queuedAt: number } {
    const legId = `${callId}.1`;
    const queuedAt = this.queuedAtByLeg.get(legId);
    if (queuedAt === undefined) throw new Error(`agentState names ${callId}, which answered() has not added`);
    return { legId, queuedAt };
  }

  private offer(callId: string, caller: string, queuedAt: number): void {
    this.push({
      ...this.base,
      id: randomUUID(),
      type: "call.offered",
      callId,
      time: queuedAt - S,
      data: { from: caller, to: "+442000000000", direction: "inbound", channelId: `${callId}-caller` },
    });
  }

  private push(e: CtiEvent): void {
    // Only events the ingest pipeline would accept go in.
    this.events.push(ctiEventSchema.parse(e));
  }
}

export async function insertEvents(ch: ClickHouseClient, events: readonly CtiEvent[]): Promise<void> {
  await ch.insert({ table: "cti_events", values: events.map(eventToRow), format: "JSONEachRow" });
}

export async function insertQueue(
  ch: ClickHouseClient,
  q: { tenantId: string; queueId: string; name: string; slThresholdS: number; slVariant: string; shortAbandonS: number; definitionVersion: number; updatedAt: number },
): Promise<void> {
  await ch.insert({
    table: "queues",
    values: [
      {
        tenant_id: q.tenantId,
        queue_id: q.queueId,
        name: q.name,
        sl_threshold_s: q.slThresholdS,
        sl_variant: q.slVariant,
        short_abandon_s: q.shortAbandonS,
        definition_version: q.definitionVersion,
        updated_at: q.updatedAt,
      },
    ],
    format: "JSONEachRow",
  });
}

export async function insertAgent(ch: ClickHouseClient, a: { tenantId: string; agentId: string; name: string; teamId: string }): Promise<void> {
  await ch.insert({
    table: "agents",
    values: [{ tenant_id: a.tenantId, agent_id: a.agentId, name: a.name, team_id: a.teamId }],
    format: "JSONEachRow",
  });
}

/**
 * The main scenario: queue q1, agents a1 and a2, period [t0, t0 + 1 h).
 *
 *   leg   queued    wait  outcome            agent  talk (hold)  ACW   notes
 *   c1    t0        10 s  answered (within)  a1     120 s (30 s)  15 s  held
 *   c2    t0+60 s   25 s  answered (over)    a2     200 s         5 s   transferred
 *   c3    t0+120 s   3 s  abandon (short)
 *   c4    t0+180 s  40 s  abandon (long)
 *   c5    t0+240 s 120 s  timeout
 *   c6    t0+600 s  20 s  answered (within)  a1      60 s         none  20 s is still "within"
 *   c7    t0+1200 s  5 s  answered (within)  a2     still connected: answered, not handled
 *   c9    t0+1800 s  2 s  empty (other exit)
 *   c8    t0-30 s   40 s  abandon            entered the queue before the period: not counted
 *
 *   a1: ready [t0-600, t0+10) busy [t0+10, t0+130) ACW [t0+130, t0+145) ready [t0+145, t0+620)
 *       busy [t0+620, t0+680) ready [t0+680, t0+900) not ready "lunch" [t0+900, t0+4200)
 *   a2: ready [t0, t0+85) busy [t0+85, t0+285) ACW [t0+285, t0+290) ready [t0+290, t0+1205)
 *       then busy on c7, not ended yet (so not counted)
 */
export function mainScenario(tenantId: string, t0: number): Stream {
  const s = new Stream(tenantId);
  const q1 = "q1";
  s.answered({ callId: "c1", queueId: q1, agentId: "a1", caller: "+447700900001", queuedAt: t0, waitMs: 10 * S, talk: { talkMs: 120 * S, holdMs: 30 * S } });
  s.answered({ callId: "c2", queueId: q1, agentId: "a2", caller: "+447700900002", queuedAt: t0 + 60 * S, waitMs: 25 * S, talk: { talkMs: 200 * S, transferred: true } });
  s.unanswered({ callId: "c3", queueId: q1, caller: "+447700900003", queuedAt: t0 + 120 * S, waitMs: 3 * S, reason: "abandon" });
  s.unanswered({ callId: "c4", queueId: q1, caller: "+447700900004", queuedAt: t0 + 180 * S, waitMs: 40 * S, reason: "abandon" });
  s.unanswered({ callId: "c5", queueId: q1, caller: "+447700900005", queuedAt: t0 + 240 * S, waitMs: 120 * S, reason: "timeout" });
  s.answered({ callId: "c6", queueId: q1, agentId: "a1", caller: "+447700900006", queuedAt: t0 + 600 * S, waitMs: 20 * S, talk: { talkMs: 60 * S } });
  s.answered({ callId: "c7", queueId: q1, agentId: "a2", caller: "+447700900007", queuedAt: t0 + 1200 * S, waitMs: 5 * S });
  s.unanswered({ callId: "c9", queueId: q1, caller: "+447700900009", queuedAt: t0 + 1800 * S, waitMs: 2 * S, reason: "empty" });
  s.unanswered({ callId: "c8", queueId: q1, caller: "+447700900008", queuedAt: t0 - 30 * S, waitMs: 40 * S, reason: "abandon" });

  s.agentState("a1", t0 + 10 * S, "agent.busy", { state: "ready", since: t0 - 600 * S });
  s.agentState("a1", t0 + 130 * S, "agent.working_after_call", { state: "busy", since: t0 + 10 * S, callId: "c1" });
  s.agentState("a1", t0 + 145 * S, "agent.ready", { state: "after_call_work", since: t0 + 130 * S, callId: "c1" });
  s.agentState("a1", t0 + 620 * S, "agent.busy", { state: "ready", since: t0 + 145 * S });
  s.agentState("a1", t0 + 680 * S, "agent.ready", { state: "busy", since: t0 + 620 * S, callId: "c6" });
  s.agentState("a1", t0 + 900 * S, { notReady: "lunch" }, { state: "ready", since: t0 + 680 * S });
  s.agentState("a1", t0 + 4200 * S, "agent.ready", { state: "not_ready", since: t0 + 900 * S, reasonCode: "lunch" });

  s.agentState("a2", t0 + 85 * S, "agent.busy", { state: "ready", since: t0 });
  s.agentState("a2", t0 + 285 * S, "agent.working_after_call", { state: "busy", since: t0 + 85 * S, callId: "c2" });
  s.agentState("a2", t0 + 290 * S, "agent.ready", { state: "after_call_work", since: t0 + 285 * S, callId: "c2" });
  s.agentState("a2", t0 + 1205 * S, "agent.busy", { state: "ready", since: t0 + 290 * S });
  return s;
}

/**
 * Expected counts for mainScenario in [t0, t0 + 1 h), no queues row (20 s / 5 s), by hand from the timeline above:
 * offered: c1 c2 c3 c4 c5 c6 c7 c9 = 8 (c8 entered the queue before the period)
 * answered: c1 c2 c6 c7 = 4; abandoned: c3 c4 = 2, short (< 5 s): c3 = 1; timed out: c5 = 1; other: c9 = 1
 * answered within 20 s: c1 (10), c6 (20), c7 (5) = 3; abandoned within 20 s: c3 = 1
 * waits: 10 + 25 + 3 + 40 + 120 + 20 + 5 + 2 = 225 s; answered 10 + 25 + 20 + 5 = 60 s; longest 120 s
 * handled (agent leg cleared): c1 c2 c6 = 3 (c7 still connected)
 * talk excluding hold: (120 - 30) + 200 + 60 = 350 s; hold 30 s on 1 held contact; ACW 15 + 5 = 20 s; transferred 1
 * state time in the period: busy a1 120 + 60, a2 200 = 380 s; ACW a1 15 + a2 5 = 20 s;
 *   ready a1 10 + 475 + 220 = 705 s, a2 85 + 915 = 1000 s, so 1705 s
 */
export const MAIN_EXPECTED_COUNTS: KpiCounts = {
  offered: 8,
  inProgress: 0,
  lost: 0,
  answered: 4,
  abandoned: 2,
  shortAbandoned: 1,
  timedOut: 1,
  otherExits: 1,
  answeredWithin: 3,
  abandonedWithin: 1,
  waitMsSum: 225_000,
  answeredWaitMsSum: 60_000,
  waitMsMax: 120_000,
  handled: 3,
  talkMsSum: 350_000,
  holdMsSum: 30_000,
  heldCount: 1,
  heldHoldMsSum: 30_000,
  acwMsSum: 20_000,
  transferred: 1,
  stateBusyMs: 380_000,
  stateAcwMs: 20_000,
  stateReadyMs: 1_705_000,
};
