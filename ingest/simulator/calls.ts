import { missedRing, transition, wrapUp } from "./agents";
import type { SimContext } from "./context";
import { planConversation, type ConversationPlan, type Outcome } from "./conversation";
import { isDeskPhone, type LegParty, type SimAgent, type SimCall, type SimLeg, type SimQueue } from "./model";
import { callerNumber } from "./numbers";
import { startRecording, stopRecording } from "./recording";
import { pickAgent, pickCaller, positionOf, removeFromQueue } from "./routing";

/**
 * The life of a call as a queueing PBX (Asterisk app_queue) runs it: offered,
 * queued, rung on agents until one answers, talked (with holds), then cleared
 * or transferred into another queue as a new leg. Caller-side events carry the
 * caller channel's uniqueid; agent-leg events the agent channel's.
 */

export function callerRaw(call: SimCall): Record<string, string> {
  return { uniqueid: call.id, linkedid: call.id };
}

export function agentLeg(leg: SimLeg, agent: LegParty) {
  return {
    callId: leg.call.id,
    queueId: leg.queue.config.id,
    legId: leg.id,
    agentId: agent.roster.id,
    raw: { uniqueid: leg.agentChannelId, linkedid: leg.call.id, interface: agent.roster.interface },
  };
}

function legIds(leg: SimLeg) {
  return { callId: leg.call.id, queueId: leg.queue.config.id, legId: leg.id, raw: callerRaw(leg.call) };
}

/** A new inbound call on the queue's DDI; it reaches the queue after the greeting/IVR. */
export function arrive(ctx: SimContext, queue: SimQueue): void {
  const id = ctx.newChannelId();
  const call: SimCall = { id, offeredAt: ctx.t, legCount: 0, transfers: 0 };
  ctx.emit({
    ...ctx.header(),
    type: "call.offered",
    callId: id,
    queueId: queue.config.id,
    data: { from: callerNumber(ctx.rng), to: queue.config.ddi, direction: "inbound", channelId: id },
    raw: callerRaw(call),
  });
  ctx.at(ctx.t + ctx.samplers.ivr(ctx.rng), () => enqueue(ctx, call, queue));
}

/** The call enters `queue` as a new leg: patience and max-wait clocks start now. */
export function enqueue(ctx: SimContext, call: SimCall, queue: SimQueue): void {
  const leg: SimLeg = {
    call,
    id: `${call.id}.${++call.legCount}`,
    queue,
    queuedAt: ctx.t,
    seq: ctx.nextLegSeq(),
    status: "waiting",
    attempts: 0,
    ringToken: 0,
    ringStartedAt: 0,
    agentChannelId: "",
    timeoutPending: false,
    agent: null,
    answeredAt: 0,
    holdMs: 0,
    holdCount: 0,
  };
  queue.waiting.push(leg);
  ctx.emit({ ...ctx.header(), ...legIds(leg), type: "call.queued", data: { position: queue.waiting.length, priority: queue.config.priority } });
  if (ctx.behaviours.abandons) ctx.at(ctx.t + ctx.samplers.patience(ctx.rng), () => abandon(ctx, leg));
  if (ctx.behaviours.timeouts) ctx.at(ctx.t + Math.round(queue.config.maxWaitSeconds * 1000), () => timeout(ctx, leg));
  const agent = pickAgent(ctx.agents, queue.config.skill);
  if (agent) ring(ctx, leg, agent);
}

/** Offers the longest-waiting caller the agent can serve, if any. */
export function serveNextCaller(ctx: SimContext, agent: SimAgent): void {
  const leg = pickCaller(agent.queues);
  if (leg) ring(ctx, leg, agent);
}

function ring(ctx: SimContext, leg: SimLeg, agent: SimAgent): void {
  leg.status = "ringing";
  leg.agent = agent;
  leg.attempts++;
  leg.ringStartedAt = ctx.t;
  leg.agentChannelId = ctx.newChannelId();
  agent.ringing = leg;
  const token = ++leg.ringToken;
  ctx.emit({
    ...ctx.header(),
    ...agentLeg(leg, agent),
    type: "call.delivered",
    data: { agentChannelId: leg.agentChannelId, attempt: leg.attempts },
  });
  if (ctx.behaviours.ringNoAnswer && ctx.rng.chance(ctx.probabilities.ringNoAnswer)) {
    ctx.at(ctx.t + ctx.ringTimeoutMs, () => {
      if (leg.ringToken === token) ringNoAnswer(ctx, leg, agent);
    });
  } else {
    const ringMs = Math.min(ctx.samplers.ring(ctx.rng), ctx.ringTimeoutMs);
    ctx.at(ctx.t + ringMs, () => {
      if (leg.ringToken === token) answer(ctx, leg, agent);
    });
  }
}

function ringNoAnswer(ctx: SimContext, leg: SimLeg, agent: SimAgent): void {
  ctx.emit({
    ...ctx.header(),
    ...agentLeg(leg, agent),
    type: "call.diverted",
    data: { reason: "ring_no_answer", ringMs: ctx.t - leg.ringStartedAt },
  });
  releaseRing(leg, agent);
  missedRing(ctx, agent);
  if (leg.timeoutPending) return exitTimeout(ctx, leg);
  const next = pickAgent(ctx.agents, leg.queue.config.skill);
  if (next) ring(ctx, leg, next);
}

function releaseRing(leg: SimLeg, agent: SimAgent): void {
  leg.ringToken++;
  leg.status = "waiting";
  leg.agent = null;
  agent.ringing = null;
}

function answer(ctx: SimContext, leg: SimLeg, agent: SimAgent): void {
  const waitMs = ctx.t - leg.queuedAt;
  removeFromQueue(leg);
  leg.status = "connected";
  leg.answeredAt = ctx.t;
  agent.ringing = null;
  const ids = agentLeg(leg, agent);
  ctx.emit({
    ...ctx.header(),
    ...ids,
    type: "call.established",
    data: { waitMs, ringMs: ctx.t - leg.ringStartedAt, agentChannelId: leg.agentChannelId },
  });
  ctx.emit({ ...ctx.header(), ...ids, type: "call.queue_exited", data: { reason: "answered", waitMs } });
  transition(ctx, agent, { type: "agent.busy", leg });
  converse(ctx, leg, agent, ctx.behaviours.transfers && leg.call.transfers < ctx.maxTransfersPerCall);
}

/**
 * The connected leg's conversation (talk, holds, maybe a transfer), recorded and
 * open to monitoring, then its end; the agent is already busy on it (or it is a
 * supervisor's desk phone, which has no agent state).
 */
export function converse(ctx: SimContext, leg: SimLeg, agent: LegParty, transfers: boolean): void {
  const ids = agentLeg(leg, agent);
  const p = ctx.probabilities;
  const plan = planConversation(ctx.rng, {
    talk: leg.queue.talk,
    hold: ctx.samplers.hold,
    consult: ctx.samplers.consult,
    holds: ctx.behaviours.holds,
    transfers,
    pHold: p.hold,
    pAdditionalHold: p.additionalHold,
    pTransfer: p.transfer,
    pBlind: p.blindTransfer,
    pCallerReleases: p.callerReleases,
    transferTargets: transfers ? leg.queue.config.transferTargets : [],
  });
  if (recorded(ctx, leg)) startRecording(ctx, ids, plan);
  ctx.liveLegs.connected({ callId: ids.callId, legId: ids.legId, queueId: ids.queueId, agentId: ids.agentId, answeredAt: ctx.t, plan });
  runStep(ctx, leg, agent, plan, 0);
}

function runStep(ctx: SimContext, leg: SimLeg, agent: LegParty, plan: ConversationPlan, i: number): void {
  const step = plan.steps[i];
  if (step === undefined) return finish(ctx, leg, agent, plan.outcome);
  if (step.kind === "talk") {
    ctx.at(ctx.t + step.ms, () => runStep(ctx, leg, agent, plan, i + 1));
    return;
  }
  hold(ctx, leg, agent, step.ms, () => runStep(ctx, leg, agent, plan, i + 1));
}

function hold(ctx: SimContext, leg: SimLeg, agent: LegParty, ms: number, then: () => void): void {
  const start = ctx.t;
  ctx.emit({ ...ctx.header(), ...agentLeg(leg, agent), type: "call.held", data: {} });
  ctx.at(start + ms, () => {
    const holdMs = ctx.t - start;
    leg.holdMs += holdMs;
    leg.holdCount++;
    ctx.emit({ ...ctx.header(), ...agentLeg(leg, agent), type: "call.retrieved", data: { holdMs } });
    then();
  });
}

function finish(ctx: SimContext, leg: SimLeg, agent: LegParty, outcome: Outcome): void {
  if (outcome.kind === "release") {
    clearAgentLeg(ctx, leg, agent, outcome.by, false);
    clearCall(ctx, leg.call, "normal");
    return afterCall(ctx, agent, leg);
  }
  const transferNow = () => {
    ctx.emit({
      ...ctx.header(),
      ...agentLeg(leg, agent),
      type: "call.transferred",
      data: { kind: outcome.mode, toQueueId: outcome.toQueueId },
    });
    clearAgentLeg(ctx, leg, agent, "transfer", true);
    leg.call.transfers++;
    const target = ctx.queuesById.get(outcome.toQueueId);
    // Validated config guarantees the target exists; clearing keeps the call consistent if not.
    if (target) enqueue(ctx, leg.call, target);
    else clearCall(ctx, leg.call, "transfer_failed");
    afterCall(ctx, agent, leg);
  };
  if (outcome.mode === "blind") transferNow();
  else hold(ctx, leg, agent, outcome.consultMs, transferNow);
}

/** An agent wraps up; a desk phone is simply free again. */
function afterCall(ctx: SimContext, party: LegParty, leg: SimLeg): void {
  if (isDeskPhone(party)) party.hangUp();
  else wrapUp(ctx, party, leg);
}

/** Inbound legs only: the phrase bank's scripts are callers ringing in (a callback's would open wrongly). */
function recorded(ctx: SimContext, leg: SimLeg): boolean {
  return ctx.behaviours.recordings && !leg.call.callbackOf && leg.answeredAt >= ctx.recordFrom;
}

function clearAgentLeg(ctx: SimContext, leg: SimLeg, agent: LegParty, releasedBy: "agent" | "caller" | "transfer", transferred: boolean): void {
  leg.status = "done";
  ctx.emit({
    ...ctx.header(),
    ...agentLeg(leg, agent),
    type: "call.connection_cleared",
    data: {
      // The same number answer() took this leg's waitMs from, so queuedAt === queue_exited.time - waitMs.
      queuedAt: leg.queuedAt,
      talkMs: ctx.t - leg.answeredAt,
      holdMs: leg.holdMs,
      holdCount: leg.holdCount,
      releasedBy,
      transferred,
    },
  });
  if (recorded(ctx, leg)) stopRecording(ctx, agentLeg(leg, agent), leg.answeredAt);
  ctx.liveLegs.cleared(leg.id, leg.call.id, ctx.t);
}

export function clearCall(ctx: SimContext, call: SimCall, cause: string): void {
  ctx.emit({
    ...ctx.header(),
    type: "call.cleared",
    callId: call.id,
    data: { durationMs: ctx.t - call.offeredAt, cause },
    raw: callerRaw(call),
  });
}

/**
 * Caller patience ran out. If an agent was being rung, the ring stops (a `call.diverted`,
 * reason `abandoned`, so every ring that started has an end) and the agent stays ready.
 */
function abandon(ctx: SimContext, leg: SimLeg): void {
  if (leg.status !== "waiting" && leg.status !== "ringing") return;
  const ringing = leg.status === "ringing" ? leg.agent : null;
  if (ringing) {
    ctx.emit({ ...ctx.header(), ...agentLeg(leg, ringing), type: "call.diverted", data: { reason: "abandoned", ringMs: ctx.t - leg.ringStartedAt } });
    releaseRing(leg, ringing);
  }
  leaveQueue(ctx, leg, "abandon");
  clearCall(ctx, leg.call, "abandon");
  if (ringing) ctx.agentFreed(ringing);
}

/** Max wait reached. A ring in progress is let run: the caller leaves only if it is not answered. */
function timeout(ctx: SimContext, leg: SimLeg): void {
  if (leg.status === "ringing") leg.timeoutPending = true;
  else if (leg.status === "waiting") exitTimeout(ctx, leg);
}

/** The caller leaves the queue unanswered: one queue_exited, with the wait and the place it had. */
function leaveQueue(ctx: SimContext, leg: SimLeg, reason: "abandon" | "timeout"): void {
  const position = positionOf(leg);
  removeFromQueue(leg);
  leg.status = "done";
  ctx.emit({
    ...ctx.header(),
    ...legIds(leg),
    type: "call.queue_exited",
    data: { reason, waitMs: ctx.t - leg.queuedAt, position },
  });
}

function exitTimeout(ctx: SimContext, leg: SimLeg): void {
  leaveQueue(ctx, leg, "timeout");
  // The caller is sent to voicemail and hangs up after leaving a message.
  ctx.at(ctx.t + ctx.samplers.voicemail(ctx.rng), () => clearCall(ctx, leg.call, "voicemail"));
}
