import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import type { CtiEvent } from "@/lib/events";
import { storeImportedRecording } from "@/lib/recordings/import/store-imported";
import { decodeWebmOpus } from "@/lib/recordings/media/decode-webm-opus";
import { readMediaRow } from "@/lib/recordings/media/media-row";
import { setRecordingServices } from "@/lib/recordings/media/services";
import { localObjectStore } from "@/lib/recordings/storage/local-store";
import { readWhole } from "@/lib/recordings/storage/object-store";
import { redactionSpansForRecording } from "@/lib/redaction/spans-for-recording";
import { enqueueTranscription } from "@/lib/speech/enqueue";
import { transcriptionStatus } from "@/lib/speech/status";
import type { SpeechService } from "@/lib/speech/service";
import { startSpeechForRecordings } from "@/server/speech";
import { freshTenant, queryRows, testStore } from "../helpers/store";
import { ingestEvents, storeCall } from "../recordings/recorded-call";
import { FIXTURE_AUDIO, noRecogniser, SPEECH_VENV } from "./speech-helpers";

/**
 * A real recording from outside, the whole way: imported into the object store (as the upload
 * API and MixMonitor import do), queued for the speech worker by the recordings side, its
 * transcript stored masked, and the card number's stretch silenced in the audio then served.
 */
describe.skipIf(noRecogniser)("transcription queue, end to end: an imported recording is transcribed and its card number silenced", () => {
  let speech: SpeechService | undefined;
  afterAll(async () => {
    await speech?.stop();
    setRecordingServices(undefined);
  });

  it("stores the transcript masked and serves audio silent where the card number was read", async () => {
    const { ch, env: testEnv } = await testStore();
    const env = parseEnv({ DATA_DIR: testEnv.DATA_DIR, SPEECH_VENV });
    const tenantId = freshTenant("stored");
    const t0 = Date.UTC(2026, 0, 12, 10, 0, 0);
    await storeCall(ch, { tenantId, callId: "call-1", queueId: "billing", agentId: "a1", t0, talkMs: 60_000 });

    // The fixture as 16 kHz PCM, decoded by the speech venv's own decoder (av).
    const raw = execFileSync(
      path.join(SPEECH_VENV, "bin", "python"),
      [
        "-c",
        "import sys; from faster_whisper import decode_audio; import numpy as np; l, r = decode_audio(sys.argv[1], 16000, split_stereo=True); sys.stdout.buffer.write((np.stack([l, r]) * 32767).astype('<i2').tobytes())",
        FIXTURE_AUDIO,
      ],
      { maxBuffer: 64 * 1024 * 1024 },
    );
    const all = new Int16Array(raw.buffer, raw.byteOffset, raw.byteLength / 2);
    const half = all.length / 2;
    const channels = [all.slice(0, half), all.slice(half)];

    const store = localObjectStore(path.join(env.DATA_DIR, "objects-stored-test"));
    const ingest = (events: CtiEvent[]) => ingestEvents(ch, events);
    const started = startSpeechForRecordings(env, ch, ingest, () => undefined);
    speech = started.speech;
    setRecordingServices({ store, ingest, enqueueTranscription: started.enqueueStored });

    const imported = await storeImportedRecording(
      { ch, services: { store, ingest, enqueueTranscription: started.enqueueStored } },
      { tenantId, callId: "call-1", pcm: { sampleRate: 16000, channels, channelRoles: ["agent", "caller"] }, source: "upload", contentHash: "fixture" },
    );
    const recordingId = imported.recordingId;
    expect(imported.media.version).toBe(1);
    expect(["queued", "running"]).toContain((await transcriptionStatus(ch, tenantId, recordingId)).state);
    // Only files under DATA_DIR are handed to the worker.
    await expect(enqueueTranscription(ch, env.DATA_DIR, { tenantId, recordingId: "x", callId: "call-1", audioPath: "/etc/passwd" })).rejects.toThrow(/under DATA_DIR/);

    const until = Date.now() + 180_000;
    while ((await transcriptionStatus(ch, tenantId, recordingId)).state !== "done") {
      if (Date.now() > until) throw new Error(`not transcribed: ${JSON.stringify(await transcriptionStatus(ch, tenantId, recordingId))}`);
      await new Promise((r) => setTimeout(r, 200));
    }

    const done = await transcriptionStatus(ch, tenantId, recordingId);
    expect(done).toMatchObject({ state: "done", progress: 1, attempts: 1 });
    expect(done.message).toMatch(/^transcribed: \d+ segments$/);

    const segs = await queryRows<{ speaker: string; channel: number; text: string; source: string; queue_id: string; agent_id: string; start_ms: number }>(
      ch,
      "SELECT speaker, channel, text, source, queue_id, agent_id, start_ms FROM transcript_segments FINAL WHERE tenant_id = {t:String} AND recording_id = {r:String} ORDER BY segment_index",
      { t: tenantId, r: recordingId },
    );
    expect(segs.length).toBeGreaterThanOrEqual(5);
    expect(segs.every((s) => s.source === "speech" && s.queue_id === "billing" && s.agent_id === "a1")).toBe(true);
    expect(segs.map((s) => s.start_ms)).toEqual([...segs.map((s) => s.start_ms)].sort((a, b) => a - b));
    expect(segs.every((s) => s.speaker === (s.channel === 0 ? "agent" : "caller"))).toBe(true);
    expect(segs.find((s) => s.channel === 0)?.text.toLowerCase()).toContain("how can i help");
    expect(segs.map((s) => s.text).join(" ")).toContain("[card number]");
    // Not one group of the card number (4539 1488 0343 6467) nor the code (737) in what was stored.
    const events = await queryRows<{ data: string }>(ch, "SELECT data FROM cti_events WHERE tenant_id = {t:String} AND type = 'transcript.segment'", { t: tenantId });
    const stored = events.map((r) => r.data).join("\n") + JSON.stringify(segs);
    for (const digits of ["4539", "1488", "6467", "737", "7.3.7"]) expect(stored).not.toContain(digits);

    // The served audio is a new version, silent on the caller's channel where the card was read (8.8 s to 13.8 s).
    const media = await readMediaRow(ch, tenantId, recordingId);
    expect(media?.version).toBe(2);
    expect(media?.redactedSpans).toBeGreaterThan(0);
    const spans = await redactionSpansForRecording(ch, tenantId, recordingId);
    const card = spans.find((s) => s.kind === "card_number");
    expect(card?.channel).toBe(1);
    // The card was read on the caller's channel between 8.8 s and 13.8 s; the code from 16.7 s to 18.7 s (spans padded by 0.3 s).
    expect(card?.startMs).toBeLessThanOrEqual(9_300);
    expect(card?.endMs).toBeGreaterThanOrEqual(13_300);
    const code = spans.find((s) => s.kind === "security_code");
    expect(code?.channel).toBe(1);
    expect(code?.endMs).toBeGreaterThanOrEqual(18_200);
    const served = decodeWebmOpus(await readWhole(store, media?.audioKey ?? ""), 16000, 2, Math.round((media?.durationMs ?? 0) * 16));
    const peak = (pcm: Int16Array, fromMs: number, toMs: number) => pcm.subarray(fromMs * 16, toMs * 16).reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    // Inside the span (its ends ramp): nothing left of the voice; Opus leaves at most a trace.
    expect(peak(served[1] as Int16Array, (card?.startMs ?? 0) + 50, (card?.endMs ?? 0) - 50)).toBeLessThan(200);
    // Before it, the caller's "pay my bill by card" is still there, and so is the agent's channel during it.
    expect(peak(served[1] as Int16Array, 3_500, 5_100)).toBeGreaterThan(2_000);
    expect(peak(channels[1] as Int16Array, 9_000, 13_500)).toBeGreaterThan(2_000);
    // The worker's copy of the audio is gone.
    expect(fs.existsSync(path.join(env.DATA_DIR, "speech", tenantId, `${recordingId}.webm`))).toBe(false);
  }, 300_000);
});
