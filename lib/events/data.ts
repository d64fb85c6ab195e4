import { z } from "zod";

/**
 * Payload (`data`) schemas, one per event type. Names follow CSTA (ECMA-269)
 * where CSTA has the event. Durations are integer milliseconds.
 *
 * Terminal events carry the durations a PBX already knows when it emits them
 * (as Asterisk's queue_log CONNECT/COMPLETE* lines and Amazon Connect's agent
 * snapshots do). That keeps every derived row computable from ONE event, so the
 * store can derive contacts and agent intervals with materialized views and
 * no cross-event state in the ingest path.
 */

const ms = z.number().int().nonnegative();
const shortText = z.string().min(1).max(256);

export const AGENT_STATES = ["ready", "not_ready", "busy", "after_call_work"] as const;
export const agentStateSchema = z.enum(AGENT_STATES);
export type AgentState = z.infer<typeof agentStateSchema>;

export function isAgentState(s: string): s is AgentState {
  return (AGENT_STATES as readonly string[]).includes(s);
}

/**
 * When a contact segment entered its queue. Events that end part of a segment's
 * handling (the agent leg clearing, after-call work ending) repeat it so the store
 * can file that part under the period the contact belongs to without looking the
 * segment up: every row of a segment then shares one time-ordered key.
 */
const queuedAt = ms.describe(
  "epoch ms when the segment (legId) entered the queue: its call.queued time (on call.queue_exited and call.established, where it may be left out, the event time minus waitMs stands in)",
);

/** What the agent was doing until this event: lets one event describe a whole interval. */
export const previousStateSchema = z
  .object({
    state: agentStateSchema,
    since: ms.describe("epoch ms when the previous state began"),
    reasonCode: shortText.optional(),
    callId: shortText.optional(),
    legId: shortText.optional(),
    queuedAt: queuedAt.optional().describe("when the segment named by legId entered the queue; required with legId"),
  })
  .refine((p) => p.legId === undefined || p.queuedAt !== undefined, {
    message: "previous.queuedAt is required when previous.legId is given",
    path: ["queuedAt"],
  });

const agentStateData = z.object({ previous: previousStateSchema.optional() });

/** `system`: the platform ended the caller's wait itself (a restart: ingest/platform/close-left-open.ts). */
export const QUEUE_EXIT_REASONS = ["answered", "abandon", "timeout", "empty", "key", "transfer", "system"] as const;

/** What lib/redaction masks in a transcript segment (its `redactions` field). */
export const TRANSCRIPT_REDACTION_KINDS = ["card_number", "security_code", "expiry"] as const;

export const dataSchemas = {
  "call.offered": z.object({
    from: shortText.describe("caller number (ANI)"),
    to: shortText.describe("dialled number (DNIS)"),
    direction: z.enum(["inbound", "outbound", "internal"]),
    channelId: shortText.describe("the caller leg's platform channel id"),
    callbackOf: shortText.optional().describe("outbound callbacks: the missed call this one answers"),
  }),
  "call.queued": z.object({
    position: z.number().int().positive().optional(),
    priority: z.number().int().optional(),
  }),
  "call.delivered": z.object({
    agentChannelId: shortText.describe("the agent leg's platform channel id"),
    attempt: z.number().int().positive().optional(),
  }),
  "call.diverted": z.object({
    // abandoned: the caller hung up during the ring (their call.queue_exited follows); system: the platform ended it (a restart).
    reason: z.enum(["ring_no_answer", "busy", "rejected", "abandoned", "system"]),
    ringMs: ms,
  }),
  "call.established": z.object({
    waitMs: ms.describe("time in queue before answer; without queuedAt, time - waitMs is the segment's queue entry, the same as its call.queue_exited time - waitMs"),
    queuedAt: queuedAt.optional(),
    ringMs: ms.describe("ring time on the answering agent"),
    agentChannelId: shortText,
  }),
  "call.held": z.object({}),
  "call.retrieved": z.object({ holdMs: ms }),
  "call.transferred": z.object({
    kind: z.enum(["blind", "attended"]),
    toQueueId: shortText.optional(),
    toAgentId: shortText.optional(),
    toExtension: shortText.optional(),
  }),
  "call.conferenced": z.object({ participants: z.array(shortText).max(64) }),
  "call.queue_exited": z.object({
    reason: z.enum(QUEUE_EXIT_REASONS),
    waitMs: ms,
    /** Producers whose wait figure need not match their call.queued time (queue_log) give the entry time itself. */
    queuedAt: queuedAt.optional(),
    position: z.number().int().positive().optional(),
  }),
  "call.connection_cleared": z.object({
    queuedAt,
    talkMs: ms.describe("answered to cleared, hold included"),
    holdMs: ms,
    holdCount: z.number().int().nonnegative(),
    releasedBy: z.enum(["agent", "caller", "transfer", "system"]),
    transferred: z.boolean(),
  }),
  "call.cleared": z.object({ durationMs: ms, cause: shortText.optional() }),
  "call.failed": z.object({ cause: shortText }),
  "agent.logged_on": z.object({
    extension: shortText.optional(),
    queues: z.array(shortText).max(256).optional(),
    teamId: shortText.optional(),
  }),
  "agent.logged_off": agentStateData,
  "agent.ready": agentStateData,
  "agent.not_ready": agentStateData.extend({ reasonCode: shortText }),
  "agent.working_after_call": agentStateData,
  "agent.busy": agentStateData,
  "supervision.started": z.object({
    sessionId: shortText,
    supervisorId: shortText,
    /** How people know the supervisor (the wallboard shows it); the id when absent. */
    supervisorName: shortText.optional(),
    mode: z.enum(["listen", "whisper", "barge"]),
    agentNotified: z.boolean().optional().describe("the agent heard a tone: the queue's policy tells agents they are monitored"),
    bargeTone: z.boolean().optional().describe("both parties heard a tone as the supervisor barged in"),
  }),
  "supervision.mode_changed": z.object({
    sessionId: shortText,
    mode: z.enum(["listen", "whisper", "barge"]),
    previousMode: z.enum(["listen", "whisper", "barge"]),
    bargeTone: z.boolean().optional().describe("both parties heard a tone as the supervisor barged in"),
  }),
  "supervision.ended": z.object({ sessionId: shortText, reason: shortText.optional() }),
  "recording.started": z.object({ recordingId: shortText, uri: z.string().max(2048).optional(), format: shortText.optional() }),
  "recording.paused": z.object({ recordingId: shortText }),
  "recording.resumed": z.object({ recordingId: shortText }),
  "recording.stopped": z.object({ recordingId: shortText, durationMs: ms }),
  "transcript.segment": z
    .object({
      recordingId: shortText.optional(),
      segmentIndex: z.number().int().nonnegative(),
      speaker: z.enum(["agent", "caller", "supervisor"]),
      startMs: ms,
      endMs: ms,
      text: z.string().max(8192),
      confidence: z.number().min(0).max(1).optional(),
      /** Which channel of the recording the words are on (stereo: 0 agent, 1 caller, by default). */
      channel: z.number().int().min(0).max(7).optional(),
      /** Each word with its start and end, ms from the recording's start: what the player highlights and seeks to. */
      words: z
        .array(z.object({ t: z.string().min(1).max(128), s: ms, e: ms }))
        .max(2000)
        .optional(),
      /** Spans masked before the segment was stored (lib/redaction): word indices, `from` inclusive, `to` exclusive. */
      redactions: z
        .array(z.object({ from: z.number().int().min(0).max(2000), to: z.number().int().min(0).max(2000), kind: z.enum(TRANSCRIPT_REDACTION_KINDS) }))
        .max(500)
        .optional(),
    })
    // A span outside the words would silence nothing, or fail the recording's redaction as a whole
    // (redactMedia refuses it): such a segment is a dead letter with this reason instead.
    .refine((d) => (d.redactions ?? []).every((r) => r.from < r.to && r.to <= (d.words?.length ?? 0)), {
      message: "each redaction must cover words of this segment: from < to <= the number of words",
      path: ["redactions"],
    }),
} as const;

export type EventType = keyof typeof dataSchemas;
export const EVENT_TYPES = Object.keys(dataSchemas) as EventType[];
