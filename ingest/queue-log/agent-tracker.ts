import type { AgentState, EventOf } from "@/lib/events";
import type { Emit } from "./event-draft";

/**
 * Agent states from queue_log lines, emitted with the same semantics as the
 * simulator (ingest/simulator/agents.ts): every state event names the interval it
 * ends in data.previous, except the first one after agent.logged_on, so the store
 * derives whole intervals from single events.
 *
 * queue_log logs causes (a CONNECT, a PAUSE), not states, and they overlap: a
 * member may pause during a call or wrap-up and becomes not-ready only when that
 * ends. So the tracker keeps the causes as flags and derives the state from them
 * (call > after-call work > paused > ready); an event is emitted only when the
 * derived state changes. That also collapses PAUSEALL and the per-queue PAUSE lines
 * Asterisk writes with it into one not-ready interval.
 *
 * An agent first seen mid-shift (the log starts after its log-on) has no known
 * state: its first state event carries no `previous`, so no interval is invented.
 * Nor is one invented later: until the log shows the agent logging on, only its calls
 * and wrap-ups are intervals. Going idle (ready, or paused) ends the call's interval
 * but starts none, since nothing says the agent stayed logged on until its next line
 * (a member name that never logs on would otherwise be "ready" for weeks).
 * Pausing is per agent here, not per queue: a member paused in one of its queues
 * counts as not ready.
 */

type Previous = NonNullable<EventOf<"agent.ready">["data"]["previous"]>;

/**
 * The call an agent is on or wrapping up. legId is unknown when the log starts mid-call;
 * when known, queuedAt is when that leg entered the queue (its queue_exited time minus
 * waitMs), which previous.queuedAt must repeat.
 */
export type AgentCall = { callId: string; queueId: string } & ({ legId?: undefined } | { legId: string; queuedAt: number });

type Derived = { state: AgentState; reasonCode?: string; call?: AgentCall };
type Current = Derived & { since: number };

type Agent = {
  id: string;
  /** The agent field as last written, kept in raw.interface. */
  member: string;
  /** unknown: not seen logging on or off; on: logged on (or seen working); off: logged off. */
  status: "unknown" | "on" | "off";
  /** The log showed this agent logging on (since its last log-off); idle time counts only then. */
  loggedOnSeen: boolean;
  /** Queues the agent is known to be a member of; it logs off when the last is removed. */
  queues: Set<string>;
  paused?: string;
  call?: AgentCall;
  wrapUp?: AgentCall & { until: number };
  /** The state last emitted; undefined while unknown. */
  current?: Current;
};

/** A wrap-up (after-call work) that ends at `until`, by the queue's configured wrapuptime. */
export type DueWrapUp = { agentId: string; until: number; legId: string };

export class AgentTracker {
  private readonly agents = new Map<string, Agent>();
  /** Agents in wrap-up, so due timers are found without scanning every agent. */
  private readonly wrapping = new Map<string, number>();

  constructor(private readonly wrapUpMs: (queueId: string) => number) {}

  /** ADDMEMBER / AGENTLOGIN: logged on (unless already), then ready or, when added paused, not ready. */
  logOn(emit: Emit, t: number, agentId: string, member: string, queue: string | undefined, paused: boolean): void {
    const a = this.agent(agentId, member, queue);
    if (a.status === "on") return;
    this.reset(a);
    a.status = "on";
    a.loggedOnSeen = true;
    a.paused = paused ? "paused" : undefined;
    emit({
      type: "agent.logged_on",
      time: t,
      agentId,
      data: queue === undefined ? {} : { queues: [queue] },
      raw: { interface: member },
    });
    this.settle(emit, t, a);
  }

  /** REMOVEMEMBER (of `queue`) / AGENTLOGOFF (all queues): logged off once no queue is left. */
  logOff(emit: Emit, t: number, agentId: string, member: string, queue: string | undefined): void {
    const a = this.agent(agentId, member, undefined);
    if (queue === undefined) a.queues.clear();
    else a.queues.delete(queue);
    if (a.queues.size > 0 || a.status === "off") return;
    const previous = a.current && toPrevious(a.current);
    emit({
      type: "agent.logged_off",
      time: Math.max(t, a.current?.since ?? t),
      agentId,
      data: previous ? { previous } : {},
      raw: { interface: member },
    });
    this.reset(a);
    a.status = "off";
    a.loggedOnSeen = false;
  }

  pause(emit: Emit, t: number, agentId: string, member: string, queue: string | undefined, reason: string | undefined): void {
    const a = this.working(agentId, member, queue);
    a.paused = reason ?? "paused";
    this.settle(emit, t, a);
  }

  unpause(emit: Emit, t: number, agentId: string, member: string, queue: string | undefined): void {
    const a = this.working(agentId, member, queue);
    a.paused = undefined;
    this.settle(emit, t, a);
  }

  /** A ring: only tells that the agent is a member of the queue. */
  rang(agentId: string, member: string, queue: string): void {
    this.agent(agentId, member, queue);
  }

  /** CONNECT: busy on the call; ends a wrap-up still running. */
  startCall(emit: Emit, t: number, agentId: string, member: string, call: AgentCall): void {
    const a = this.working(agentId, member, call.queueId);
    a.call = call;
    this.endWrapUp(a);
    this.settle(emit, t, a);
  }

  /** COMPLETE* / *TRANSFER: off the call, into wrap-up when the queue has a wrapuptime. */
  endCall(emit: Emit, t: number, agentId: string, member: string, call: AgentCall): void {
    const a = this.agent(agentId, member, undefined);
    a.call = undefined;
    // Removed from its queues mid-call: the call ends, the agent stays logged off.
    if (a.status === "off") return;
    a.status = "on";
    this.endWrapUp(a);
    const ms = this.wrapUpMs(call.queueId);
    if (ms > 0) {
      a.wrapUp = { ...call, until: t + ms };
      this.wrapping.set(a.id, t + ms);
    }
    this.settle(emit, t, a);
  }

  /** Wrap-ups ending at or before `upTo`, earliest first (ties by agent id, for determinism). */
  dueWrapUps(upTo: number): DueWrapUp[] {
    const due: DueWrapUp[] = [];
    for (const [agentId, until] of this.wrapping) {
      const a = this.agents.get(agentId);
      if (until <= upTo && a?.wrapUp) due.push({ agentId, until, legId: a.wrapUp.legId ?? a.wrapUp.callId });
    }
    return due.sort((x, y) => x.until - y.until || (x.agentId < y.agentId ? -1 : x.agentId > y.agentId ? 1 : 0));
  }

  /** Ends a due wrap-up at its end time. */
  finishWrapUp(emit: Emit, due: DueWrapUp): void {
    const a = this.agents.get(due.agentId);
    if (!a?.wrapUp) return;
    this.endWrapUp(a);
    this.settle(emit, due.until, a);
  }

  private agent(agentId: string, member: string, queue: string | undefined): Agent {
    let a = this.agents.get(agentId);
    if (!a) {
      a = { id: agentId, member, status: "unknown", loggedOnSeen: false, queues: new Set() };
      this.agents.set(agentId, a);
    }
    a.member = member;
    if (queue !== undefined) a.queues.add(queue);
    return a;
  }

  /** An agent a line shows working is logged on, even if its log-on is not in this log. */
  private working(agentId: string, member: string, queue: string | undefined): Agent {
    const a = this.agent(agentId, member, queue);
    a.status = "on";
    return a;
  }

  private endWrapUp(a: Agent): void {
    a.wrapUp = undefined;
    this.wrapping.delete(a.id);
  }

  private reset(a: Agent): void {
    a.paused = undefined;
    a.call = undefined;
    a.current = undefined;
    this.endWrapUp(a);
  }

  /** Emits the agent's state event if its derived state changed. */
  private settle(emit: Emit, t: number, a: Agent): void {
    if (a.status !== "on") return;
    const next = derive(a);
    const cur = a.current;
    if (cur && same(cur, next)) return;
    // Lines slightly out of order must not produce an interval that ends before it starts.
    const time = Math.max(t, cur?.since ?? t);
    const previous = cur && toPrevious(cur);
    const prev = previous ? { previous } : {};
    const base = { time, agentId: a.id, raw: { interface: a.member } };
    switch (next.state) {
      case "ready":
        emit({ ...base, type: "agent.ready", data: prev });
        break;
      case "not_ready":
        emit({ ...base, type: "agent.not_ready", data: { ...prev, reasonCode: next.reasonCode ?? "paused" } });
        break;
      case "busy":
      case "after_call_work":
        emit({
          ...base,
          ...callIds(next.call),
          type: next.state === "busy" ? "agent.busy" : "agent.working_after_call",
          data: prev,
        });
        break;
    }
    // Idle without a seen log-on: the event above closes the call's interval; none starts here.
    const idle = next.state === "ready" || next.state === "not_ready";
    a.current = idle && !a.loggedOnSeen ? undefined : { ...next, since: time };
  }
}

function derive(a: Agent): Derived {
  if (a.call) return { state: "busy", call: a.call };
  if (a.wrapUp) return { state: "after_call_work", call: a.wrapUp };
  if (a.paused !== undefined) return { state: "not_ready", reasonCode: a.paused };
  return { state: "ready" };
}

function same(a: Derived, b: Derived): boolean {
  return a.state === b.state && a.reasonCode === b.reasonCode && a.call?.callId === b.call?.callId && a.call?.legId === b.call?.legId;
}

function toPrevious(c: Current): Previous {
  const p: Previous = { state: c.state, since: c.since };
  if (c.reasonCode !== undefined) p.reasonCode = c.reasonCode;
  if (c.call) {
    p.callId = c.call.callId;
    if (c.call.legId !== undefined) {
      p.legId = c.call.legId;
      p.queuedAt = c.call.queuedAt;
    }
  }
  return p;
}

function callIds(call: AgentCall | undefined): { callId?: string; queueId?: string; legId?: string } {
  if (!call) return {};
  return call.legId === undefined ? { callId: call.callId, queueId: call.queueId } : { callId: call.callId, queueId: call.queueId, legId: call.legId };
}
