import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ClickHouseClient } from "@clickhouse/client";
import { AriClient } from "@/ingest/asterisk/ari-client";
import { ariRecordingSource, UNFINISHED_WAIT_MS } from "@/ingest/asterisk/ari-recordings";
import { recordingFetcher } from "@/lib/recordings/import/fetch-recordings";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { localObjectStore } from "@/lib/recordings/storage/local-store";
import { FakeAriServer } from "../../fakes/asterisk/fake-ari-server";
import { FakeAsterisk } from "../../fakes/asterisk/fake-asterisk";
import { wavFile } from "../../unit/helpers/wav-file";
import { freshTenant, queryRows, testStore } from "../helpers/store";
import { ingestEvents, servicesWith, storeCall, tone } from "../recordings/recorded-call";

/**
 * The platform's recordings fetched as the web server fetches them (RECORDINGS_FETCH_SECONDS), from
 * the fake Asterisk's ARI (recordings.json listStored / getStoredFile, as the official description
 * says) into the real store. A file is read once, however many passes list it; a file still being
 * recorded waits; one outside the window is not listed; an ARI that cannot be reached is said once.
 * The real Asterisk's side of the same is asterisk-lab-ari-recordings.test.ts.
 */
const CREDS = { user: "ccs", password: "fake-ari-secret", app: "ccs-supervisor" };
let ch: ClickHouseClient;
let asterisk: FakeAsterisk;
let server: FakeAriServer;
let url: string;

beforeAll(async () => {
  ({ ch } = await testStore());
  asterisk = new FakeAsterisk(Date.UTC(2026, 4, 6, 14), { queue: "support", agents: [], arrivalEveryS: 1e9, talkS: () => 0 });
  server = new FakeAriServer(asterisk, CREDS);
  url = await server.listen();
});
afterAll(() => server.close());

const objects = () => localObjectStore(fs.mkdtempSync(path.join(os.tmpdir(), "ccs-ari-fetch-")));

/** A WAV as format_wav leaves it mid-recording: RIFF and data sizes still 0. */
function unfinished(wav: Uint8Array): Uint8Array {
  const copy = Uint8Array.from(wav);
  const view = new DataView(copy.buffer);
  view.setUint32(4, 0, true);
  view.setUint32(40, 0, true);
  return copy;
}

describe("recordings fetched from Asterisk's ARI", () => {
  it("imports each finished recording once across passes, waits for one still being recorded, and skips those outside the window", async () => {
    const tenantId = freshTenant("ari-fetch");
    // Calls whose events carry their uniqueids, as the queue_log import stores them: 1778076000 s is 2026-05-06 14:00:00 UTC.
    const t0 = Date.UTC(2026, 4, 6, 14);
    await storeCall(ch, { tenantId, callId: "c1", queueId: "q1", agentId: "a1", t0, talkMs: 30_000, uniqueid: "1778076000.11" });
    await storeCall(ch, { tenantId, callId: "c2", queueId: "q1", agentId: "a2", t0: t0 + 60_000, talkMs: 30_000, uniqueid: "1778076060.12" });
    await storeCall(ch, { tenantId, callId: "c3", queueId: "q1", agentId: "a3", t0: t0 + 120_000, talkMs: 30_000, uniqueid: "1778076120.13" });
    const one = wavFile([tone(440, 8000, 1_000)], 8000, "pcm16");
    asterisk.stored.set("2026/05/06/q-7000-555-20260506-140000-1778076000.11", { format: "wav", bytes: one });
    asterisk.stored.set("2026/05/06/q-7000-556-20260506-140100-1778076060.12", { format: "wav", bytes: unfinished(wavFile([tone(440, 8000, 500)], 8000, "pcm16")) });
    // A day before the window (24 h back from "now", 10 minutes after the first call began).
    asterisk.stored.set("1777989600.5", { format: "wav", bytes: one });
    asterisk.stored.set("voicemail/greeting", { format: "gsm", bytes: new Uint8Array(10) });

    let now = t0 + 10 * 60_000;
    const log: string[] = [];
    const source = ariRecordingSource(new AriClient({ url, ...CREDS }), { lookbackMs: 24 * 3_600_000, now: () => now });
    const fetcher = recordingFetcher({ ch, tenantId, services: servicesWith(objects(), { ingest: (e) => ingestEvents(ch, e) }) }, source, {
      platform: "asterisk",
      log: (l) => log.push(l),
      now: () => now,
    });
    const reads = () => server.requests.filter((r) => r.path.endsWith("/file")).length;

    await fetcher.pass();
    // c1 imported; c2 read and found unfinished (4 h have not passed since its call began), so not imported.
    expect(log.filter((l) => l.includes("fetched")).map((l) => /-> call (\w+)/.exec(l)?.[1])).toEqual(["c1"]);
    expect(await recordedCalls(tenantId)).toEqual(["c1"]);
    expect(reads()).toBe(2);

    // The next pass reads only what is still outstanding: c2 (again unfinished), not c1.
    await fetcher.pass();
    expect(reads()).toBe(3);
    expect(await recordedCalls(tenantId)).toEqual(["c1"]);

    // c2's recording closes; a third call's appears. The next pass reads those two only.
    asterisk.stored.set("2026/05/06/q-7000-556-20260506-140100-1778076060.12", { format: "wav", bytes: wavFile([tone(440, 8000, 500)], 8000, "pcm16") });
    asterisk.stored.set("2026/05/06/q-7000-557-20260506-140200-1778076120.13", { format: "wav", bytes: one });
    await fetcher.pass();
    expect(reads()).toBe(5);
    expect(await recordedCalls(tenantId)).toEqual(["c1", "c2", "c3"]);
    // The one outside the window was never listed to the importer, so never read.
    expect(server.requests.some((r) => r.path.includes("1777989600.5"))).toBe(false);

    // A file left unfinished by an Asterisk that died mid-call is imported as it is, once its call began over 4 h ago.
    await storeCall(ch, { tenantId, callId: "c4", queueId: "q1", agentId: "a4", t0: t0 + 180_000, talkMs: 30_000, uniqueid: "1778076180.14" });
    asterisk.stored.set("1778076180.14", { format: "wav", bytes: unfinished(wavFile([tone(440, 8000, 700)], 8000, "pcm16")) });
    await fetcher.pass();
    expect(await recordedCalls(tenantId)).toEqual(["c1", "c2", "c3"]);
    now = t0 + 180_000 + UNFINISHED_WAIT_MS + 1;
    await fetcher.pass();
    expect(await recordedCalls(tenantId)).toEqual(["c1", "c2", "c3", "c4"]);
    // Read to the end of its bytes: 700 ms of audio, though its header says none.
    const [c4] = await queryRows<{ ms: number }>(ch, "SELECT max(duration_ms) AS ms FROM recordings WHERE tenant_id = {t:String} AND call_id = 'c4'", { t: tenantId });
    // Within one 20 ms Opus frame.
    expect(Math.abs(Number(c4?.ms) - 700)).toBeLessThanOrEqual(20);
  });

  it("says once that ARI cannot be reached, and fetches once it can", async () => {
    const tenantId = freshTenant("ari-down");
    await storeCall(ch, { tenantId, callId: "d1", queueId: "q1", agentId: "a1", t0: Date.UTC(2026, 4, 6, 15), talkMs: 10_000, uniqueid: "1778079600.1" });
    asterisk.stored.clear();
    asterisk.stored.set("1778079600.1", { format: "wav", bytes: wavFile([tone(440, 8000, 300)], 8000, "pcm16") });
    const log: string[] = [];
    const ctx = { ch, tenantId, services: servicesWith(objects(), { ingest: (e: Parameters<typeof ingestEvents>[1]) => ingestEvents(ch, e) }) };
    // Wrong credentials first: ARI answers 401, which is the product's not_permitted, said with the hint.
    const refused = recordingFetcher(ctx, ariRecordingSource(new AriClient({ url, ...CREDS, password: "wrong" })), { platform: "asterisk", log: (l) => log.push(l) });
    await refused.pass();
    await refused.pass();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatch(/failed, will retry: Asterisk answered 401.*ARI_USER \/ ARI_PASSWORD/);
    const good = recordingFetcher(ctx, ariRecordingSource(new AriClient({ url, ...CREDS })), { platform: "asterisk", log: (l) => log.push(l) });
    await good.pass();
    expect(await recordedCalls(tenantId)).toEqual(["d1"]);
  });
});

async function recordedCalls(tenantId: string): Promise<string[]> {
  const rows = await queryRows<{ c: string }>(ch, "SELECT DISTINCT call_id AS c FROM recordings WHERE tenant_id = {t:String} ORDER BY c", { t: tenantId });
  return rows.map((r) => r.c);
}
