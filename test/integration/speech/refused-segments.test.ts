import { describe, expect, it, vi } from "vitest";
import { IngestPipeline, RefusedEvents } from "@/ingest/pipeline";
import type { CtiEvent } from "@/lib/events";
import { readJobs, writeJob } from "@/lib/speech/jobs-store";
import type { TranscriptionResult } from "@/lib/speech/protocol";
import { TranscriptionQueue, type Transcriber } from "@/lib/speech/queue";
import { transcriptionStatus } from "@/lib/speech/status";
import { pipelineIngest } from "@/server/recordings";
import { freshTenant, queryRows, testStore } from "../helpers/store";

/**
 * The speech queue and the recordings side hand events to the pipeline the same way
 * (pipelineIngest): a segment the pipeline refuses fails the job at once with the reason in its
 * status, never marks it done with the segment missing, and is not transcribed again for nothing.
 */
describe("segments the ingest pipeline refuses", () => {
  it("fail the transcription job at once with the reason, visible in its status; the valid ones are stored", async () => {
    const { ch } = await testStore();
    const tenantId = freshTenant("refused");
    const recordingId = "rec-refused";
    const pipeline = new IngestPipeline(ch, { maxEventBytes: 1 << 20, origin: "test" });
    // Channel 8 is past what a segment may name (0..7): the pipeline dead-letters that one.
    const result: TranscriptionResult = {
      type: "result",
      id: "1",
      durationMs: 6_000,
      channels: [
        { channel: 0, segments: [{ startMs: 100, endMs: 900, text: "hello", words: [{ t: "hello", s: 100, e: 900 }] }] },
        { channel: 8, segments: [{ startMs: 1_000, endMs: 1_900, text: "hi", words: [{ t: "hi", s: 1_000, e: 1_900 }] }] },
      ],
    };
    let transcribed = 0;
    const worker: Transcriber = {
      available: true,
      transcribe: async () => {
        transcribed += 1;
        return result;
      },
    };
    const afterDone = vi.fn(async () => undefined);
    const queue = new TranscriptionQueue({
      store: { write: (job) => writeJob(ch, job), read: (states) => readJobs(ch, states) },
      workers: [worker],
      facts: async () => ({ callId: "c1", legId: "c1.1", queueId: "q1", agentId: "a1", startedAt: Date.UTC(2026, 0, 9, 10), channelRoles: ["agent", "caller"] }),
      ingest: pipelineIngest(pipeline, "speech"),
      afterDone,
      pollMs: 50,
    });
    await queue.start();
    try {
      await queue.enqueue({ tenantId, recordingId, callId: "c1", audioPath: "/unused.webm", channelRoles: [] });
      await vi.waitFor(async () => expect((await transcriptionStatus(ch, tenantId, recordingId)).state).toBe("failed"), { timeout: 20_000, interval: 50 });
    } finally {
      await queue.stop();
    }
    const status = await transcriptionStatus(ch, tenantId, recordingId);
    expect(status).toMatchObject({ state: "failed", attempts: 1, segments: 0 });
    expect(status.error).toMatch(/^speech: the ingest pipeline refused 1 of 2 event\(s\) \(schema_violation: data\.channel: .*\); see dead_letters$/);
    expect(status.message).toBe(`transcription failed: ${status.error}`);
    expect(transcribed).toBe(1);
    expect(afterDone).not.toHaveBeenCalled();
    const stored = await queryRows<{ text: string }>(ch, "SELECT text FROM transcript_segments WHERE tenant_id = {t:String}", { t: tenantId });
    expect(stored).toEqual([{ text: "hello" }]);
  });

  it("are the same error for the recordings side's own events", async () => {
    const { ch } = await testStore();
    const pipeline = new IngestPipeline(ch, { maxEventBytes: 1 << 20, origin: "test" });
    const bad = { specVersion: "1.0", id: "not-a-uuid", type: "recording.started", source: "upload", time: 1, tenantId: freshTenant(), callId: "c1", data: {} };
    const refused = await pipelineIngest(pipeline)([bad as unknown as CtiEvent]).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RefusedEvents);
    expect((refused as RefusedEvents).final).toBe(true);
    expect((refused as Error).message).toMatch(/^recordings: the ingest pipeline refused 1 of 1 event\(s\) \(schema_violation: /);
  });
});
