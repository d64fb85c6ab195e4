import type { CtiEvent, EventOf } from "@/lib/events";
import type { FloorDraft } from "./draft";
import type { LiveAgent, LiveAgentState } from "./state";

/**
 * Agent events. Each state event names the interval it closes (data.previous), so
 * a late or reordered event is recognised without a sequence number: it is stale
 * when it happened before the agent's current state began, or when the interval it
 * closes began before that (a newer event already closed it). Within one
 * millisecond this puts a chain of state events in its true order whatever order
 * they arrive in.
 */

export type AgentEvent = Extract<CtiEvent, { type: `agent.${string}` }>;
type StateEvent = Exclude<AgentEvent, EventOf<"agent.logged_on">>;

const STATE_OF: Record<StateEvent["type"], LiveAgentState> = {
  "agent.ready": "ready",
  "agent.not_ready": "not_ready",
  "agent.busy": "busy",
  "agent.working_after_call": "after_call_work",
  "agent.logged_off": "logged_off",
};

function isStale(agent: LiveAgent, t: number, previousSince: number | undefined): boolean {
  return t < agent.since || (previousSince !== undefined && previousSince < agent.since);
}

function loggedOn(d: FloorDraft, e: EventOf<"agent.logged_on">): void {
  const agent = d.agents.get(e.agentId);
  const t = e.time;
  const queues = e.data.queues ?? agent?.queues ?? [];
  const teamId = e.data.teamId ?? agent?.teamId;
  const fresh = !agent || (agent.state === "logged_off" ? t >= agent.since : t > agent.since);
  if (fresh) {
    // Logged on means ready until a state event of the same instant or later says otherwise.
    d.agents.set(e.agentId, { id: e.agentId, state: "ready", since: t, queues, teamId, lastEventAt: t });
  } else if (agent.state !== "logged_off" && (t === agent.since || agent.queues.length === 0)) {
    // Same instant as the first state event after the log-on (or a late log-on): only who the agent serves.
    d.agents.set(e.agentId, { ...agent, queues, teamId, lastEventAt: Math.max(agent.lastEventAt, t) });
  }
}

function stateChanged(d: FloorDraft, e: StateEvent): void {
  const agent = d.agents.get(e.agentId);
  const t = e.time;
  if (agent && isStale(agent, t, e.data.previous?.since)) return;
  const state = STATE_OF[e.type];
  const onCall = e.type === "agent.busy" || e.type === "agent.working_after_call";
  d.agents.set(e.agentId, {
    id: e.agentId,
    state,
    since: t,
    reasonCode: e.type === "agent.not_ready" ? e.data.reasonCode : undefined,
    callId: onCall ? e.callId : undefined,
    legId: onCall ? e.legId : undefined,
    queueId: onCall ? e.queueId : undefined,
    queues: agent?.queues ?? [],
    teamId: agent?.teamId,
    lastEventAt: t,
  });
}

export function applyAgentEvent(d: FloorDraft, e: AgentEvent): void {
  if (e.type === "agent.logged_on") loggedOn(d, e);
  else stateChanged(d, e);
}
