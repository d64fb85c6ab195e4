import type { CtiEvent } from "./envelope";
import type { EventType } from "./data";

/**
 * One example of every event type: the documentation (docs/events.md) is written
 * from these, and a unit test checks each against the schema, so the docs cannot
 * drift from what the ingest accepts. One call's story, Asterisk-style ids.
 */
const t = Date.UTC(2026, 10, 2, 9, 30, 0);
const env = { specVersion: "1.0" as const, source: "asterisk://pbx1", tenantId: "acme" };
const call = { ...env, callId: "1793611800.1042" };
const leg = { ...call, queueId: "support", legId: "1793611800.1042.1" };
const agentLeg = { ...leg, agentId: "agent-017" };
const agent = { ...env, agentId: "agent-017" };
const uuid = (n: number) => `6f1c2a3b-4d5e-4f60-8a7b-${n.toString(16).padStart(12, "0")}`;

export const EVENT_EXAMPLES: { [T in EventType]: Extract<CtiEvent, { type: T }> } = {
  "call.offered": {
    ...call,
    id: uuid(1),
    type: "call.offered",
    time: t,
    data: { from: "+441632960123", to: "+448000001234", direction: "inbound", channelId: "1793611800.1042" },
    raw: { uniqueid: "1793611800.1042", linkedid: "1793611800.1042" },
  },
  "call.queued": { ...leg, id: uuid(2), type: "call.queued", time: t + 2_000, data: { position: 3, priority: 0 } },
  "call.delivered": { ...agentLeg, id: uuid(3), type: "call.delivered", time: t + 40_000, data: { agentChannelId: "1793611840.1051", attempt: 1 } },
  "call.diverted": { ...agentLeg, id: uuid(4), type: "call.diverted", time: t + 55_000, data: { reason: "ring_no_answer", ringMs: 15_000 } },
  "call.established": {
    ...agentLeg,
    id: uuid(5),
    type: "call.established",
    time: t + 62_000,
    data: { waitMs: 60_000, ringMs: 4_000, agentChannelId: "1793611858.1057" },
  },
  "call.held": { ...agentLeg, id: uuid(6), type: "call.held", time: t + 120_000, data: {} },
  "call.retrieved": { ...agentLeg, id: uuid(7), type: "call.retrieved", time: t + 150_000, data: { holdMs: 30_000 } },
  "call.transferred": { ...agentLeg, id: uuid(8), type: "call.transferred", time: t + 200_000, data: { kind: "blind", toQueueId: "billing" } },
  "call.conferenced": {
    ...call,
    id: uuid(9),
    type: "call.conferenced",
    time: t + 210_000,
    data: { participants: ["1793611800.1042", "1793611858.1057", "1793612010.1090"] },
  },
  "call.queue_exited": { ...agentLeg, id: uuid(10), type: "call.queue_exited", time: t + 62_000, data: { reason: "answered", waitMs: 60_000, position: 1 } },
  "call.connection_cleared": {
    ...agentLeg,
    id: uuid(11),
    type: "call.connection_cleared",
    time: t + 302_000,
    data: { queuedAt: t + 2_000, talkMs: 240_000, holdMs: 30_000, holdCount: 1, releasedBy: "caller", transferred: false },
  },
  "call.cleared": { ...call, id: uuid(12), type: "call.cleared", time: t + 302_000, data: { durationMs: 302_000, cause: "normal_clearing" } },
  "call.failed": { ...call, id: uuid(13), type: "call.failed", time: t + 1_000, data: { cause: "no_route_destination" } },
  "agent.logged_on": {
    ...agent,
    id: uuid(14),
    type: "agent.logged_on",
    time: t - 3_600_000,
    data: { extension: "PJSIP/2017", queues: ["support", "billing"], teamId: "team-blue" },
  },
  "agent.logged_off": { ...agent, id: uuid(15), type: "agent.logged_off", time: t + 28_800_000, data: { previous: { state: "ready", since: t + 28_000_000 } } },
  "agent.ready": {
    ...agent,
    id: uuid(16),
    type: "agent.ready",
    time: t + 332_000,
    data: { previous: { state: "after_call_work", since: t + 302_000, callId: "1793611800.1042", legId: "1793611800.1042.1", queuedAt: t + 2_000 } },
  },
  "agent.not_ready": {
    ...agent,
    id: uuid(17),
    type: "agent.not_ready",
    time: t + 400_000,
    data: { reasonCode: "break", previous: { state: "ready", since: t + 332_000 } },
  },
  "agent.working_after_call": {
    ...agent,
    callId: "1793611800.1042",
    legId: "1793611800.1042.1",
    id: uuid(18),
    type: "agent.working_after_call",
    time: t + 302_000,
    data: { previous: { state: "busy", since: t + 62_000, callId: "1793611800.1042", legId: "1793611800.1042.1", queuedAt: t + 2_000 } },
  },
  "agent.busy": {
    ...agent,
    callId: "1793611800.1042",
    legId: "1793611800.1042.1",
    id: uuid(19),
    type: "agent.busy",
    time: t + 62_000,
    data: { previous: { state: "ready", since: t + 10_000 } },
  },
  "supervision.started": {
    ...call,
    agentId: "agent-017",
    id: uuid(20),
    type: "supervision.started",
    time: t + 90_000,
    data: { sessionId: "sup-5", supervisorId: "sup.jones", mode: "listen" },
  },
  "supervision.mode_changed": {
    ...call,
    agentId: "agent-017",
    id: uuid(21),
    type: "supervision.mode_changed",
    time: t + 100_000,
    data: { sessionId: "sup-5", mode: "whisper", previousMode: "listen" },
  },
  "supervision.ended": {
    ...call,
    agentId: "agent-017",
    id: uuid(22),
    type: "supervision.ended",
    time: t + 180_000,
    data: { sessionId: "sup-5", reason: "supervisor_hangup" },
  },
  "recording.started": {
    ...call,
    legId: "1793611800.1042.1",
    id: uuid(23),
    type: "recording.started",
    time: t + 62_000,
    data: { recordingId: "rec-1793611800.1042", uri: "file:///var/spool/asterisk/monitor/1793611800.1042.wav", format: "wav" },
  },
  "recording.paused": { ...call, id: uuid(24), type: "recording.paused", time: t + 130_000, data: { recordingId: "rec-1793611800.1042" } },
  "recording.resumed": { ...call, id: uuid(25), type: "recording.resumed", time: t + 140_000, data: { recordingId: "rec-1793611800.1042" } },
  "recording.stopped": { ...call, id: uuid(26), type: "recording.stopped", time: t + 302_000, data: { recordingId: "rec-1793611800.1042", durationMs: 230_000 } },
  "transcript.segment": {
    ...call,
    id: uuid(27),
    type: "transcript.segment",
    time: t + 70_000,
    data: {
      recordingId: "rec-1793611800.1042",
      segmentIndex: 0,
      speaker: "agent",
      startMs: 0,
      endMs: 4_200,
      text: "Thank you for calling Acme support, this is Sam. How can I help?",
      confidence: 0.94,
      channel: 0,
      words: [
        { t: "Thank", s: 0, e: 220 },
        { t: "you", s: 220, e: 380 },
        { t: "for", s: 380, e: 520 },
        { t: "calling", s: 520, e: 900 },
        { t: "Acme", s: 900, e: 1_300 },
        { t: "support,", s: 1_300, e: 1_900 },
        { t: "this", s: 2_000, e: 2_200 },
        { t: "is", s: 2_200, e: 2_350 },
        { t: "Sam.", s: 2_350, e: 2_900 },
        { t: "How", s: 3_200, e: 3_450 },
        { t: "can", s: 3_450, e: 3_650 },
        { t: "I", s: 3_650, e: 3_750 },
        { t: "help?", s: 3_750, e: 4_200 },
      ],
    },
  },
};
