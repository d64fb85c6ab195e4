import { describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { freshTenant, queryRows, testStore } from "../helpers/store";
import { entryRows } from "../helpers/entry-rows";
import type { CtiEvent } from "@/lib/events";

describe("recording and transcript tables (migration 0019)", () => {
  it("merges a recording's events into one row and keeps each segment's words with their times", async () => {
    const { ch } = await testStore();
    const tenantId = freshTenant();
    const t0 = Date.UTC(2026, 0, 5, 9, 0, 0);
    const base = { specVersion: "1.0" as const, source: "sim", tenantId, callId: "c1", queueId: "q1", legId: "c1.1", agentId: "a1" };
    const events: CtiEvent[] = [
      { ...base, id: randomUUID(), type: "recording.started", time: t0, data: { recordingId: "r1", format: "webm" } },
      { ...base, id: randomUUID(), type: "recording.stopped", time: t0 + 90_000, data: { recordingId: "r1", durationMs: 90_000 } },
      {
        ...base,
        id: randomUUID(),
        type: "transcript.segment",
        time: t0 + 5_000,
        data: {
          recordingId: "r1",
          segmentIndex: 0,
          speaker: "caller",
          channel: 1,
          startMs: 1_000,
          endMs: 2_400,
          text: "My card number",
          words: [
            { t: "My", s: 1_000, e: 1_200 },
            { t: "card", s: 1_250, e: 1_700 },
            { t: "number", s: 1_750, e: 2_400 },
          ],
        },
      },
    ];
    await ch.insert({ table: "cti_events_in", values: entryRows(events), format: "JSONEachRow" });
    await ch.insert({ table: "cti_events_in", values: entryRows(events), format: "JSONEachRow" }); // an at-least-once repeat

    const recordings = await queryRows<Record<string, string | number>>(
      ch,
      `SELECT recording_id, max(call_id) call, max(leg_id) leg, max(agent_id) agent, max(queue_id) queue,
              max(started_at) started, max(stopped_at) stopped, max(duration_ms) duration
       FROM recordings WHERE tenant_id = {t:String} GROUP BY recording_id`,
      { t: tenantId },
    );
    expect(recordings).toEqual([
      {
        recording_id: "r1",
        call: "c1",
        leg: "c1.1",
        agent: "a1",
        queue: "q1",
        started: new Date(t0).toISOString(),
        stopped: new Date(t0 + 90_000).toISOString(),
        duration: 90_000,
      },
    ]);
    const byCall = await queryRows<{ recording_id: string }>(ch, `SELECT recording_id FROM recordings_by_call FINAL WHERE tenant_id = {t:String} AND call_id = 'c1'`, {
      t: tenantId,
    });
    expect(byCall).toEqual([{ recording_id: "r1" }]);

    const segments = await queryRows<Record<string, unknown>>(
      ch,
      `SELECT speaker, channel, start_ms, end_ms, text, words, word_starts, word_ends FROM transcript_segments FINAL WHERE tenant_id = {t:String}`,
      { t: tenantId },
    );
    expect(segments).toEqual([
      {
        speaker: "caller",
        channel: 1,
        start_ms: 1_000,
        end_ms: 2_400,
        text: "My card number",
        words: ["My", "card", "number"],
        word_starts: [1_000, 1_250, 1_750],
        word_ends: [1_200, 1_700, 2_400],
      },
    ]);
  });
});

describe("readCallEvents", () => {
  it("reads one call's events in order, repeats once, and null for an unknown call", async () => {
    const { ch } = await testStore();
    const tenantId = freshTenant();
    const t0 = Date.UTC(2026, 0, 6, 9, 0, 0);
    const base = { specVersion: "1.0" as const, source: "sim", tenantId, queueId: "q1" };
    const mine: CtiEvent[] = [
      { ...base, callId: "c7", id: randomUUID(), type: "call.offered", time: t0, data: { from: "+441", to: "+442", direction: "inbound", channelId: "c7" } },
      { ...base, callId: "c7", legId: "c7.1", id: randomUUID(), type: "call.queued", time: t0 + 4_000, data: { position: 1 } },
      { ...base, callId: "c7", id: randomUUID(), type: "call.cleared", time: t0 + 60_000, data: { durationMs: 60_000, cause: "normal" } },
    ];
    const other: CtiEvent = {
      ...base,
      callId: "c8",
      id: randomUUID(),
      type: "call.offered",
      time: t0 + 1_000,
      data: { from: "+443", to: "+442", direction: "inbound", channelId: "c8" },
    };
    const all = [...mine, other];
    await ch.insert({ table: "cti_events_in", values: entryRows(all), format: "JSONEachRow" });
    await ch.insert({ table: "cti_events_in", values: entryRows(all), format: "JSONEachRow" });
    const { readCallEvents } = await import("@/lib/calls/read-call-events");
    const got = await readCallEvents(ch, tenantId, "c7");
    expect(got?.map((e) => [e.id, e.type, e.time])).toEqual(mine.map((e) => [e.id, e.type, e.time]));
    expect(await readCallEvents(ch, tenantId, "nope")).toBeNull();
  });
});
