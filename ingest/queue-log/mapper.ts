import type { CtiEvent } from "@/lib/events";
import { futureTimeDetail } from "@/lib/events/future-time";
import { defaultAgentId, type AgentIdNormaliser } from "./agent-id";
import { AgentTracker } from "./agent-tracker";
import { emitterFor, type Emit } from "./event-draft";
import { LineOccurrences } from "./event-id";
import { parseLine } from "./parse-line";
import type { LineError, LineErrorReason, QueueLogRecord, RecordOf } from "./record";

/**
 * Asterisk queue_log lines -> CTI events, with the simulator's semantics
 * (ingest/simulator/README.md, "Event rules the store relies on"), so the store's
 * views derive contacts and agent intervals from them exactly as from live events.
 *
 * Pure and deterministic: no I/O and no clock (time comes from the lines), ids
 * derived from the lines (event-id.ts). Feed lines in file order with push(), then
 * call flush() at the end of the input.
 *
 * Per call: the first ENTERQUEUE offers it; each ENTERQUEUE opens a leg
 * `<callid>.<n>` (a transfer back into a queue is leg n+1); CONNECT answers the leg,
 * COMPLETEAGENT/COMPLETECALLER and the transfers end the agent's part, ABANDON and
 * the EXIT lines end an unanswered leg.
 * Figures come from the line's own data where Asterisk logs them (hold time,
 * call time, wait, ring), else from the line times.
 *
 * Known limits: leg numbers restart per mapper, so a call split across two
 * separately imported files gets a leg id clash in the second; a call transferred
 * to a plain extension never gets call.cleared (queue_log does not say when it ends);
 * a call leaving by timeout/key is cleared then, and cleared again if it re-queues.
 */

export type QueueLogMapperOptions = {
  tenantId: string;
  /** The PBX instance, e.g. "asterisk://pbx1"; part of every event id. */
  source: string;
  /** queue_log agent field -> agent id; default strips the technology and context (defaultAgentId). */
  agentId?: AgentIdNormaliser;
  /**
   * Asterisk's wrapuptime, which queue_log does not record: seconds for every queue
   * or per queue name (absent = 0). With a wrap-up the agent goes through after-call
   * work before ready, as Asterisk holds it back from calls meanwhile.
   */
  wrapUpSeconds?: number | Readonly<Record<string, number>>;
  /** A call with no line for this long is forgotten (bounds memory on long logs). Default 6 h. */
  forgetCallsAfterMs?: number;
  /**
   * Lines dated more than `maxFutureMs` after `now()` are refused (`future_time`) before they
   * touch any state: one line dated 2100 would otherwise end every wrap-up and forget every
   * call in progress (both go by the newest line's time). The CLI and the adapter pass the
   * clock and INGEST_MAX_FUTURE_MS; without it the mapper stays clock-free (tests, replays).
   */
  clock?: { now: () => number; maxFutureMs: number };
};

export type MapResult = { events: CtiEvent[]; errors: LineError[] };

type Leg = {
  id: string;
  queueId: string;
  queuedAt: number;
  attempts: number;
  /** Set once answered. */
  agent?: { id: string; member: string; channelId: string; answeredAt: number };
  holdMs: number;
  holdCount: number;
  heldSince?: number;
};

type Call = {
  id: string;
  /** False while only a DID line has been seen. */
  offered: boolean;
  offeredAt: number;
  dialled?: string;
  legCount: number;
  leg?: Leg;
  lastSeen: number;
};

type LineRef = { callId: string; event: string; time: number };
type Failure = { reason: LineErrorReason; detail: string };

const SWEEP_EVERY_MS = 60_000;
const MAX_TEXT = 256;

const EXIT_REASONS = { ABANDON: "abandon", EXITWITHTIMEOUT: "timeout", EXITEMPTY: "empty", EXITWITHKEY: "key" } as const;

export class QueueLogMapper {
  private readonly calls = new Map<string, Call>();
  private readonly agents: AgentTracker;
  private readonly occurrences = new LineOccurrences();
  private readonly normalise: AgentIdNormaliser;
  private readonly forgetAfterMs: number;
  private lastSweep = 0;

  constructor(private readonly opts: QueueLogMapperOptions) {
    if (opts.tenantId.length === 0 || opts.tenantId.length > 128) throw new Error("tenantId must be 1-128 characters");
    if (opts.source.length === 0 || opts.source.length > 256) throw new Error("source must be 1-256 characters");
    this.normalise = opts.agentId ?? defaultAgentId;
    this.forgetAfterMs = opts.forgetCallsAfterMs ?? 6 * 3600_000;
    const wrapUp = opts.wrapUpSeconds ?? 0;
    this.agents = new AgentTracker((queueId) => Math.max(0, Math.round((typeof wrapUp === "number" ? wrapUp : (wrapUp[queueId] ?? 0)) * 1000)));
  }

  /** One line (without its newline) and its 1-based number in the file. */
  push(line: string, lineNo: number): MapResult {
    const parsed = parseLine(line, lineNo);
    if (parsed.kind === "error") return { events: [], errors: [parsed.error] };
    if (parsed.kind !== "record") return { events: [], errors: [] };
    const record = parsed.record;
    const future = this.opts.clock && futureTimeDetail(record.time, this.opts.clock.now(), this.opts.clock.maxFutureMs);
    if (future) return { events: [], errors: [{ lineNo, line: line.endsWith("\r") ? line.slice(0, -1) : line, reason: "future_time", detail: future }] };
    const events: CtiEvent[] = [];
    this.finishWrapUps(record.time, events);
    this.sweep(record.time);
    const content = line.trim();
    const emit = emitterFor(this.opts, `line\n${content}\n${this.occurrences.next(content)}`, events);
    const failure = this.apply(record, emit);
    const errors = failure ? [{ lineNo, line: line.endsWith("\r") ? line.slice(0, -1) : line, ...failure }] : [];
    return { events, errors };
  }

  /** End of input: wrap-ups still running end at their configured time. */
  flush(): MapResult {
    const events: CtiEvent[] = [];
    this.finishWrapUps(Number.MAX_SAFE_INTEGER, events);
    return { events, errors: [] };
  }

  private finishWrapUps(upTo: number, events: CtiEvent[]): void {
    for (const due of this.agents.dueWrapUps(upTo)) {
      // Keyed by the wrap-up itself, not by the line that happens to reveal it ended.
      const emit = emitterFor(this.opts, `wrapup\n${due.agentId}\n${due.legId}\n${due.until}`, events);
      this.agents.finishWrapUp(emit, due);
    }
  }

  private sweep(t: number): void {
    if (t - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = t;
    for (const [id, call] of this.calls) if (call.lastSeen < t - this.forgetAfterMs) this.calls.delete(id);
  }

  private apply(r: QueueLogRecord, emit: Emit): Failure | undefined {
    if (r.event === "DID") return this.did(r);
    // Lines without an agent (ENTERQUEUE, ABANDON, EXIT*) never read `a`.
    const a = "agent" in r ? this.normalise(r.agent) : "";
    if ("agent" in r && (a.length === 0 || a.length > 128)) {
      return { reason: "bad_data", detail: `agent '${r.agent}' normalises to an empty or over-long id` };
    }
    switch (r.event) {
      case "ENTERQUEUE":
        return this.enterQueue(r, emit);
      case "RINGNOANSWER":
        return this.ringNoAnswer(r, a, emit);
      case "CONNECT":
        return this.connect(r, a, emit);
      case "HOLD":
      case "UNHOLD":
        return this.hold(r, emit);
      case "COMPLETEAGENT":
      case "COMPLETECALLER":
      case "BLINDTRANSFER":
      case "TRANSFER":
      case "ATTENDEDTRANSFER":
        return this.agentLegEnds(r, a, emit);
      case "ABANDON":
      case "EXITWITHTIMEOUT":
      case "EXITEMPTY":
      case "EXITWITHKEY":
        return this.exitQueue(r, emit);
      case "ADDMEMBER":
        this.agents.logOn(emit, r.time, a, r.agent, r.queue, r.paused);
        return undefined;
      case "AGENTLOGIN":
      case "AGENTCALLBACKLOGIN":
        this.agents.logOn(emit, r.time, a, r.agent, r.queue, false);
        return undefined;
      case "REMOVEMEMBER":
        this.agents.logOff(emit, r.time, a, r.agent, r.queue);
        return undefined;
      case "AGENTLOGOFF":
      case "AGENTCALLBACKLOGOFF":
        this.agents.logOff(emit, r.time, a, r.agent, undefined);
        return undefined;
      case "PAUSE":
      case "PAUSEALL":
        this.agents.pause(emit, r.time, a, r.agent, r.queue, r.reason);
        return undefined;
      case "UNPAUSE":
      case "UNPAUSEALL":
        this.agents.unpause(emit, r.time, a, r.agent, r.queue);
        return undefined;
    }
  }

  /** FreePBX logs the dialled number before the call queues; it becomes call.offered's `to`. */
  private did(r: RecordOf<"DID">): undefined {
    const call = this.calls.get(r.callId);
    if (!call) this.calls.set(r.callId, { id: r.callId, offered: false, offeredAt: r.time, dialled: r.did, legCount: 0, lastSeen: r.time });
    else if (!call.offered) call.dialled = r.did;
    return undefined;
  }

  private enterQueue(r: RecordOf<"ENTERQUEUE">, emit: Emit): undefined {
    const call = this.calls.get(r.callId) ?? { id: r.callId, offered: false, offeredAt: r.time, legCount: 0, lastSeen: r.time };
    this.calls.set(r.callId, call);
    call.lastSeen = r.time;
    if (!call.offered) {
      call.offered = true;
      call.offeredAt = r.time;
      emit({
        type: "call.offered",
        time: r.time,
        callId: r.callId,
        queueId: r.queue,
        // Without a DID line the queue is what the caller reached.
        data: { from: r.callerId ?? "unknown", to: call.dialled ?? r.queue, direction: "inbound", channelId: r.callId },
        raw: { uniqueid: r.callId },
      });
    }
    // A leg still open here lost its end line; the new leg replaces it.
    const leg: Leg = { id: `${r.callId}.${++call.legCount}`, queueId: r.queue, queuedAt: r.time, attempts: 0, holdMs: 0, holdCount: 0 };
    call.leg = leg;
    emit({
      type: "call.queued",
      time: r.time,
      callId: r.callId,
      queueId: r.queue,
      legId: leg.id,
      data: r.position === undefined ? {} : { position: r.position },
      raw: { uniqueid: r.callId },
    });
    return undefined;
  }

  private ringNoAnswer(r: RecordOf<"RINGNOANSWER">, agentId: string, emit: Emit): Failure | undefined {
    this.agents.rang(agentId, r.agent, r.queue);
    const found = this.leg(r, "queued");
    if ("reason" in found) return found;
    const { leg } = found;
    leg.attempts += 1;
    // The ring's channel uniqueid is not logged; the member interface stands in for it.
    const ids = { callId: r.callId, queueId: leg.queueId, legId: leg.id, agentId, raw: { uniqueid: r.callId, interface: r.agent } };
    emit({
      ...ids,
      type: "call.delivered",
      time: Math.max(0, r.time - r.ringMs),
      data: { agentChannelId: r.agent.slice(0, MAX_TEXT), attempt: leg.attempts },
    });
    emit({ ...ids, type: "call.diverted", time: r.time, data: { reason: "ring_no_answer", ringMs: r.ringMs } });
    return undefined;
  }

  private connect(r: RecordOf<"CONNECT">, agentId: string, emit: Emit): Failure | undefined {
    const found = this.leg(r, "queued");
    if ("reason" in found) {
      this.agents.startCall(emit, r.time, agentId, r.agent, { callId: r.callId, queueId: r.queue });
      return found;
    }
    const { call, leg } = found;
    leg.attempts += 1;
    const waitMs = r.holdS === undefined ? Math.max(0, r.time - leg.queuedAt) : r.holdS * 1000;
    const ringMs = (r.ringS ?? 0) * 1000;
    const channelId = (r.bridgedUniqueId ?? r.agent).slice(0, MAX_TEXT);
    leg.agent = { id: agentId, member: r.agent, channelId, answeredAt: r.time };
    const ids = { callId: call.id, queueId: leg.queueId, legId: leg.id, agentId, raw: { uniqueid: call.id, interface: r.agent } };
    const queuedAt = leg.queuedAt;
    emit({ ...ids, type: "call.delivered", time: Math.max(0, r.time - ringMs), data: { agentChannelId: channelId, attempt: leg.attempts } });
    emit({ ...ids, type: "call.established", time: r.time, data: { waitMs, queuedAt, ringMs, agentChannelId: channelId } });
    emit({ ...ids, type: "call.queue_exited", time: r.time, data: { reason: "answered", waitMs, queuedAt } });
    this.agents.startCall(emit, r.time, agentId, r.agent, { callId: call.id, queueId: leg.queueId, legId: leg.id, queuedAt });
    return undefined;
  }

  /** HOLD/UNHOLD lines (not written by stock app_queue; some builds and dialplans add them). */
  private hold(r: RecordOf<"HOLD" | "UNHOLD">, emit: Emit): Failure | undefined {
    const found = this.leg(r, "answered");
    if ("reason" in found) return found;
    const { call, leg, agent } = found;
    const ids = { callId: call.id, queueId: leg.queueId, legId: leg.id, agentId: agent.id, raw: { uniqueid: call.id, interface: agent.member } };
    if (r.event === "HOLD" && leg.heldSince === undefined) {
      leg.heldSince = r.time;
      emit({ ...ids, type: "call.held", time: r.time, data: {} });
    } else if (r.event === "UNHOLD" && leg.heldSince !== undefined) {
      const holdMs = endHold(leg, r.time);
      emit({ ...ids, type: "call.retrieved", time: r.time, data: { holdMs } });
    }
    return undefined;
  }

  /** COMPLETE* (call over) or a transfer (the call goes on, possibly into another queue as a new leg). */
  private agentLegEnds(
    r: RecordOf<"COMPLETEAGENT" | "COMPLETECALLER" | "BLINDTRANSFER" | "TRANSFER" | "ATTENDEDTRANSFER">,
    agentId: string,
    emit: Emit,
  ): Failure | undefined {
    const found = this.leg(r, "answered");
    if ("reason" in found) {
      this.agents.endCall(emit, r.time, agentId, r.agent, { callId: r.callId, queueId: r.queue });
      return found;
    }
    const { call, leg, agent } = found;
    if (leg.heldSince !== undefined) endHold(leg, r.time); // hung up on hold: the hold ends with the call
    const ids = { callId: call.id, queueId: leg.queueId, legId: leg.id, agentId: agent.id, raw: { uniqueid: call.id, interface: agent.member } };
    const complete = r.event === "COMPLETEAGENT" || r.event === "COMPLETECALLER";
    if (r.event === "BLINDTRANSFER" || r.event === "TRANSFER") {
      const to = r.extension === undefined ? undefined : r.context === undefined ? r.extension : `${r.extension}@${r.context}`;
      emit({ ...ids, type: "call.transferred", time: r.time, data: to === undefined ? { kind: "blind" } : { kind: "blind", toExtension: to.slice(0, MAX_TEXT) } });
    } else if (r.event === "ATTENDEDTRANSFER") {
      emit({ ...ids, type: "call.transferred", time: r.time, data: { kind: "attended" } });
    }
    emit({
      ...ids,
      type: "call.connection_cleared",
      time: r.time,
      data: {
        queuedAt: leg.queuedAt,
        talkMs: r.callS === undefined ? Math.max(0, r.time - agent.answeredAt) : r.callS * 1000,
        holdMs: leg.holdMs,
        holdCount: leg.holdCount,
        releasedBy: r.event === "COMPLETEAGENT" ? "agent" : r.event === "COMPLETECALLER" ? "caller" : "transfer",
        transferred: !complete,
      },
    });
    call.leg = undefined;
    if (complete) this.clearCall(call, r.time, "normal", emit);
    this.agents.endCall(emit, r.time, agent.id, agent.member, { callId: call.id, queueId: leg.queueId, legId: leg.id, queuedAt: leg.queuedAt });
    return undefined;
  }

  private exitQueue(r: RecordOf<"ABANDON" | "EXITWITHTIMEOUT" | "EXITEMPTY" | "EXITWITHKEY">, emit: Emit): Failure | undefined {
    const found = this.leg(r, "queued");
    if ("reason" in found) return found;
    const { call, leg } = found;
    const reason = EXIT_REASONS[r.event];
    const waitMs = r.waitS === undefined ? Math.max(0, r.time - leg.queuedAt) : r.waitS * 1000;
    emit({
      type: "call.queue_exited",
      time: r.time,
      callId: call.id,
      queueId: leg.queueId,
      legId: leg.id,
      data: r.position === undefined ? { reason, waitMs, queuedAt: leg.queuedAt } : { reason, waitMs, queuedAt: leg.queuedAt, position: r.position },
      raw: { uniqueid: call.id },
    });
    call.leg = undefined;
    this.clearCall(call, r.time, reason, emit);
    return undefined;
  }

  private clearCall(call: Call, t: number, cause: string, emit: Emit): void {
    emit({ type: "call.cleared", time: t, callId: call.id, data: { durationMs: Math.max(0, t - call.offeredAt), cause }, raw: { uniqueid: call.id } });
  }

  /** The open leg of the line's call, in the state the line needs, or why not. */
  private leg(r: LineRef, want: "queued"): { call: Call; leg: Leg } | Failure;
  private leg(r: LineRef, want: "answered"): { call: Call; leg: Leg; agent: NonNullable<Leg["agent"]> } | Failure;
  private leg(r: LineRef, want: "queued" | "answered") {
    const call = this.calls.get(r.callId);
    const leg = call?.leg;
    if (!call || !leg) return unmatched(`${r.event} for call ${r.callId}, which is not in a queue in this log (did the log start mid-call?)`);
    call.lastSeen = r.time;
    if (want === "queued") return leg.agent ? unmatched(`${r.event} for call ${r.callId}, already answered`) : { call, leg };
    return leg.agent ? { call, leg, agent: leg.agent } : unmatched(`${r.event} for call ${r.callId}, which was not answered in this log`);
  }
}

function unmatched(detail: string): Failure {
  return { reason: "unmatched_call", detail };
}

function endHold(leg: Leg, t: number): number {
  const ms = Math.max(0, t - (leg.heldSince ?? t));
  leg.holdMs += ms;
  leg.holdCount += 1;
  leg.heldSince = undefined;
  return ms;
}
