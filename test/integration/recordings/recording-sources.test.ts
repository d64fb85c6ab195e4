import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ClickHouseClient } from "@clickhouse/client";
import { parseParams } from "@/lib/api/parse-request";
import { recordingAudioEndpoint, uploadRecordingEndpoint } from "@/lib/api/endpoints/recordings";
import type { SessionUser } from "@/lib/auth/session";
import { errorResponse } from "@/lib/http/errors";
import { importDirectory } from "@/lib/recordings/import/import-directory";
import { decodeWebmOpus } from "@/lib/recordings/media/decode-webm-opus";
import { readMediaRow } from "@/lib/recordings/media/media-row";
import { setRecordingServices, type RecordingServices } from "@/lib/recordings/media/services";
import { deleteExpiredAudio } from "@/lib/recordings/retention/retention-job";
import { setQueueRetention } from "@/lib/recordings/retention/retention-settings";
import { localObjectStore } from "@/lib/recordings/storage/local-store";
import { readWhole, type ObjectStore } from "@/lib/recordings/storage/object-store";
import { queuedJob } from "@/lib/speech/job-state";
import { writeJob } from "@/lib/speech/jobs-store";
import { freshTenant, queryRows, testStore } from "../helpers/store";
import { wavFile } from "../../unit/helpers/wav-file";
import { ingestEvents, servicesWith, storeCall, tone } from "./recorded-call";

/**
 * Recordings from outside the simulator, on the real store: the upload API, an
 * Asterisk MixMonitor-style directory, and retention over what they stored.
 * Recordings must reach the `recordings` table through the ingest pipeline's
 * events, and their audio must decode back to the tones that went in.
 */
let ch: ClickHouseClient;
let store: ObjectStore;
const admin: SessionUser = { id: "admin", name: "Admin", role: "admin" };
const qaUser: SessionUser = { id: "qa", name: "QA", role: "qa" };
const scopedAdmin: SessionUser = { id: "admin2", name: "Admin 2", role: "admin", scope: { teams: [], queues: ["q-other"] } };
const ingest: RecordingServices["ingest"] = (events) => ingestEvents(ch, events);

/** A stand-in for the speech queue's enqueue: stores the job row as the real one does (what an import looks for), and notes the id. */
const standInEnqueue =
  (queued: string[]): NonNullable<RecordingServices["enqueueTranscription"]> =>
  async (tenantId, recordingId) => {
    await writeJob(ch, queuedJob({ tenantId, recordingId, callId: "", audioPath: "", channelRoles: [] }, Date.now()));
    queued.push(recordingId);
  };

beforeAll(async () => {
  ({ ch } = await testStore());
  store = localObjectStore(fs.mkdtempSync(path.join(os.tmpdir(), "ccs-sources-")));
});
afterAll(() => setRecordingServices(undefined));

/** The dominant frequency of a channel, from its zero crossings, skipping the first 100 ms. */
function pitch(samples: Int16Array, rate: number): number {
  let crossings = 0;
  const from = rate / 10;
  for (let i = from + 1; i < samples.length; i++) if (samples[i - 1]! < 0 !== samples[i]! < 0) crossings++;
  return crossings / 2 / ((samples.length - from) / rate);
}

const recordingsOf = (tenantId: string) =>
  queryRows<{ recording_id: string; call_id: string; leg_id: string; queue_id: string; agent_id: string; source: string; duration_ms: number }>(
    ch,
    `SELECT recording_id, max(call_id) AS call_id, max(leg_id) AS leg_id, max(queue_id) AS queue_id, max(agent_id) AS agent_id, max(source) AS source, max(duration_ms) AS duration_ms
     FROM recordings WHERE tenant_id = {t:String} GROUP BY recording_id ORDER BY recording_id`,
    { t: tenantId },
  );

describe("POST /api/recordings (upload)", () => {
  let tenantId: string;
  const upload = async (user: SessionUser, query: Record<string, string>, body: Uint8Array<ArrayBuffer>) => {
    try {
      const request = new Request("http://localhost/api/recordings", { method: "POST", body: body as Uint8Array<ArrayBuffer> });
      const params = parseParams(uploadRecordingEndpoint, new URLSearchParams(query));
      return await uploadRecordingEndpoint.run({ ch, tenantId, user, signal: new AbortController().signal, request }, params, undefined);
    } catch (e) {
      return errorResponse(e);
    }
  };

  beforeAll(async () => {
    tenantId = freshTenant();
    setRecordingServices(servicesWith(store, { ingest }));
    await storeCall(ch, { tenantId, callId: "up1", queueId: "q1", agentId: "a1", t0: Date.UTC(2026, 4, 5, 9), talkMs: 60_000 });
  });

  it("stores a µ-law stereo file (caller first), makes it known through recording events, and serves it agent first", async () => {
    // 8 kHz µ-law, caller 500 Hz on the left, agent 1000 Hz on the right.
    const wav = wavFile([tone(500, 8000, 2_000), tone(1000, 8000, 2_000)], 8000, "mulaw");
    const r = (await upload(admin, { callId: "up1", layout: "caller,agent" }, wav)) as { recordingId: string; created: boolean; durationMs: number };
    expect(r).toMatchObject({ created: true, durationMs: 2_000 });
    expect(await recordingsOf(tenantId)).toEqual([
      { recording_id: r.recordingId, call_id: "up1", leg_id: "up1.1", queue_id: "q1", agent_id: "a1", source: "upload", duration_ms: 2_000 },
    ]);
    const media = (await readMediaRow(ch, tenantId, r.recordingId))!;
    expect(media.channelRoles).toEqual(["caller", "agent"]);
    const [left, right] = decodeWebmOpus(await readWhole(store, media.audioKey), 8000, 2, 16_000);
    expect(pitch(left!, 8000)).toBeCloseTo(500, -1);
    expect(pitch(right!, 8000)).toBeCloseTo(1000, -1);
    const audio = (await recordingAudioEndpoint.run(
      { ch, tenantId, user: admin, signal: new AbortController().signal, request: new Request("http://x", { headers: { range: "bytes=0-9" } }) },
      { recordingId: r.recordingId },
      undefined,
    )) as Response;
    expect(audio.status).toBe(206);
  });

  it("is idempotent: the same file again is the same recording, stored once", async () => {
    const wav = wavFile([tone(500, 8000, 2_000), tone(1000, 8000, 2_000)], 8000, "mulaw");
    const again = (await upload(admin, { callId: "up1", layout: "caller,agent" }, wav)) as { created: boolean };
    expect(again.created).toBe(false);
    expect(await recordingsOf(tenantId)).toHaveLength(1);
    const [n] = await queryRows<{ n: number }>(ch, "SELECT count() AS n FROM recording_media WHERE tenant_id = {t:String}", { t: tenantId });
    expect(Number(n?.n)).toBe(1);
  });

  it("resamples 44.1 kHz PCM to 48 kHz, and audits the upload", async () => {
    const wav = wavFile([tone(700, 44100, 1_000)], 44100, "pcm16");
    const r = (await upload(admin, { callId: "up1", layout: "mono" }, wav)) as { recordingId: string; sampleRate: number; channels: number };
    expect(r).toMatchObject({ sampleRate: 48000, channels: 1 });
    const media = (await readMediaRow(ch, tenantId, r.recordingId))!;
    const [mono] = decodeWebmOpus(await readWhole(store, media.audioKey), 48000, 1, 48_000);
    expect(pitch(mono!, 48000)).toBeCloseTo(700, -1);
    const audit = await queryRows<{ action: string }>(ch, "SELECT action FROM audit_log WHERE tenant_id = {t:String} AND target = {r:String}", {
      t: tenantId,
      r: `recording:${r.recordingId}`,
    });
    expect(audit).toEqual([{ action: "recording.upload" }]);
  });

  it("refuses bad input with a 400 that names it, an unknown or out-of-scope call with 404", async () => {
    const bad = (await upload(admin, { callId: "up1", layout: "mono" }, new TextEncoder().encode("hello"))) as Response;
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/not a WAV file/);
    const layout = (await upload(admin, { callId: "up1", layout: "mono" }, wavFile([tone(1, 8000, 10), tone(1, 8000, 10)], 8000, "pcm16"))) as Response;
    expect(layout.status).toBe(400);
    expect(await layout.text()).toMatch(/needs 1 channel\(s\), the file has 2/);
    const wav = wavFile([tone(500, 8000, 100)], 8000, "pcm16");
    expect(((await upload(admin, { callId: "nope", layout: "mono" }, wav)) as Response).status).toBe(404);
    expect(((await upload(scopedAdmin, { callId: "up1", layout: "mono" }, wav)) as Response).status).toBe(404);
    expect(() => parseParams(uploadRecordingEndpoint, new URLSearchParams({ callId: "up1", layout: "left,right" }))).toThrow();
  });

  it("holds an uploaded recording from QA until its transcript has been checked for card numbers, then serves it", async () => {
    const wav = wavFile([tone(700, 8000, 1_000)], 8000, "pcm16");
    await storeCall(ch, { tenantId, callId: "up2", queueId: "q1", agentId: "a1", t0: Date.UTC(2026, 4, 5, 10), talkMs: 60_000 });
    const r = (await upload(admin, { callId: "up2", layout: "mono" }, wav)) as { recordingId: string };
    const play = (user: SessionUser) =>
      recordingAudioEndpoint
        .run(
          { ch, tenantId, user, signal: new AbortController().signal, request: new Request("http://x", { headers: { range: "bytes=0-9" } }) },
          { recordingId: r.recordingId },
          undefined,
        )
        .then((x) => x as Response)
        .catch((e: unknown) => errorResponse(e));
    const held = await play(qaUser);
    expect(held.status).toBe(409);
    expect(((await held.json()) as { error: string }).error).toMatch(/held until its transcript has been checked for card numbers/);
    expect((await play(admin)).status).toBe(206);
    const media = (await readMediaRow(ch, tenantId, r.recordingId))!;
    const now = Date.now();
    const job = { tenantId, recordingId: r.recordingId, callId: "up2", audioPath: "", channelRoles: media.channelRoles, attempts: 1, progress: 1, error: "" };
    await writeJob(ch, { ...job, state: "running", segments: 0, enqueuedAt: now, nextAttemptAt: now, updatedAt: now });
    expect((await play(qaUser)).status).toBe(409);
    await writeJob(ch, { ...job, state: "done", segments: 3, enqueuedAt: now, nextAttemptAt: now, updatedAt: now + 1 });
    expect((await play(qaUser)).status).toBe(206);
  });
});

describe("an Asterisk MixMonitor directory", () => {
  it("imports files named by uniqueid and by linkedid (r/t legs), reports the unmatched, keeps every file, and imports nothing twice", async () => {
    const tenantId = freshTenant();
    const t0 = Date.UTC(2026, 4, 6, 14);
    await storeCall(ch, { tenantId, callId: "ast-1", queueId: "q1", agentId: "a1", t0, talkMs: 30_000, uniqueid: "1778076000.11" });
    await storeCall(ch, { tenantId, callId: "ast-2", queueId: "q1", agentId: "a2", t0: t0 + 600_000, talkMs: 30_000, uniqueid: "1778076600.57" });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ccs-monitor-"));
    const write = (name: string, bytes: Uint8Array, at: number) => {
      fs.writeFileSync(path.join(dir, name), bytes);
      fs.utimesSync(path.join(dir, name), at / 1000, at / 1000);
    };
    // Stereo with MixMonitor's D option: what the caller's channel received (the caller) left, what it sent (the agent) right.
    write("1778076000.11.wav", wavFile([tone(500, 8000, 1_000), tone(1000, 8000, 1_000)], 8000, "pcm16"), t0 + 35_000);
    // Separate legs by linkedid, A-law.
    write("1778076600.57-20260506-r.wav", wavFile([tone(600, 8000, 1_000)], 8000, "alaw"), t0 + 635_000);
    write("1778076600.57-20260506-t.wav", wavFile([tone(900, 8000, 1_000)], 8000, "alaw"), t0 + 635_000);
    write("1778079999.99.wav", wavFile([tone(500, 8000, 100)], 8000, "pcm16"), t0 + 900_000);
    write("voicemail-greeting.wav", wavFile([tone(500, 8000, 100)], 8000, "pcm16"), t0);
    write("1778076000.11-broken.wav", new TextEncoder().encode("RIFF....WAVEjunk"), t0 + 35_000);

    const queued: string[] = [];
    const services = servicesWith(store, { ingest, enqueueTranscription: standInEnqueue(queued) });
    const report = await importDirectory({ ch, tenantId, services }, { dir, platform: "asterisk" });
    expect(report.imported.map((i) => [i.callId, i.files.map((f) => path.basename(f))])).toEqual([
      ["ast-1", ["1778076000.11.wav"]],
      ["ast-2", ["1778076600.57-20260506-r.wav", "1778076600.57-20260506-t.wav"]],
    ]);
    expect(report.unmatched.map((u) => path.basename(u.files[0]!)).sort()).toEqual(["1778076000.11-broken.wav", "1778079999.99.wav", "voicemail-greeting.wav"]);
    expect(report.unmatched.find((u) => u.files[0]!.endsWith("1778079999.99.wav"))?.reason).toMatch(/no call carries asterisk id 1778079999\.99/);
    expect(queued.sort()).toEqual(report.imported.map((i) => i.recordingId).sort());

    const recordings = await recordingsOf(tenantId);
    expect(recordings.map((r) => [r.call_id, r.agent_id, r.source, r.duration_ms])).toEqual(
      expect.arrayContaining([
        ["ast-1", "a1", "asterisk://import", 1_000],
        ["ast-2", "a2", "asterisk://import", 1_000],
      ]),
    );
    // The legs became one stereo recording, agent (t) first.
    const legs = (await readMediaRow(ch, tenantId, report.imported[1]!.recordingId))!;
    expect(legs.channelRoles).toEqual(["agent", "caller"]);
    const [agent, caller] = decodeWebmOpus(await readWhole(store, legs.audioKey), 8000, 2, 8_000);
    expect(pitch(agent!, 8000)).toBeCloseTo(900, -1);
    expect(pitch(caller!, 8000)).toBeCloseTo(600, -1);
    const stereo = (await readMediaRow(ch, tenantId, report.imported[0]!.recordingId))!;
    expect(stereo.channelRoles).toEqual(["caller", "agent"]);

    const again = await importDirectory({ ch, tenantId, services }, { dir, platform: "asterisk" });
    expect(again.imported).toEqual([]);
    expect(again.alreadyImported).toHaveLength(2);
    expect(queued).toHaveLength(2);
    expect(await recordingsOf(tenantId)).toHaveLength(2);
    expect(fs.readdirSync(dir)).toHaveLength(6);
  });

  it("queues a recording whose first enqueue failed after its media was stored, on the next import, and only once", async () => {
    const tenantId = freshTenant();
    const t0 = Date.UTC(2026, 4, 7, 9);
    await storeCall(ch, { tenantId, callId: "ast-3", queueId: "q1", agentId: "a1", t0, talkMs: 30_000, uniqueid: "1778144400.21" });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ccs-monitor-"));
    fs.writeFileSync(path.join(dir, "1778144400.21.wav"), wavFile([tone(500, 8000, 500), tone(1000, 8000, 500)], 8000, "pcm16"));
    fs.utimesSync(path.join(dir, "1778144400.21.wav"), (t0 + 35_000) / 1000, (t0 + 35_000) / 1000);

    const failing = servicesWith(store, {
      ingest,
      enqueueTranscription: async () => {
        throw new Error("speech: no space left on device");
      },
    });
    await expect(importDirectory({ ch, tenantId, services: failing }, { dir, platform: "asterisk" })).rejects.toThrow(/no space left/);
    const queued: string[] = [];
    const services = servicesWith(store, { ingest, enqueueTranscription: standInEnqueue(queued) });
    const again = await importDirectory({ ch, tenantId, services }, { dir, platform: "asterisk" });
    // The media was stored by the failed run, so this one finds it; the job was not, so it is queued now.
    expect(again.imported).toEqual([]);
    expect(again.alreadyImported).toHaveLength(1);
    expect(queued).toEqual([again.alreadyImported[0]!.recordingId]);
    // With the job stored, a third import queues nothing (a done transcription is never redone by a re-import).
    await importDirectory({ ch, tenantId, services }, { dir, platform: "asterisk" });
    expect(queued).toHaveLength(1);
  });
});

describe("retention", () => {
  it("deletes only audio past its queue's days, writing a deleted version and keeping the rest", async () => {
    const tenantId = freshTenant();
    setRecordingServices(servicesWith(store, { ingest }));
    const day = 86_400_000;
    const now = Date.now();
    const mk = async (callId: string, queueId: string, ageDays: number) => {
      await storeCall(ch, { tenantId, callId, queueId, agentId: "a1", t0: now - ageDays * day, talkMs: 10_000 });
      const r = (await uploadRecordingEndpoint.run(
        {
          ch,
          tenantId,
          user: admin,
          signal: new AbortController().signal,
          request: new Request("http://x", { method: "POST", body: wavFile([tone(500, 8000, 200)], 8000, "pcm16") as Uint8Array<ArrayBuffer> }),
        },
        { callId, layout: "mono" },
        undefined,
      )) as { recordingId: string };
      return r.recordingId;
    };
    const old = await mk("r-old", "q-short", 40);
    const fresh = await mk("r-new", "q-short", 10);
    const otherQueue = await mk("r-keep", "q-forever", 400);
    await setQueueRetention(ch, tenantId, "q-short", { days: 30 }, admin);
    const oldMedia = (await readMediaRow(ch, tenantId, old))!;

    expect(await deleteExpiredAudio({ ch, tenantId, services: servicesWith(store) }, now)).toEqual({ deleted: 1 });
    const after = (await readMediaRow(ch, tenantId, old))!;
    expect(after).toMatchObject({ version: oldMedia.version + 1, deletedAt: now, deletedReason: "retention: queue q-short keeps audio 30 days" });
    expect(await store.head(oldMedia.audioKey)).toBeNull();
    expect(await store.head(oldMedia.peaksKey)).toBeNull();
    for (const id of [fresh, otherQueue]) expect((await readMediaRow(ch, tenantId, id))?.deletedAt).toBeNull();
    // A second pass finds nothing more; the metadata is still there.
    expect(await deleteExpiredAudio({ ch, tenantId, services: servicesWith(store) }, now)).toEqual({ deleted: 0 });
    expect((await recordingsOf(tenantId)).map((r) => r.call_id).sort()).toEqual(["r-keep", "r-new", "r-old"]);
    const changes = await queryRows<{ action: string; target: string }>(
      ch,
      "SELECT action, target FROM audit_log WHERE tenant_id = {t:String} AND action IN ('recording_retention.update', 'recording.retention_delete') ORDER BY at",
      { t: tenantId },
    );
    expect(changes).toEqual([
      { action: "recording_retention.update", target: "queue:q-short" },
      { action: "recording.retention_delete", target: `recording:${old}` },
    ]);
  });
});
