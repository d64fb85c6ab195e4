import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ClickHouseClient } from "@clickhouse/client";
import type { AnyEndpoint } from "@/lib/api/endpoint";
import { parseParams } from "@/lib/api/parse-request";
import { recordingAudioEndpoint, recordingOriginalEndpoint, recordingPeaksEndpoint, restoreRecordingEndpoint } from "@/lib/api/endpoints/recordings";
import type { SessionUser } from "@/lib/auth/session";
import { errorResponse } from "@/lib/http/errors";
import { readCallRecordings } from "@/lib/calls/call-recordings";
import { readMediaRow } from "@/lib/recordings/media/media-row";
import { redactMedia } from "@/lib/recordings/media/redact-media";
import { setRecordingServices } from "@/lib/recordings/media/services";
import { deleteExpiredAudio } from "@/lib/recordings/retention/retention-job";
import { setQueueRetention } from "@/lib/recordings/retention/retention-settings";
import { localObjectStore } from "@/lib/recordings/storage/local-store";
import type { ObjectStore } from "@/lib/recordings/storage/object-store";
import { freshTenant, queryRows, testStore } from "../helpers/store";
import { servicesWith, storeCall, toneRenderer } from "./recorded-call";

/**
 * The recording routes through their declarations (the same `run` handle() calls,
 * scope step included), with errors mapped to statuses by the one mapping the
 * routes use. Bodies and headers are checked against the bytes in the store.
 */
let ch: ClickHouseClient;
let tenantId: string;
let store: ObjectStore;
let recordingId: string;
const admin: SessionUser = { id: "admin", name: "Admin", role: "admin" };
const qa: SessionUser = { id: "qa1", name: "QA", role: "qa" };
const otherTeam: SessionUser = { id: "sup2", name: "Sup", role: "supervisor", scope: { teams: ["team-b"], queues: [] } };
const otherQueue: SessionUser = { id: "sup3", name: "Sup", role: "supervisor", scope: { teams: [], queues: ["q-elsewhere"] } };
const T0 = Date.now() - 3 * 86_400_000;

async function ask(endpoint: AnyEndpoint, user: SessionUser, params: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  const { recordingId: id, ...query } = params;
  try {
    const p = parseParams(endpoint, new URLSearchParams(query), id ? { recordingId: id } : {});
    const request = new Request(`http://localhost/api/recordings/${id}`, { headers });
    return (await endpoint.run({ ch, tenantId, user, signal: new AbortController().signal, request }, p, undefined)) as Response;
  } catch (e) {
    return errorResponse(e);
  }
}

const bytesOf = async (r: Response) => new Uint8Array(await r.arrayBuffer());
const auditRows = () =>
  queryRows<{ action: string; actor: string }>(ch, "SELECT action, actor FROM audit_log WHERE tenant_id = {t:String} AND target = {r:String} ORDER BY at", {
    t: tenantId,
    r: `recording:${recordingId}`,
  });

beforeAll(async () => {
  ({ ch } = await testStore());
  tenantId = freshTenant();
  store = localObjectStore(fs.mkdtempSync(path.join(os.tmpdir(), "ccs-routes-")));
  setRecordingServices(servicesWith(store, { renderer: toneRenderer() }));
  recordingId = await storeCall(ch, { tenantId, callId: "c1", queueId: "q1", agentId: "a1", t0: T0, talkMs: 5_000, recorded: {} }, "team-a");
});
afterAll(() => setRecordingServices(undefined));

describe("GET /api/recordings/{id}/audio", () => {
  let whole: Uint8Array;
  it("answers 200 with the whole file without Range (rendered on this first open), and audits the playback", async () => {
    const r = await ask(recordingAudioEndpoint, qa, { recordingId });
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("audio/webm");
    expect(r.headers.get("accept-ranges")).toBe("bytes");
    expect(r.headers.get("etag")).toMatch(/^"[A-Za-z0-9_-]+"$/);
    whole = await bytesOf(r);
    expect(Number(r.headers.get("content-length"))).toBe(whole.length);
    // EBML magic: a WebM file.
    expect([...whole.subarray(0, 4)]).toEqual([0x1a, 0x45, 0xdf, 0xa3]);
    expect(await auditRows()).toEqual([{ action: "recording.play", actor: "qa1" }]);
  });

  it("answers a range with 206, Content-Range and exactly those bytes; a read from byte 0 of the playback under way is not a new one", async () => {
    const mid = await ask(recordingAudioEndpoint, qa, { recordingId }, { range: "bytes=100-199" });
    expect(mid.status).toBe(206);
    expect(mid.headers.get("content-range")).toBe(`bytes 100-199/${whole.length}`);
    expect(await bytesOf(mid)).toEqual(whole.subarray(100, 200));
    const tail = await ask(recordingAudioEndpoint, qa, { recordingId }, { range: "bytes=-10" });
    expect(tail.status).toBe(206);
    expect(await bytesOf(tail)).toEqual(whole.subarray(whole.length - 10));
    expect(await auditRows()).toHaveLength(1);
    // The media element goes back to the start (or drops its buffer): the same playback, not a second one.
    const start = await ask(recordingAudioEndpoint, qa, { recordingId }, { range: "bytes=0-" });
    expect(start.status).toBe(206);
    expect(await bytesOf(start)).toEqual(whole);
    expect(await auditRows()).toHaveLength(1);
    // Another listener's first read is their own playback, even one that skips the first byte (no range escapes the audit).
    const other = await ask(recordingAudioEndpoint, admin, { recordingId }, { range: "bytes=1-" });
    expect(await bytesOf(other)).toEqual(whole.subarray(1));
    expect((await auditRows()).map((a) => [a.action, a.actor])).toEqual([
      ["recording.play", "qa1"],
      ["recording.play", "admin"],
    ]);
  });

  it("audits no playback for a 304 Not Modified, which sends nothing", async () => {
    const etag = (await ask(recordingAudioEndpoint, qa, { recordingId }, { range: "bytes=0-0" })).headers.get("etag") ?? "";
    const before = (await auditRows()).length;
    // A listener whose last read is long past (a fresh process) asks whether its copy is current.
    const fresh: SessionUser = { id: "qa-cached", name: "QA", role: "qa" };
    const r = await ask(recordingAudioEndpoint, fresh, { recordingId }, { "if-none-match": etag });
    expect(r.status).toBe(304);
    expect(await auditRows()).toHaveLength(before);
  });

  it("answers 416 with the size for a range past the end, and the whole file when If-Range names other content", async () => {
    const r = await ask(recordingAudioEndpoint, qa, { recordingId }, { range: `bytes=${whole.length}-` });
    expect(r.status).toBe(416);
    expect(r.headers.get("content-range")).toBe(`bytes */${whole.length}`);
    const stale = await ask(recordingAudioEndpoint, qa, { recordingId }, { range: "bytes=10-20", "if-range": '"other"' });
    expect(stale.status).toBe(200);
    expect((await bytesOf(stale)).length).toBe(whole.length);
  });

  it("sends a download as an attachment and audits it as a download", async () => {
    const r = await ask(recordingAudioEndpoint, admin, { recordingId, download: "1" });
    expect(r.status).toBe(200);
    expect(r.headers.get("content-disposition")).toBe(`attachment; filename="recording-rec-c1.1.webm"`);
    await bytesOf(r);
    expect((await auditRows()).at(-1)).toEqual({ action: "recording.download", actor: "admin" });
  });

  it("never names a storage key or path in its headers", async () => {
    const r = await ask(recordingAudioEndpoint, qa, { recordingId }, { range: "bytes=0-1" });
    const [media] = await queryRows<{ audio_key: string }>(ch, "SELECT audio_key FROM recording_media FINAL WHERE tenant_id = {t:String}", { t: tenantId });
    const headerText = [...r.headers.entries()].join("\n");
    expect(media?.audio_key).toMatch(/audio-v1\.webm$/);
    expect(headerText).not.toContain(media!.audio_key.split("/")[1]);
    expect(headerText).not.toContain("audio-v1");
  });

  it("answers 404 out of scope exactly as for an unknown recording, for a team and for a queue scope", async () => {
    const unknown = await ask(recordingAudioEndpoint, qa, { recordingId: "rec-nope" });
    expect(unknown.status).toBe(404);
    const unknownBody = await unknown.text();
    for (const user of [otherTeam, otherQueue]) {
      const r = await ask(recordingAudioEndpoint, user, { recordingId });
      expect(r.status).toBe(404);
      expect(await r.text()).toBe(unknownBody);
    }
    const peaks = await ask(recordingPeaksEndpoint, otherTeam, { recordingId });
    expect(peaks.status).toBe(404);
    const inScope = await ask(recordingAudioEndpoint, { ...otherTeam, scope: { teams: ["team-a"], queues: [] } }, { recordingId }, { range: "bytes=1-2" });
    expect(inScope.status).toBe(206);
  });
});

describe("GET /api/recordings/{id}/peaks and /original", () => {
  it("serves the peaks as JSON with a lane per channel", async () => {
    const r = await ask(recordingPeaksEndpoint, qa, { recordingId });
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("application/json");
    const peaks = (await r.json()) as { durationMs: number; peaksPerSecond: number; channels: { role: string; peaks: number[] }[] };
    expect(peaks.durationMs).toBe(5_000);
    expect(peaks.channels.map((c) => [c.role, c.peaks.length])).toEqual([
      ["agent", 250],
      ["caller", 250],
    ]);
  });
  it("says 404 for an original that was never kept", async () => {
    expect((await ask(recordingOriginalEndpoint, admin, { recordingId })).status).toBe(404);
  });
});

describe("POST /api/recordings/{id}/restore", () => {
  const scopedAdmin: SessionUser = { id: "admin2", name: "Admin 2", role: "admin", scope: { teams: [], queues: ["q2"] } };
  async function restore(user: SessionUser, id: string): Promise<{ status: number; body: unknown }> {
    try {
      const p = parseParams(restoreRecordingEndpoint, new URLSearchParams(), { recordingId: id });
      const request = new Request(`http://localhost/api/recordings/${id}/restore`, { method: "POST" });
      return { status: 200, body: await restoreRecordingEndpoint.run({ ch, tenantId, user, signal: new AbortController().signal, request }, p, undefined) };
    } catch (e) {
      const r = errorResponse(e);
      return { status: r.status, body: await r.json() };
    }
  }

  it("serves a redacted recording's kept original again for a whole-centre admin, audited; refused to a scoped admin; 404 once nothing is kept", async () => {
    const id = await storeCall(ch, { tenantId, callId: "c-restore", queueId: "q2", agentId: "a1", t0: T0, talkMs: 3_000, recorded: {} }, "team-a");
    const first = await ask(recordingAudioEndpoint, admin, { recordingId: id });
    const original = await bytesOf(first);
    await redactMedia(
      { ch, tenantId, services: servicesWith(store), actor: { id: "speech", name: "speech", role: "system" } },
      id,
      [{ channel: 1, startMs: 500, endMs: 1_500 }],
      true,
    );
    const redacted = await bytesOf(await ask(recordingAudioEndpoint, admin, { recordingId: id }));
    expect(redacted).not.toEqual(original);
    // The call page learns that an original is kept (not where).
    expect((await readCallRecordings(ch, tenantId, "c-restore")).media.get(id)).toMatchObject({ originalKept: true, redactedSpans: 1 });

    // Every read of the unredacted audio is audited, a range that skips the first byte too.
    const part = await ask(recordingOriginalEndpoint, admin, { recordingId: id }, { range: "bytes=1-99" });
    expect(part.status).toBe(206);
    expect(await bytesOf(part)).toEqual(original.subarray(1, 100));
    const originalReads = await queryRows<{ n: string }>(
      ch,
      "SELECT count() AS n FROM audit_log WHERE tenant_id = {t:String} AND target = {r:String} AND action = 'recording.play_original'",
      { t: tenantId, r: `recording:${id}` },
    );
    expect(Number(originalReads[0]?.n)).toBe(1);

    expect((await restore(scopedAdmin, id)).status).toBe(403);
    expect((await readMediaRow(ch, tenantId, id))?.redactedSpans).toBe(1);

    const done = await restore(admin, id);
    expect(done).toEqual({ status: 200, body: { recordingId: id, version: 3, redactedSpans: 0 } });
    // What is served now is the audio as it was before the redaction, byte for byte.
    expect(await bytesOf(await ask(recordingAudioEndpoint, admin, { recordingId: id }))).toEqual(original);
    expect((await readCallRecordings(ch, tenantId, "c-restore")).media.get(id)).toMatchObject({ originalKept: false, redactedSpans: 0 });
    const audit = await queryRows<{ action: string; actor: string }>(
      ch,
      "SELECT action, actor FROM audit_log WHERE tenant_id = {t:String} AND target = {r:String} AND action = 'recording.restore'",
      { t: tenantId, r: `recording:${id}` },
    );
    expect(audit).toEqual([{ action: "recording.restore", actor: "admin" }]);

    const again = await restore(admin, id);
    expect(again.status).toBe(404);
    expect(JSON.stringify(again.body)).toMatch(/original audio/);
    expect((await restore(admin, "rec-unknown")).status).toBe(404);
  });
});

describe("after retention", () => {
  it("answers 410 Gone with a clear message, and keeps the recording's metadata and audit", async () => {
    await setQueueRetention(ch, tenantId, "q1", { days: 2 }, admin);
    const r = await deleteExpiredAudio({ ch, tenantId, services: servicesWith(store) });
    expect(r.deleted).toBe(1);
    const gone = await ask(recordingAudioEndpoint, qa, { recordingId });
    expect(gone.status).toBe(410);
    expect(((await gone.json()) as { error: string }).error).toMatch(/deleted on .* \(retention: queue q1 keeps audio 2 days\)/);
    expect((await ask(recordingPeaksEndpoint, qa, { recordingId })).status).toBe(410);
    const [rec] = await queryRows<{ n: number }>(ch, "SELECT count() AS n FROM recordings WHERE tenant_id = {t:String}", { t: tenantId });
    expect(Number(rec?.n)).toBeGreaterThan(0);
    expect((await auditRows()).at(-1)).toEqual({ action: "recording.retention_delete", actor: "system:retention" });
  });
});
