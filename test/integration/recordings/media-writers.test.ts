import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { ClickHouseClient } from "@clickhouse/client";
import type { SessionUser } from "@/lib/auth/session";
import { storeImportedRecording } from "@/lib/recordings/import/store-imported";
import { mediaLockHolders } from "@/lib/recordings/media/media-lock";
import { readMediaRow, type MediaRow } from "@/lib/recordings/media/media-row";
import { redactMedia, restoreMedia } from "@/lib/recordings/media/redact-media";
import { deleteExpiredAudio } from "@/lib/recordings/retention/retention-job";
import { setQueueRetention } from "@/lib/recordings/retention/retention-settings";
import { localObjectStore } from "@/lib/recordings/storage/local-store";
import { readWhole, type ObjectStore } from "@/lib/recordings/storage/object-store";
import { freshTenant, testStore } from "../helpers/store";
import { ingestEvents, servicesWith, storeCall, tone } from "./recorded-call";

/**
 * Retention and redaction (or restore) both write version + 1 of a recording's media. Run
 * interleaved: the redaction has read the audio of version 1 and is paused (a slow decode) when
 * the retention pass comes for the same recording. The deletion must stand: the redaction's audio
 * must not be stored again as the latest version, and no object of the recording may be left.
 */
let ch: ClickHouseClient;
let base: ObjectStore;
const admin: SessionUser = { id: "admin", name: "Admin", role: "admin" };
const DAY = 86_400_000;

beforeAll(async () => {
  ({ ch } = await testStore());
  base = localObjectStore(fs.mkdtempSync(path.join(os.tmpdir(), "ccs-writers-")));
});

/** The store, except that a read of `key` is held, once read, until `release` is called. */
function heldStore(key: () => string) {
  let reached!: () => void;
  let release!: () => void;
  const atRead = new Promise<void>((r) => (reached = r));
  const released = new Promise<void>((r) => (release = r));
  const store: ObjectStore = {
    ...base,
    kind: base.kind,
    put: (k, b, t) => base.put(k, b, t),
    head: (k) => base.head(k),
    delete: (k) => base.delete(k),
    get: async (k, range) => {
      if (k !== key()) return base.get(k, range);
      const bytes = await readWhole(base, k);
      reached();
      await released;
      return new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(bytes);
          c.close();
        },
      });
    },
  };
  return { store, atRead, release };
}

async function oldRecording(tenantId: string, callId: string): Promise<string> {
  const now = Date.now();
  await storeCall(ch, { tenantId, callId, queueId: "q-short", agentId: "a1", t0: now - 40 * DAY, talkMs: 10_000 });
  const services = servicesWith(base, { ingest: (events) => ingestEvents(ch, events) });
  const r = await storeImportedRecording(
    { ch, services },
    {
      tenantId,
      callId,
      pcm: { sampleRate: 16000, channels: [tone(440, 16000, 1000), tone(660, 16000, 1000)], channelRoles: ["agent", "caller"] },
      source: "upload",
      contentHash: callId,
    },
  );
  await setQueueRetention(ch, tenantId, "q-short", { days: 30 }, admin);
  return r.recordingId;
}

const objectsOf = async (m: MediaRow) =>
  (await Promise.all([m.audioKey, m.peaksKey, m.originalKey].filter((k) => k !== "").map((k) => base.head(k)))).filter((h) => h !== null);

describe("retention and redaction on the same recording, interleaved", () => {
  it.each([
    ["a redaction", false],
    ["a restore of the kept original", true],
  ])("%s that read the old version never undoes the deletion that came meanwhile", async (_name, restore) => {
    const tenantId = freshTenant("writers");
    const recordingId = await oldRecording(tenantId, `w-${restore ? "restore" : "redact"}`);
    const actor = { id: "admin", name: "Admin", role: "admin" };
    if (restore) await redactMedia({ ch, tenantId, services: servicesWith(base), actor }, recordingId, [{ channel: null, startMs: 100, endMs: 300 }], true);
    const before = (await readMediaRow(ch, tenantId, recordingId))!;
    const held = heldStore(() => (restore ? before.originalKey : before.audioKey));
    const ctx = { ch, tenantId, services: servicesWith(held.store), actor };
    const writing = (restore ? restoreMedia(ctx, recordingId) : redactMedia(ctx, recordingId, [{ channel: 1, startMs: 200, endMs: 400 }], false)).then(
      (row) => ({ row }),
      (error: unknown) => ({ error }),
    );
    await held.atRead;

    let retentionDone = false;
    const retention = deleteExpiredAudio({ ch, tenantId, services: servicesWith(base) }, Date.now()).finally(() => (retentionDone = true));
    // The pass has either finished (nothing held it) or waits behind the writer (both hold or wait for the lock).
    await vi.waitFor(() => expect(retentionDone || mediaLockHolders(tenantId, recordingId) >= 2).toBe(true), { timeout: 20_000, interval: 20 });
    held.release();
    const written = await writing;
    expect(await retention).toEqual({ deleted: 1 });

    const latest = (await readMediaRow(ch, tenantId, recordingId))!;
    expect(latest.deletedAt).not.toBeNull();
    expect(latest.deletedReason).toBe("retention: queue q-short keeps audio 30 days");
    // The writer's version came first and was the one deleted: nothing it stored is left.
    expect("row" in written).toBe(true);
    if ("row" in written) {
      expect(latest.version).toBe(written.row.version + 1);
      expect(await objectsOf(written.row)).toEqual([]);
    }
    expect(await objectsOf(before)).toEqual([]);
    expect(mediaLockHolders(tenantId, recordingId)).toBe(0);
  });
});
