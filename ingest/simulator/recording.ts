import { SPEC_VERSION, type CtiEvent } from "@/lib/events";
import type { BankWord } from "@/lib/recordings/bank/format";
import { loadBankIndex } from "@/lib/recordings/bank/load-bank";
import { simulatedRecordingId } from "@/lib/recordings/simulated/ids";
import { planPaymentPause } from "@/lib/recordings/simulated/payment-pause";
import { scriptCall } from "@/lib/recordings/simulated/script";
import { scriptSegments } from "@/lib/recordings/simulated/segments";
import type { RecordingTimeline, Span } from "@/lib/recordings/simulated/timeline";
import { hashSeed, Rng } from "@/lib/random/rng";
import type { EnvelopeHeader, SimContext } from "./context";
import type { ConversationPlan } from "./conversation";

/** The envelope ids of an agent leg's events (calls.ts builds them for the leg's own events too). */
export interface LegIds {
  readonly callId: string;
  readonly queueId: string;
  readonly legId: string;
  readonly agentId: string;
  readonly raw: Record<string, string>;
}

export const recordingIdOf = simulatedRecordingId;

/**
 * The recorded leg's timeline, known at answer: the plan fixes every talk and hold span and
 * how the leg ends (an attended transfer's consultation is a last hold ending at the clearing).
 */
export function plannedTimeline(recordingId: string, agentId: string, plan: ConversationPlan): Omit<RecordingTimeline, "pauses"> {
  const holds: Span[] = [];
  let at = 0;
  for (const step of plan.steps) {
    if (step.kind === "hold") holds.push({ start: at, end: at + step.ms });
    at += step.ms;
  }
  const o = plan.outcome;
  if (o.kind === "transfer" && o.mode === "attended") {
    holds.push({ start: at, end: at + o.consultMs });
    at += o.consultMs;
  }
  const ending = o.kind === "release" ? "release" : o.mode === "attended" ? "attended-transfer" : "blind-transfer";
  return { recordingId, agentId, durationMs: at, holds: holds.filter((h) => h.end > h.start), ending };
}

/**
 * Starts recording an answered agent leg, as a PBX with call recording on does (Asterisk's
 * MixMonitor from the queue's answer): recording.started now, recording.paused/resumed where
 * the agent pauses for a payment, and each turn of the conversation's transcript when the turn
 * ends. recording.stopped comes from `stopRecording` when the leg clears.
 *
 * Everything here draws from streams seeded by the recording id, never from the simulation's
 * own: a run with recordings makes the same calls as one without, only with more events.
 */
export function startRecording(ctx: SimContext, ids: LegIds, plan: ConversationPlan): void {
  const recordingId = recordingIdOf(ids.legId);
  const t0 = ctx.t;
  const base = plannedTimeline(recordingId, ids.agentId, plan);
  const pause = planPaymentPause(base);
  const timeline: RecordingTimeline = { ...base, pauses: pause ? [pause] : [] };
  const script = scriptCall(timeline, loadBankIndex());
  const idRng = new Rng(hashSeed("recording-events", recordingId, t0));
  const header = (time: number): EnvelopeHeader => ({ specVersion: SPEC_VERSION, id: idRng.uuid(), source: ctx.config.source, time, tenantId: ctx.config.tenantId });
  const envelope = (time: number) => ({ ...header(time), ...ids });

  ctx.emit({ ...envelope(t0), type: "recording.started", data: { recordingId, format: "webm" } });
  if (pause) {
    const paused: CtiEvent = { ...envelope(t0 + pause.start), type: "recording.paused", data: { recordingId } };
    const resumed: CtiEvent = { ...envelope(t0 + pause.end), type: "recording.resumed", data: { recordingId } };
    ctx.at(paused.time, () => ctx.emit(paused));
    ctx.at(resumed.time, () => ctx.emit(resumed));
  }
  for (const { words, ...rest } of scriptSegments(script, timeline)) {
    const segment: CtiEvent = { ...envelope(t0 + rest.endMs), type: "transcript.segment", data: { ...rest, words: words as BankWord[] } };
    ctx.at(segment.time, () => ctx.emit(segment));
  }
}

/** The leg cleared (released or transferred): the recording ends with it. */
export function stopRecording(ctx: SimContext, ids: LegIds, answeredAt: number): void {
  const recordingId = recordingIdOf(ids.legId);
  const id = new Rng(hashSeed("recording-stopped", recordingId, answeredAt)).uuid();
  const header: EnvelopeHeader = { specVersion: SPEC_VERSION, id, source: ctx.config.source, time: ctx.t, tenantId: ctx.config.tenantId };
  ctx.emit({
    ...header,
    ...ids,
    type: "recording.stopped",
    data: { recordingId, durationMs: ctx.t - answeredAt },
  });
}
