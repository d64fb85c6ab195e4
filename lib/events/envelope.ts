import { z } from "zod";
import { dataSchemas, type EventType } from "./data";

/** Bumped when the envelope changes incompatibly; producers send it, the store keeps it. */
export const SPEC_VERSION = "1.0";

const id = z.string().min(1).max(128);

/** Fields every event carries, CloudEvents-like. `id` is the idempotency key. */
const baseEnvelope = z.object({
  specVersion: z.literal(SPEC_VERSION),
  id: z.uuid().describe("unique per event; repeats of the same id are one event"),
  source: z.string().min(1).max(256).describe("which platform instance emitted it, e.g. asterisk://pbx1"),
  time: z.number().int().min(0).max(8_000_000_000_000).describe("platform time, epoch milliseconds"),
  tenantId: id,
  callId: id.optional(),
  agentId: id.optional(),
  queueId: id.optional(),
  legId: id.optional().describe("one call's pass through one queue: the contact segment id"),
  raw: z.record(z.string().max(64), z.string().max(1024)).optional().describe("platform ids, e.g. Asterisk uniqueid"),
});

/** Which envelope ids each family of events must carry, so derived rows are never orphaned. */
type Need = { callId?: true; agentId?: true; queueId?: true; legId?: true };

function event<T extends EventType, N extends Need>(type: T, need: N) {
  return baseEnvelope.extend({
    type: z.literal(type),
    data: dataSchemas[type],
    ...(need.callId ? { callId: id } : {}),
    ...(need.agentId ? { agentId: id } : {}),
    ...(need.queueId ? { queueId: id } : {}),
    ...(need.legId ? { legId: id } : {}),
  } as { type: z.ZodLiteral<T>; data: (typeof dataSchemas)[T] } & { [K in keyof N]: typeof id });
}

const call = { callId: true } as const;
const leg = { callId: true, queueId: true, legId: true } as const;
const agentLeg = { callId: true, queueId: true, legId: true, agentId: true } as const;
const agent = { agentId: true } as const;

export const ctiEventSchema = z.discriminatedUnion("type", [
  event("call.offered", call),
  event("call.queued", leg),
  event("call.delivered", agentLeg),
  event("call.diverted", agentLeg),
  event("call.established", agentLeg),
  event("call.held", agentLeg),
  event("call.retrieved", agentLeg),
  event("call.transferred", agentLeg),
  event("call.conferenced", call),
  event("call.queue_exited", leg),
  event("call.connection_cleared", agentLeg),
  event("call.cleared", call),
  event("call.failed", call),
  event("agent.logged_on", agent),
  event("agent.logged_off", agent),
  event("agent.ready", agent),
  event("agent.not_ready", agent),
  event("agent.working_after_call", agent),
  event("agent.busy", agent),
  event("supervision.started", call),
  event("supervision.mode_changed", call),
  event("supervision.ended", call),
  event("recording.started", call),
  event("recording.paused", call),
  event("recording.resumed", call),
  event("recording.stopped", call),
  event("transcript.segment", call),
]);

export type CtiEvent = z.infer<typeof ctiEventSchema>;
export type EventOf<T extends EventType> = Extract<CtiEvent, { type: T }>;
