import { CommandFailed, type CallbackCommand, type CallbackResult } from "@/lib/telephony/commands";
import { transition } from "./agents";
import { agentLeg, callerRaw, converse } from "./calls";
import type { SimContext } from "./context";
import type { SimAgent, SimCall, SimLeg } from "./model";
import { pickAgent } from "./routing";

/**
 * A supervisor's callback, placed as an Asterisk site places one: Originate to the agent's
 * device (it rings; the agent picks up and is busy from then), then Dial to the customer,
 * presenting the queue's number. The originating channel is the agent's, so it is the
 * call's id and its linkedid. The customer answers, lets it ring out, or is busy, in
 * proportions like those outbound diallers report for callbacks to people who just rang.
 *
 * Neither queued nor leaving a queue, the call has no queue outcome, so it is in no queue
 * KPI (docs/kpis.md); the agent's time on it is busy time, like any call's.
 */
const P_ANSWERED = 0.7;
const P_BUSY = 0.08;
/** How long the customer's phone rings before they answer: 4 to 20 s. */
const ANSWER_AFTER_MS = [4_000, 20_000] as const;
/** A Dial timeout sites commonly use for outbound calls. */
const NO_ANSWER_AFTER_MS = 30_000;
/** The network's busy signal comes back within a couple of seconds. */
const BUSY_AFTER_MS = 2_000;

export function originateCallback(ctx: SimContext, command: CallbackCommand): CallbackResult {
  const queue = ctx.queuesById.get(command.queueId);
  if (!queue) throw new CommandFailed("no_such_queue", `no queue "${command.queueId}" on this PBX`);
  const agent = command.agentId === undefined ? pickAgent(ctx.agents, queue.config.skill) : named(ctx, command.agentId);
  if (!agent) throw new CommandFailed("busy", `no agent of ${queue.config.name} is ready to call back now`);

  const id = ctx.newChannelId();
  const call: SimCall = { id, offeredAt: ctx.t, legCount: 1, transfers: 0, callbackOf: command.callbackOf };
  const leg: SimLeg = {
    call,
    id: `${id}.1`,
    queue,
    queuedAt: ctx.t,
    seq: ctx.nextLegSeq(),
    status: "ringing",
    attempts: 1,
    ringToken: 1,
    ringStartedAt: ctx.t,
    agentChannelId: id,
    timeoutPending: false,
    agent,
    answeredAt: 0,
    holdMs: 0,
    holdCount: 0,
  };
  agent.ringing = leg;
  ctx.emit({
    ...ctx.header(),
    type: "call.offered",
    callId: id,
    queueId: queue.config.id,
    data: { from: queue.config.ddi, to: command.number, direction: "outbound", channelId: id, ...(command.callbackOf ? { callbackOf: command.callbackOf } : {}) },
    raw: callerRaw(call),
  });
  ctx.emit({ ...ctx.header(), ...agentLeg(leg, agent), type: "call.delivered", data: { agentChannelId: id, attempt: 1 } });
  ctx.at(ctx.t + Math.min(ctx.samplers.ring(ctx.rng), ctx.ringTimeoutMs), () => dialCustomer(ctx, leg, agent));
  return { callId: id, agentId: agent.roster.id };
}

/** An agent asked for by name: logged on and free of calls (a pause does not stop a callback, as QueuePause does not stop Originate). */
function named(ctx: SimContext, agentId: string): SimAgent {
  const agent = ctx.agents.find((a) => a.roster.id === agentId);
  if (!agent) throw new CommandFailed("no_such_agent", `no agent "${agentId}" on this PBX`);
  if (!agent.loggedOn) throw new CommandFailed("not_logged_on", `${agent.roster.name} is not logged on`);
  const free = agent.ringing === null && (agent.state === "ready" || agent.state === "not_ready");
  if (!free) throw new CommandFailed("busy", `${agent.roster.name} is on a call or in after-call work`);
  // A paused member stays paused through the call (Asterisk keeps the pause): back to it afterwards.
  if (agent.state === "not_ready" && agent.reasonCode !== undefined) agent.requested ??= { state: "not_ready", reasonCode: agent.reasonCode };
  return agent;
}

/** The agent picked up: they are busy from now on, and the customer's phone rings. */
function dialCustomer(ctx: SimContext, leg: SimLeg, agent: SimAgent): void {
  agent.ringing = null;
  // A break's end timer must not make the agent ready in mid-call; settle() decides once it ends.
  agent.timerToken++;
  transition(ctx, agent, { type: "agent.busy", leg });
  const dialledAt = ctx.t;
  const draw = ctx.rng.next();
  if (draw < P_ANSWERED) {
    ctx.at(ctx.t + Math.round(ctx.rng.uniform(...ANSWER_AFTER_MS)), () => {
      leg.status = "connected";
      leg.answeredAt = ctx.t;
      ctx.emit({
        ...ctx.header(),
        ...agentLeg(leg, agent),
        type: "call.established",
        data: { waitMs: ctx.t - leg.queuedAt, ringMs: ctx.t - dialledAt, agentChannelId: leg.agentChannelId },
      });
      converse(ctx, leg, agent, false);
    });
    return;
  }
  const cause = draw < P_ANSWERED + P_BUSY ? "busy" : "no_answer";
  ctx.at(ctx.t + (cause === "busy" ? BUSY_AFTER_MS : NO_ANSWER_AFTER_MS), () => {
    leg.status = "done";
    ctx.emit({ ...ctx.header(), type: "call.failed", callId: leg.call.id, data: { cause }, raw: callerRaw(leg.call) });
    ctx.agentFreed(agent);
  });
}
