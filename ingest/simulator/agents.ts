import type { EventOf } from "@/lib/events";
import type { SimContext } from "./context";
import type { ShiftWindow, SimAgent, SimLeg } from "./model";
import { isAvailable } from "./routing";
import type { PlannedActivity } from "./schedule";

/** Asterisk pauses a member that lets a call ring out (autopause); this is the reason it reports. */
export const RING_NO_ANSWER_REASON = "ring_no_answer";

type Next =
  | { type: "agent.ready" }
  | { type: "agent.not_ready"; reasonCode: string }
  | { type: "agent.busy"; leg: SimLeg }
  | { type: "agent.working_after_call"; leg: SimLeg }
  | { type: "agent.logged_off" };

type Previous = NonNullable<EventOf<"agent.ready">["data"]["previous"]>;

/**
 * Emits one agent state event and moves the agent into the new state. Every such
 * event describes the interval it closes in data.previous (state, since, reason
 * or call), so the store derives agent intervals from single events; only the
 * first state event after a log-on has nothing to close.
 */
export function transition(ctx: SimContext, agent: SimAgent, next: Next): void {
  const previous = agent.hasPrevious ? previousOf(agent) : undefined;
  const base = { ...ctx.header(), agentId: agent.roster.id, raw: { interface: agent.roster.interface } };
  switch (next.type) {
    case "agent.ready":
      ctx.emit({ ...base, type: next.type, data: { previous } });
      enter(agent, ctx.t, "ready");
      break;
    case "agent.not_ready":
      ctx.emit({ ...base, type: next.type, data: { previous, reasonCode: next.reasonCode } });
      enter(agent, ctx.t, "not_ready", next.reasonCode);
      break;
    case "agent.busy":
    case "agent.working_after_call": {
      const { leg } = next;
      const ids = { callId: leg.call.id, legId: leg.id, queueId: leg.queue.config.id };
      ctx.emit({ ...base, ...ids, type: next.type, data: { previous } });
      enter(agent, ctx.t, next.type === "agent.busy" ? "busy" : "after_call_work", undefined, leg);
      break;
    }
    case "agent.logged_off":
      ctx.emit({ ...base, type: next.type, data: { previous } });
      agent.loggedOn = false;
      agent.shift = null;
      agent.pending = [];
      agent.requested = null;
      agent.timerToken++;
      break;
  }
  agent.hasPrevious = true;
}

function previousOf(agent: SimAgent): Previous {
  const p: Previous = { state: agent.state, since: agent.since };
  if (agent.state === "not_ready" && agent.reasonCode !== undefined) p.reasonCode = agent.reasonCode;
  if (agent.callId !== undefined) p.callId = agent.callId;
  if (agent.legId !== undefined) {
    p.legId = agent.legId;
    // The leg's own queue-entry time, the same number its queue_exited waitMs was taken from.
    if (agent.queuedAt !== undefined) p.queuedAt = agent.queuedAt;
  }
  return p;
}

function enter(agent: SimAgent, t: number, state: SimAgent["state"], reasonCode?: string, leg?: SimLeg): void {
  agent.state = state;
  agent.since = t;
  agent.reasonCode = reasonCode;
  agent.callId = leg?.call.id;
  agent.legId = leg?.id;
  agent.queuedAt = leg?.queuedAt;
}

/** Shift start: logged_on then ready (no `previous`), or an extension of a shift still running. */
export function logOn(ctx: SimContext, agent: SimAgent, shift: ShiftWindow): void {
  // Still logged on (finishing a call past the previous shift's end): keep working, no log-off/log-on pair.
  if (agent.loggedOn) {
    agent.shift = shift;
    watchShiftEnd(ctx, agent, shift);
    return;
  }
  agent.loggedOn = true;
  agent.shift = shift;
  agent.hasPrevious = false;
  agent.pending = [];
  agent.requested = null;
  agent.ringing = null;
  agent.reasonCode = undefined;
  agent.callId = undefined;
  agent.legId = undefined;
  agent.queuedAt = undefined;
  ctx.emit({
    ...ctx.header(),
    type: "agent.logged_on",
    agentId: agent.roster.id,
    data: { extension: agent.roster.extension, queues: [...agent.roster.queueIds], teamId: agent.roster.teamId },
    raw: { interface: agent.roster.interface, membername: agent.roster.name },
  });
  transition(ctx, agent, { type: "agent.ready" });
  watchShiftEnd(ctx, agent, shift);
  ctx.agentFreed(agent);
}

function watchShiftEnd(ctx: SimContext, agent: SimAgent, shift: ShiftWindow): void {
  ctx.at(Math.max(ctx.t, shift.end), () => {
    if (agent.shift !== shift || !agent.loggedOn) return;
    if (shift.end > ctx.t) return watchShiftEnd(ctx, agent, shift); // extended by a contiguous shift
    if (agent.state === "not_ready") logOff(ctx, agent);
    else if (isAvailable(agent)) ctx.agentFreed(agent);
    // Busy, in ACW or being rung: the agent logs off when that ends (settle sees the shift is over).
  });
}

export function logOff(ctx: SimContext, agent: SimAgent): void {
  transition(ctx, agent, { type: "agent.logged_off" });
}

/**
 * Decides what a freed agent does next: log off after the shift, take a break
 * that fell due meanwhile, or become ready. Returns true when the agent is ready
 * and free, so the caller should offer it the longest-waiting call.
 */
export function settle(ctx: SimContext, agent: SimAgent): boolean {
  if (!agent.loggedOn || agent.ringing !== null) return false;
  const requested = agent.requested;
  agent.requested = null;
  if (agent.shift === null || ctx.t >= agent.shift.end || requested?.state === "logged_out") {
    logOff(ctx, agent);
    return false;
  }
  if (requested) {
    pauseUntilTold(ctx, agent, requested.reasonCode);
    return false;
  }
  const next = agent.pending.shift();
  if (next) {
    startNotReady(ctx, agent, next.reasonCode, next.durationMs);
    return false;
  }
  if (agent.state !== "ready") transition(ctx, agent, { type: "agent.ready" });
  return true;
}

/** A supervisor's pause (Asterisk QueuePause): not ready with its reason until someone makes the agent ready or the shift ends. */
export function pauseUntilTold(ctx: SimContext, agent: SimAgent, reasonCode: string): void {
  agent.timerToken++;
  transition(ctx, agent, { type: "agent.not_ready", reasonCode });
}

function startNotReady(ctx: SimContext, agent: SimAgent, reasonCode: string, durationMs: number): void {
  transition(ctx, agent, { type: "agent.not_ready", reasonCode });
  const token = ++agent.timerToken;
  ctx.at(ctx.t + durationMs, () => {
    if (agent.timerToken === token && agent.loggedOn) ctx.agentFreed(agent);
  });
}

/** A planned break or session falls due: take it now if idle, else as soon as the agent is free. */
export function activityDue(ctx: SimContext, agent: SimAgent, activity: PlannedActivity): void {
  if (!agent.loggedOn || agent.shift === null || ctx.t >= agent.shift.end) return;
  if (isAvailable(agent)) startNotReady(ctx, agent, activity.reasonCode, activity.durationMs);
  else agent.pending.push(activity);
}

/** The agent let a call ring out: auto-paused like Asterisk's autopause, unless the shift is over. */
export function missedRing(ctx: SimContext, agent: SimAgent): void {
  if (agent.shift === null || ctx.t >= agent.shift.end) logOff(ctx, agent);
  else startNotReady(ctx, agent, RING_NO_ANSWER_REASON, ctx.samplers.ringNoAnswerPause(ctx.rng));
}

/** Call finished on this agent: after-call work if enabled, else free at once. */
export function wrapUp(ctx: SimContext, agent: SimAgent, leg: SimLeg): void {
  if (!ctx.behaviours.acw) return ctx.agentFreed(agent);
  transition(ctx, agent, { type: "agent.working_after_call", leg });
  const token = ++agent.timerToken;
  ctx.at(ctx.t + ctx.samplers.acw(ctx.rng), () => {
    if (agent.timerToken === token && agent.loggedOn) ctx.agentFreed(agent);
  });
}
