import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { ClickHouseClient } from "@clickhouse/client";
import { decodeWebmOpus } from "@/lib/recordings/media/decode-webm-opus";
import { ensureMedia } from "@/lib/recordings/media/ensure-media";
import { readMediaRow } from "@/lib/recordings/media/media-row";
import type { Peaks } from "@/lib/recordings/media/peaks";
import { readRecording } from "@/lib/recordings/media/recording-row";
import { redactMedia, restoreMedia } from "@/lib/recordings/media/redact-media";
import { localObjectStore } from "@/lib/recordings/storage/local-store";
import { readWhole, type ObjectStore } from "@/lib/recordings/storage/object-store";
import { freshTenant, queryRows, testStore } from "../helpers/store";
import { servicesWith, storeCall, toneRenderer } from "./recorded-call";

/**
 * The media pipeline on the real store: recordings made known by their events,
 * rendered on first open by a tone renderer, stored in a local directory. What is
 * checked is read back from the store and decoded, not taken from the pipeline's
 * own answers.
 */
let ch: ClickHouseClient;
let store: ObjectStore;
const actor = { id: "admin", name: "Admin", role: "admin" };
const T0 = Date.UTC(2026, 4, 4, 10, 0, 0);

beforeAll(async () => {
  ({ ch } = await testStore());
  store = localObjectStore(fs.mkdtempSync(path.join(os.tmpdir(), "ccs-media-")));
});

/** Mean |x| of a channel between two times (ms), at `rate`. */
function level(samples: Int16Array, rate: number, fromMs: number, toMs: number): number {
  const from = Math.round((fromMs * rate) / 1000);
  const to = Math.round((toMs * rate) / 1000);
  let sum = 0;
  for (let i = from; i < to; i++) sum += Math.abs(samples[i] as number);
  return sum / (to - from);
}

async function decoded(key: string, media: { sampleRate: number; channels: number; durationMs: number }) {
  return decodeWebmOpus(await readWhole(store, key), media.sampleRate as 16000, media.channels, Math.round((media.durationMs * media.sampleRate) / 1000));
}

describe("ensureMedia", () => {
  it("renders a recording once however many open it at the same moment, and then finds it stored", async () => {
    const tenantId = freshTenant();
    const recordingId = await storeCall(ch, { tenantId, callId: "c1", queueId: "q1", agentId: "a1", t0: T0, talkMs: 3_000, recorded: {} });
    const recording = (await readRecording(ch, tenantId, recordingId))!;
    const renderer = toneRenderer();
    const ctx = { ch, tenantId, services: servicesWith(store, { renderer }) };
    const rows = await Promise.all(Array.from({ length: 6 }, () => ensureMedia(ctx, recording)));
    expect(renderer.calls).toBe(1);
    expect(new Set(rows.map((r) => JSON.stringify(r)))).toHaveProperty("size", 1);
    const again = await ensureMedia(ctx, recording);
    expect(renderer.calls).toBe(1);
    expect(again?.audioKey).toBe(rows[0]?.audioKey);
    const [count] = await queryRows<{ n: number }>(ch, "SELECT count() AS n FROM recording_media WHERE tenant_id = {t:String}", { t: tenantId });
    expect(Number(count?.n)).toBe(1);
    expect(rows[0]).toMatchObject({ version: 1, sampleRate: 16000, channels: 2, channelRoles: ["agent", "caller"], durationMs: 3_000, deletedAt: null });
    expect((await store.head(rows[0]!.audioKey))?.size).toBe(rows[0]!.bytes);
  });

  it("leaves a recording no renderer can make without media", async () => {
    const tenantId = freshTenant();
    const recordingId = await storeCall(ch, { tenantId, callId: "c2", queueId: "q1", agentId: "a1", t0: T0, talkMs: 1_000, recorded: {} });
    const recording = (await readRecording(ch, tenantId, recordingId))!;
    expect(await ensureMedia({ ch, tenantId, services: servicesWith(store) }, recording)).toBeUndefined();
  });

  it("silences the paused spans in the audio and the peaks, on both channels", async () => {
    const tenantId = freshTenant();
    const recordingId = await storeCall(ch, { tenantId, callId: "c3", queueId: "q1", agentId: "a1", t0: T0, talkMs: 6_000, recorded: { pauses: [[2_000, 4_000]] } });
    const recording = (await readRecording(ch, tenantId, recordingId))!;
    const media = (await ensureMedia({ ch, tenantId, services: servicesWith(store, { renderer: toneRenderer() }) }, recording))!;
    const [agent, caller] = await decoded(media.audioKey, media);
    for (const c of [agent!, caller!]) {
      // The tone's mean |x| is 2/pi of 16384, about 10,400; the codec's own look-ahead blurs a few ms at each edge.
      expect(level(c, 16000, 500, 1_900)).toBeGreaterThan(8_000);
      expect(level(c, 16000, 2_100, 3_900)).toBeLessThan(100);
      expect(level(c, 16000, 4_100, 5_900)).toBeGreaterThan(8_000);
    }
    const peaks = JSON.parse(new TextDecoder().decode(await readWhole(store, media.peaksKey))) as Peaks;
    expect(peaks.peaksPerSecond).toBe(50);
    expect(peaks.durationMs).toBe(6_000);
    for (const ch of peaks.channels) {
      expect(ch.peaks).toHaveLength(300);
      expect(ch.peaks.slice(100, 200).every((p) => p === 0)).toBe(true);
      expect(ch.peaks.slice(0, 100).every((p) => p > 0.45 && p <= 0.5)).toBe(true);
    }
    expect(peaks.channels.map((c) => c.role)).toEqual(["agent", "caller"]);
  });
});

describe("redaction", () => {
  it("silences a span on one channel in a new version, keeps the original for admins when asked, and restores it; each audited", async () => {
    const tenantId = freshTenant();
    const recordingId = await storeCall(ch, { tenantId, callId: "c4", queueId: "q1", agentId: "a1", t0: T0, talkMs: 4_000, recorded: {} });
    const services = servicesWith(store, { renderer: toneRenderer() });
    const first = (await ensureMedia({ ch, tenantId, services }, (await readRecording(ch, tenantId, recordingId))!))!;
    const redacted = await redactMedia({ ch, tenantId, services, actor }, recordingId, [{ channel: 1, startMs: 1_000, endMs: 2_000 }], true);
    expect(redacted).toMatchObject({ version: 2, redactedSpans: 1, originalKey: first.audioKey });
    expect(await readMediaRow(ch, tenantId, recordingId)).toEqual(redacted);
    const [agent, caller] = await decoded(redacted.audioKey, redacted);
    expect(level(caller!, 16000, 1_100, 1_900)).toBeLessThan(100);
    expect(level(agent!, 16000, 1_100, 1_900)).toBeGreaterThan(8_000);
    expect(level(caller!, 16000, 2_100, 3_000)).toBeGreaterThan(8_000);
    const [, originalCaller] = await decoded(redacted.originalKey, redacted);
    expect(level(originalCaller!, 16000, 1_100, 1_900)).toBeGreaterThan(8_000);

    const restored = await restoreMedia({ ch, tenantId, services, actor }, recordingId);
    expect(restored).toMatchObject({ version: 3, redactedSpans: 0, originalKey: "", audioKey: first.audioKey });
    const [, back] = await decoded(restored.audioKey, restored);
    expect(level(back!, 16000, 1_100, 1_900)).toBeGreaterThan(8_000);
    // The redacted copy is gone once nothing refers to it.
    expect(await store.head(redacted.audioKey)).toBeNull();

    const audit = await queryRows<{ action: string; target: string }>(ch, "SELECT action, target FROM audit_log WHERE tenant_id = {t:String} ORDER BY at", {
      t: tenantId,
    });
    expect(audit).toEqual([
      { action: "recording.redact", target: `recording:${recordingId}` },
      { action: "recording.restore", target: `recording:${recordingId}` },
    ]);
  });

  it("without keepOriginal, deletes the unredacted audio", async () => {
    const tenantId = freshTenant();
    const recordingId = await storeCall(ch, { tenantId, callId: "c5", queueId: "q1", agentId: "a1", t0: T0, talkMs: 2_000, recorded: {} });
    const services = servicesWith(store, { renderer: toneRenderer() });
    const first = (await ensureMedia({ ch, tenantId, services }, (await readRecording(ch, tenantId, recordingId))!))!;
    const redacted = await redactMedia({ ch, tenantId, services, actor }, recordingId, [{ channel: null, startMs: 0, endMs: 500 }], false);
    expect(redacted.originalKey).toBe("");
    expect(await store.head(first.audioKey)).toBeNull();
    await expect(restoreMedia({ ch, tenantId, services, actor }, recordingId)).rejects.toThrow(/not kept/);
  });
});
