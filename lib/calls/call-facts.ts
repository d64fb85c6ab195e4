import type { CtiEvent, EventOf } from "@/lib/events";

/**
 * One call's facts for the call page, built from its stored events (readCallEvents).
 * Pure: the names of agents and queues, and the after-call work the call's own
 * events cannot carry (it ends with an agent event that names the leg only in
 * data.previous), come in as inputs.
 */

export type Transfer = { legId: string; at: number; kind: "blind" | "attended"; toQueueId: string | null; toAgentId: string | null; toExtension: string | null };

export type CallLeg = {
  legId: string;
  queueId: string;
  queueName: string;
  agentId: string | null;
  agentName: string | null;
  teamId: string | null;
  queuedAt: number | null;
  answeredAt: number | null;
  clearedAt: number | null;
  /** The queue exit reason (answered, abandon, timeout, ...); null while still queued. */
  outcome: string | null;
  waitMs: number | null;
  ringMs: number | null;
  /** Talk without hold, as the contacts list shows it. */
  talkMs: number | null;
  holdMs: number | null;
  holdCount: number;
  acwMs: number | null;
  releasedBy: string | null;
  transfer: Transfer | null;
};

export type CallFacts = {
  callId: string;
  caller: string | null;
  dialled: string | null;
  direction: string | null;
  /** An outbound callback: the missed call it answers. */
  callbackOf: string | null;
  offeredAt: number | null;
  endedAt: number | null;
  durationMs: number | null;
  endCause: string | null;
  queues: { id: string; name: string }[];
  agents: { id: string; name: string }[];
  /** Sums over the legs shown (nulls count as nothing). */
  waitMs: number;
  talkMs: number;
  holdMs: number;
  acwMs: number;
  /** The last shown leg's outcome, or "failed" when the call failed before any queue. */
  outcome: string | null;
  transfers: Transfer[];
  legs: CallLeg[];
};

export type CallDirectory = {
  agents: ReadonlyMap<string, { name: string; teamId: string }>;
  queues: ReadonlyMap<string, string>;
};

type LegAcc = Omit<CallLeg, "queueName" | "agentName" | "teamId">;

function newLeg(legId: string, queueId: string): LegAcc {
  return {
    legId,
    queueId,
    agentId: null,
    queuedAt: null,
    answeredAt: null,
    clearedAt: null,
    outcome: null,
    waitMs: null,
    ringMs: null,
    talkMs: null,
    holdMs: null,
    holdCount: 0,
    acwMs: null,
    releasedBy: null,
    transfer: null,
  };
}

/** After-call work ends with the agent's next state event, which names the leg it leaves in data.previous. */
function acwEnd(e: CtiEvent): { legId: string; ms: number } | null {
  if (!e.type.startsWith("agent.")) return null;
  const previous = (e.data as { previous?: EventOf<"agent.ready">["data"]["previous"] }).previous;
  if (!previous || previous.state !== "after_call_work" || !previous.legId) return null;
  return { legId: previous.legId, ms: Math.max(0, e.time - previous.since) };
}

export function buildCallFacts(
  callId: string,
  events: readonly CtiEvent[],
  o: { directory: CallDirectory; acwByLeg?: ReadonlyMap<string, number>; keepLeg?: (leg: CallLeg) => boolean },
): CallFacts {
  const legs = new Map<string, LegAcc>();
  const leg = (e: CtiEvent): LegAcc | null => {
    if (!e.legId || !e.queueId) return null;
    let l = legs.get(e.legId);
    if (!l) legs.set(e.legId, (l = newLeg(e.legId, e.queueId)));
    return l;
  };
  let caller: string | null = null;
  let dialled: string | null = null;
  let direction: string | null = null;
  let callbackOf: string | null = null;
  let offeredAt: number | null = null;
  let endedAt: number | null = null;
  let durationMs: number | null = null;
  let endCause: string | null = null;
  let failed = false;

  for (const e of [...events].sort((a, b) => a.time - b.time)) {
    const acw = acwEnd(e);
    if (acw) {
      const l = legs.get(acw.legId);
      if (l) l.acwMs = acw.ms;
      continue;
    }
    switch (e.type) {
      case "call.offered":
        caller = e.data.from;
        dialled = e.data.to;
        direction = e.data.direction;
        callbackOf = e.data.callbackOf ?? null;
        offeredAt = e.time;
        break;
      case "call.queued": {
        const l = leg(e);
        if (l && l.queuedAt === null) l.queuedAt = e.time;
        break;
      }
      case "call.queue_exited": {
        const l = leg(e);
        if (!l) break;
        l.outcome = e.data.reason;
        l.waitMs = e.data.waitMs;
        // The entry time the wait was measured from wins over the queued event's own time.
        l.queuedAt = e.time - e.data.waitMs;
        if (e.data.reason === "answered" && e.agentId) l.agentId = e.agentId;
        break;
      }
      case "call.established": {
        const l = leg(e);
        if (!l) break;
        l.agentId = e.agentId;
        l.answeredAt = e.time;
        l.ringMs = e.data.ringMs;
        l.waitMs ??= e.data.waitMs;
        break;
      }
      case "call.transferred": {
        const l = leg(e);
        if (!l) break;
        l.transfer = {
          legId: e.legId,
          at: e.time,
          kind: e.data.kind,
          toQueueId: e.data.toQueueId ?? null,
          toAgentId: e.data.toAgentId ?? null,
          toExtension: e.data.toExtension ?? null,
        };
        break;
      }
      case "call.connection_cleared": {
        const l = leg(e);
        if (!l) break;
        l.agentId ??= e.agentId;
        l.clearedAt = e.time;
        l.holdMs = e.data.holdMs;
        l.holdCount = e.data.holdCount;
        l.talkMs = Math.max(0, e.data.talkMs - e.data.holdMs);
        l.releasedBy = e.data.releasedBy;
        break;
      }
      case "call.cleared":
        endedAt = e.time;
        durationMs = e.data.durationMs;
        endCause = e.data.cause ?? null;
        break;
      case "call.failed":
        endedAt = e.time;
        endCause = e.data.cause;
        failed = true;
        break;
      default:
        break;
    }
  }

  const { agents, queues } = o.directory;
  const all: CallLeg[] = [...legs.values()].map((l) => {
    const agent = l.agentId ? agents.get(l.agentId) : undefined;
    return {
      ...l,
      acwMs: l.acwMs ?? (l.answeredAt !== null ? (o.acwByLeg?.get(l.legId) ?? null) : null),
      queueName: queues.get(l.queueId) || l.queueId,
      agentName: l.agentId ? agent?.name || l.agentId : null,
      teamId: agent?.teamId || null,
    };
  });
  const shown = all.filter((l) => (o.keepLeg ? o.keepLeg(l) : true)).sort((a, b) => (a.queuedAt ?? 0) - (b.queuedAt ?? 0) || a.legId.localeCompare(b.legId));
  const sum = (f: (l: CallLeg) => number | null) => shown.reduce((s, l) => s + (f(l) ?? 0), 0);
  const unique = <T extends { id: string }>(xs: T[]) => [...new Map(xs.map((x) => [x.id, x])).values()];
  const last = shown[shown.length - 1];
  return {
    callId,
    caller,
    dialled,
    direction,
    callbackOf,
    offeredAt,
    endedAt,
    durationMs,
    endCause,
    queues: unique(shown.map((l) => ({ id: l.queueId, name: l.queueName }))),
    agents: unique(shown.flatMap((l) => (l.agentId ? [{ id: l.agentId, name: l.agentName ?? l.agentId }] : []))),
    waitMs: sum((l) => l.waitMs),
    talkMs: sum((l) => l.talkMs),
    holdMs: sum((l) => l.holdMs),
    acwMs: sum((l) => l.acwMs),
    outcome: last?.outcome ?? (failed ? "failed" : null),
    transfers: shown.flatMap((l) => (l.transfer ? [l.transfer] : [])),
    legs: shown,
  };
}
