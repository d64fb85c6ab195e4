import { describe, expect, it } from "vitest";
import { ContactCentreSim } from "@/ingest/simulator/engine";
import { ctiEventSchema, type CtiEvent, type EventOf } from "@/lib/events";
import { loadBankIndex } from "@/lib/recordings/bank/load-bank";
import { scriptCall } from "@/lib/recordings/simulated/script";
import { scriptSegments } from "@/lib/recordings/simulated/segments";
import { timelineFromEvents } from "@/lib/recordings/simulated/timeline";
import { checkInvariants } from "./invariants";
import { defaultConfig, MONDAY, simulate, variant } from "../unit/simulator/fixtures";

const FROM = MONDAY + 7 * 3_600_000;
const TO = MONDAY + 14 * 3_600_000;

const isRecordingEvent = (e: CtiEvent) => e.type.startsWith("recording.") || e.type === "transcript.segment";

describe("the simulator records its calls", () => {
  const events = simulate(defaultConfig(), 11, FROM, TO);
  const byCall = new Map<string, CtiEvent[]>();
  for (const e of events) if (e.callId) byCall.set(e.callId, [...(byCall.get(e.callId) ?? []), e]);
  const started = events.filter((e): e is EventOf<"recording.started"> => e.type === "recording.started");

  it("emits events the event model accepts, and the stream keeps its invariants", () => {
    const recordingEvents = events.filter(isRecordingEvent);
    expect(recordingEvents.length).toBeGreaterThan(1_000);
    const rejected = recordingEvents.filter((e) => !ctiEventSchema.safeParse(JSON.parse(JSON.stringify(e))).success).map((e) => `${e.type} ${e.id}`);
    expect(rejected).toEqual([]);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    expect(checkInvariants(events, { complete: false })).toEqual([]);
  });

  it("records every answered agent leg from answer to the leg's clearing, as rec-<legId>", () => {
    const established = events.filter((e) => e.type === "call.established");
    const cleared = new Map(events.filter((e) => e.type === "call.connection_cleared").map((e) => [e.legId, e]));
    const stopped = new Map(events.filter((e): e is EventOf<"recording.stopped"> => e.type === "recording.stopped").map((e) => [e.data.recordingId, e]));
    expect(started.map((e) => e.legId)).toEqual(established.map((e) => e.legId));
    for (const s of started) {
      const answer = established.find((e) => e.legId === s.legId) as CtiEvent;
      expect(s.data).toEqual({ recordingId: `rec-${s.legId}`, format: "webm" });
      expect(s.time).toBe(answer.time);
      expect([s.agentId, s.queueId, s.callId]).toEqual([answer.agentId, answer.queueId, answer.callId]);
      const end = cleared.get(s.legId ?? "");
      const stop = stopped.get(s.data.recordingId);
      if (!end) {
        expect(stop).toBeUndefined(); // still talking when the day's slice ended
        continue;
      }
      expect(stop?.time).toBe(end.time);
      expect(stop?.data.durationMs).toBe(end.time - s.time);
    }
    expect(stopped.size).toBeGreaterThan(500);
  });

  it("the transcript it emitted is the script regenerated from the stored events alone, each segment sent when it ends", () => {
    const bank = loadBankIndex();
    let compared = 0;
    let paused = 0;
    for (const s of started) {
      const callEvents = (byCall.get(s.callId ?? "") ?? []).map((e) => JSON.parse(JSON.stringify(e)) as CtiEvent);
      if (!callEvents.some((e) => e.type === "recording.stopped" && e.data.recordingId === s.data.recordingId)) continue;
      const emitted = callEvents.filter((e): e is EventOf<"transcript.segment"> => e.type === "transcript.segment" && e.data.recordingId === s.data.recordingId);
      const timeline = timelineFromEvents(s.data.recordingId, callEvents);
      const regenerated = scriptSegments(scriptCall(timeline, bank), timeline);
      // Sent as each ends, numbered as each starts.
      expect(emitted.map((e) => e.data).sort((a, b) => a.segmentIndex - b.segmentIndex)).toEqual(regenerated);
      for (const e of emitted) expect(e.time).toBe(s.time + e.data.endMs);
      if (timeline.pauses.length > 0) paused++;
      compared++;
    }
    expect(compared).toBeGreaterThan(500);
    expect(paused).toBeGreaterThan(5);
  });

  it("adds events without changing any other: the same calls with recordings off", () => {
    const off = simulate(
      variant((c) => {
        c.behaviours.recordings = false;
      }),
      11,
      FROM,
      TO,
    );
    expect(off.some(isRecordingEvent)).toBe(false);
    expect(events.filter((e) => !isRecordingEvent(e))).toEqual(off);
  });

  it("records only legs answered from recordFrom on", () => {
    const recordFrom = FROM + 3 * 3_600_000;
    const later = new ContactCentreSim(defaultConfig(), { seed: 11, startTime: FROM, recordFrom }).advanceTo(TO);
    const answeredAt = new Map(later.filter((e) => e.type === "call.established").map((e) => [e.legId, e.time]));
    const recorded = later.filter((e) => e.type === "recording.started").map((e) => e.legId);
    expect(recorded.length).toBeGreaterThan(100);
    expect(recorded).toEqual([...answeredAt].filter(([, t]) => t >= recordFrom).map(([leg]) => leg));
    expect(later.filter((e) => e.type === "recording.stopped").every((e) => (answeredAt.get(e.legId ?? "") ?? 0) >= recordFrom)).toBe(true);
  });
});
