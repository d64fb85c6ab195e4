import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { IngestPipeline } from "@/ingest/pipeline";
import { redactionSpansForRecording } from "@/lib/redaction/spans-for-recording";
import { enqueueTranscription } from "@/lib/speech/enqueue";
import { startSpeech, type SpeechService } from "@/lib/speech/service";
import { transcriptionStatus } from "@/lib/speech/status";
import { freshTenant, queryRows, testStore } from "../helpers/store";
import { FIXTURE_AUDIO, fixture, noRecogniser } from "./speech-helpers";

const T0 = Date.UTC(2026, 0, 8, 14, 0, 0);

describe.skipIf(noRecogniser)("transcription queue, end to end", () => {
  let service: SpeechService | undefined;
  afterAll(() => service?.stop());

  it("enqueue -> the worker -> segments in transcript_segments, the card number masked everywhere and its audio located", async () => {
    const { ch, env } = await testStore();
    const tenantId = freshTenant("speech");
    const pipeline = new IngestPipeline(ch, { maxEventBytes: 1 << 20, origin: "test" });
    const base = { specVersion: "1.0" as const, source: "pbx", tenantId, callId: "call-9", queueId: "q1", legId: "call-9.1", agentId: "a7" };
    await pipeline.ingest([
      { payload: { object: { ...base, id: randomUUID(), type: "recording.started", time: T0, data: { recordingId: "rec-9" } } }, origin: { source: "test" } },
    ]);

    const dir = path.join(env.DATA_DIR, "recordings");
    fs.mkdirSync(dir, { recursive: true });
    const audioPath = path.join(dir, "rec-9.webm");
    fs.copyFileSync(FIXTURE_AUDIO, audioPath);

    service = startSpeech(
      { SPEECH_VENV: process.env.SPEECH_VENV ?? ".speech-venv", SPEECH_WORKERS: 1, SPEECH_THREADS: 1 },
      ch,
      async (events) => {
        await pipeline.ingest(events.map((object) => ({ payload: { object }, origin: { source: "speech" } })));
      },
      () => undefined,
    );
    await expect(enqueueTranscription(ch, env.DATA_DIR, { tenantId, recordingId: "rec-9", callId: "call-9", audioPath: "/etc/passwd" })).rejects.toThrow(
      /under DATA_DIR/,
    );
    await enqueueTranscription(ch, env.DATA_DIR, { tenantId, recordingId: "rec-9", callId: "call-9", audioPath, channelRoles: fixture.channelRoles });
    const queued = await transcriptionStatus(ch, tenantId, "rec-9");
    expect(["queued", "running"]).toContain(queued.state);

    await waitUntil(async () => (await transcriptionStatus(ch, tenantId, "rec-9")).state === "done", 180_000);
    const done = await transcriptionStatus(ch, tenantId, "rec-9");
    expect(done).toMatchObject({ state: "done", progress: 1, attempts: 1 });
    expect(done.message).toMatch(/^transcribed: \d+ segments$/);

    const segs = await queryRows<{
      segment_index: number;
      speaker: string;
      channel: number;
      text: string;
      source: string;
      queue_id: string;
      agent_id: string;
      start_ms: number;
    }>(
      ch,
      "SELECT segment_index, speaker, channel, text, source, queue_id, agent_id, start_ms FROM transcript_segments FINAL WHERE tenant_id = {t:String} AND recording_id = 'rec-9' ORDER BY segment_index",
      { t: tenantId },
    );
    expect(segs.length).toBeGreaterThanOrEqual(5);
    expect(segs.every((s) => s.source === "speech" && s.queue_id === "q1" && s.agent_id === "a7")).toBe(true);
    expect(segs.map((s) => s.start_ms)).toEqual([...segs.map((s) => s.start_ms)].sort((a, b) => a - b));
    expect(segs.every((s) => s.speaker === (s.channel === 0 ? "agent" : "caller"))).toBe(true);
    expect(segs.find((s) => s.channel === 0)?.text.toLowerCase()).toContain("how can i help");
    expect(segs.map((s) => s.text).join(" ")).toContain("[card number]");

    // Not one group of the card number (4539 1488 0343 6467) nor the code (737) in what was stored.
    const raw = await queryRows<{ data: string }>(ch, "SELECT data FROM cti_events WHERE tenant_id = {t:String} AND type = 'transcript.segment'", { t: tenantId });
    const stored = raw.map((r) => r.data).join("\n") + JSON.stringify(segs);
    for (const digits of ["4539", "1488", "6467", "737", "7.3.7"]) expect(stored).not.toContain(digits);

    // The card was read on the caller's channel between 8.8 s and 13.8 s; the code from 16.7 s to 18.7 s.
    const spans = await redactionSpansForRecording(ch, tenantId, "rec-9", 0);
    const card = spans.find((s) => s.kind === "card_number");
    expect(card?.channel).toBe(1);
    expect(card?.startMs).toBeLessThanOrEqual(9_300);
    expect(card?.endMs).toBeGreaterThanOrEqual(13_300);
    const code = spans.find((s) => s.kind === "security_code");
    expect(code?.channel).toBe(1);
    expect(code?.endMs).toBeGreaterThanOrEqual(18_200);
  }, 240_000);
});

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 200));
  }
}
