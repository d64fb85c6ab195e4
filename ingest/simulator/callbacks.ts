import { CommandFailed, type CallbackCommand, type CallbackResult, type CallbackSupervisor } from "@/lib/telephony/commands";
import { transition } from "./agents";
import { agentLeg, callerRaw, converse } from "./calls";
import type { SimContext } from "./context";
import type { DeskPhone, LegParty, SimAgent, SimCall, SimLeg, SimQueue } from "./model";
import { pickAgent } from "./routing";

/**
 * A supervisor's callback, placed as an Asterisk site places one: Originate to the agent's
 * device (it rings; the agent picks up and is busy from then), then Dial to the customer,
 * presenting the queue's number. The originating channel is the agent's, so it is the
 * call's id and its linkedid. The customer answers, lets it ring out, or is busy, in
 * proportions like those outbound diallers report for callbacks to people who just rang.
 *
 * Supervisor first: the same, with the Originate to the supervisor's own desk phone
 * (`PJSIP/<extension>`), which the supervisor picks up after a short ring (they asked for
 * the call a moment ago). The legs name the supervisor as the party, as a PBX names the
 * device that answered; a desk phone is a member of no queue, so the supervisor gets no
 * agent state events and no agent's state changes. A desk phone already on a callback is
 * busy, as a phone without call waiting is.
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
/** The supervisor who just clicked "Call back myself" picks up within a few rings' seconds. */
const SUPERVISOR_ANSWERS_AFTER_MS = [2_000, 5_000] as const;

export function originateCallback(ctx: SimContext, command: CallbackCommand): CallbackResult {
  const queue = ctx.queuesById.get(command.queueId);
  if (!queue) throw new CommandFailed("no_such_queue", `no queue "${command.queueId}" on this PBX`);
  if (command.first === "supervisor") {
    const desk = deskPhone(ctx, command.supervisor);
    const leg = ringFirst(ctx, queue, command, desk);
    ctx.at(ctx.t + Math.round(ctx.rng.uniform(...SUPERVISOR_ANSWERS_AFTER_MS)), () => dialCustomer(ctx, leg, desk, desk.hangUp));
    return { callId: leg.call.id };
  }
  const agent = command.agentId === undefined ? pickAgent(ctx.agents, queue.config.skill) : named(ctx, command.agentId);
  if (!agent) throw new CommandFailed("busy", `no agent of ${queue.config.name} is ready to call back now`);
  const leg = ringFirst(ctx, queue, command, agent);
  leg.agent = agent;
  agent.ringing = leg;
  ctx.at(ctx.t + Math.min(ctx.samplers.ring(ctx.rng), ctx.ringTimeoutMs), () => {
    agent.ringing = null;
    // A break's end timer must not make the agent ready in mid-call; settle() decides once it ends.
    agent.timerToken++;
    transition(ctx, agent, { type: "agent.busy", leg });
    dialCustomer(ctx, leg, agent, () => ctx.agentFreed(agent));
  });
  return { callId: leg.call.id, agentId: agent.roster.id };
}

/** The new call, offered outbound, and the first phone ringing: its channel is the call's. */
function ringFirst(ctx: SimContext, queue: SimQueue, command: CallbackCommand, party: LegParty): SimLeg {
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
    agent: null,
    answeredAt: 0,
    holdMs: 0,
    holdCount: 0,
  };
  ctx.emit({
    ...ctx.header(),
    type: "call.offered",
    callId: id,
    queueId: queue.config.id,
    data: { from: queue.config.ddi, to: command.number, direction: "outbound", channelId: id, ...(command.callbackOf ? { callbackOf: command.callbackOf } : {}) },
    raw: callerRaw(call),
  });
  ctx.emit({ ...ctx.header(), ...agentLeg(leg, party), type: "call.delivered", data: { agentChannelId: id, attempt: 1 } });
  return leg;
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

/** Desk phones on a callback now, per simulation: a second one to the same extension is busy. */
const deskPhonesInUse = new WeakMap<SimContext, Set<string>>();

function deskPhone(ctx: SimContext, supervisor: CallbackSupervisor): DeskPhone {
  let inUse = deskPhonesInUse.get(ctx);
  if (!inUse) deskPhonesInUse.set(ctx, (inUse = new Set()));
  const set = inUse;
  if (set.has(supervisor.extension)) throw new CommandFailed("busy", `extension ${supervisor.extension} is on a call`);
  set.add(supervisor.extension);
  return { roster: { id: supervisor.id, interface: `PJSIP/${supervisor.extension}` }, hangUp: () => void set.delete(supervisor.extension) };
}

/** The first phone was picked up: the customer's phone rings. `unanswered`: what frees the first party when the customer never comes. */
function dialCustomer(ctx: SimContext, leg: SimLeg, party: LegParty, unanswered: () => void): void {
  const dialledAt = ctx.t;
  const draw = ctx.rng.next();
  if (draw < P_ANSWERED) {
    ctx.at(ctx.t + Math.round(ctx.rng.uniform(...ANSWER_AFTER_MS)), () => {
      leg.status = "connected";
      leg.answeredAt = ctx.t;
      ctx.emit({
        ...ctx.header(),
        ...agentLeg(leg, party),
        type: "call.established",
        data: { waitMs: ctx.t - leg.queuedAt, ringMs: ctx.t - dialledAt, agentChannelId: leg.agentChannelId },
      });
      converse(ctx, leg, party, false);
    });
    return;
  }
  const cause = draw < P_ANSWERED + P_BUSY ? "busy" : "no_answer";
  ctx.at(ctx.t + (cause === "busy" ? BUSY_AFTER_MS : NO_ANSWER_AFTER_MS), () => {
    leg.status = "done";
    ctx.emit({ ...ctx.header(), type: "call.failed", callId: leg.call.id, data: { cause }, raw: callerRaw(leg.call) });
    unanswered();
  });
}
