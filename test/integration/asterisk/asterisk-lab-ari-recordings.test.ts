import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ClickHouseClient } from "@clickhouse/client";
import { AriClient } from "@/ingest/asterisk/ari-client";
import { ariRecordingSource } from "@/ingest/asterisk/ari-recordings";
import { WHOLE_CENTRE } from "@/lib/auth/scope-access";
import { readCall } from "@/lib/calls/read-call";
import { importRecordings } from "@/lib/recordings/import/import-directory";
import { isUnfinishedWav } from "@/lib/recordings/import/wav";
import { localObjectStore } from "@/lib/recordings/storage/local-store";
import { freshTenant, testStore } from "../helpers/store";
import { ingestEvents, servicesWith } from "../recordings/recorded-call";
import { ari, holdLab, labBuilt, startedLab, stopLab, waitFor, type LabEnv } from "./lab";
import { filesUnder, readQueueLog, wavFacts } from "./lab-files";
import { importLabQueueLog } from "./lab-queue-log";

/**
 * Recordings handed over by a real Asterisk through ARI (recordings.json listStored / getStoredFile),
 * for a product that cannot see its disk: the lab's dialplan (LAB_REC=stored) points app_queue's
 * MixMonitor under the spool's recording/ directory with FreePBX's dated folders. While the call is
 * still talking, ARI already lists the file and hands over its unfinished header; once it has ended,
 * the importer reads it through ARI, byte for byte the lab's file, and matches it to its call.
 * Skipped without a built lab, except with ASTERISK_LAB=required.
 */
const missing = !labBuilt();
if (missing && process.env.ASTERISK_LAB === "required")
  throw new Error("ASTERISK_LAB=required but the Asterisk lab is not built (bash infra/asterisk/asterisk.sh build, as .ci/run does)");

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

describe.skipIf(missing)("a real Asterisk's recordings, fetched through ARI", () => {
  let lab: LabEnv;
  let startedHere = false;
  let ch: ClickHouseClient;
  let release: (() => void) | undefined;
  beforeAll(async () => {
    release = await holdLab();
    ({ env: lab, startedHere } = await startedLab());
    ({ ch } = await testStore());
  }, 11 * 60_000);
  afterAll(async () => {
    if (startedHere) await stopLab();
    release?.();
  });

  it("lists a recording while it is being made (unfinished), then imports it whole, matched to its call, once", async () => {
    const logOffset = fs.existsSync(lab.ASTERISK_QUEUE_LOG) ? fs.statSync(lab.ASTERISK_QUEUE_LOG).size : 0;
    const before = new Set(filesUnder(lab.ASTERISK_RECORDING_DIR));
    const callerNum = `62${String(Date.now() % 100_000).padStart(5, "0")}`;
    const talkS = 5;
    await ari(lab).originate({ number: "7000", callerNum, variables: { __LAB_TALK: String(talkS), __LAB_RING: "0", LAB_REC: "stored" } });

    const client = new AriClient({ url: lab.ASTERISK_ARI_URL, user: lab.ASTERISK_ARI_USER, password: lab.ASTERISK_ARI_PASSWORD, app: "ccs-lab-recordings" });
    const source = ariRecordingSource(client);
    // The file appears on the lab's disk when the agent answers; ARI lists it by its name under recording/, without extension.
    const file = await waitFor("MixMonitor to start the recording under recording/", () =>
      filesUnder(lab.ASTERISK_RECORDING_DIR).find((f) => !before.has(f) && f.includes(`-${callerNum}-`)),
    );
    expect(file).toMatch(new RegExp(`^\\d{4}/\\d{2}/\\d{2}/q-7000-${callerNum}-\\d{8}-\\d{6}-\\d+\\.\\d+\\.wav$`));
    const listed = await source.list();
    expect(listed.map((f) => f.file)).toContain(file);
    // Its time is the call's start, from the uniqueid in the name (`<epoch s>.<n>`): within the test's own minute.
    const uniqueid = /-(\d+\.\d+)\.wav$/.exec(file)![1]!;
    expect(listed.find((f) => f.file === file)!.mtimeMs).toBe(Number(uniqueid.split(".")[0]) * 1000);
    // Read mid-call, through ARI: the header still has format_wav's zero sizes (the lab's own reader agrees).
    const early = await source.read(file);
    expect(wavFacts(Buffer.from(early)).finished).toBe(false);
    expect(isUnfinishedWav(early)).toBe(true);

    const ended = await waitFor(
      "the call to end and MixMonitor to close the file",
      () => {
        const lines = readQueueLog(fs.readFileSync(lab.ASTERISK_QUEUE_LOG, "utf8").slice(logOffset)).filter((l) => l.callId === uniqueid);
        const done = lines.some((l) => l.event.startsWith("COMPLETE"));
        return done && wavFacts(fs.readFileSync(path.join(lab.ASTERISK_RECORDING_DIR, file))).finished ? lines : undefined;
      },
      60_000,
    );
    expect(ended.find((l) => l.event === "ENTERQUEUE")?.data[1]).toBe(callerNum);

    const work = fs.mkdtempSync(path.join(os.tmpdir(), "ccs-asterisk-ari-"));
    const queueLog = path.join(work, "queue_log");
    fs.writeFileSync(queueLog, fs.readFileSync(lab.ASTERISK_QUEUE_LOG).subarray(logOffset));
    const tenantId = freshTenant("asterisk-ari");
    expect((await importLabQueueLog(ch, tenantId, queueLog)).filter((e) => e.reason !== "unmatched_call")).toEqual([]);

    // Byte for byte the lab's file, through ARI's %2F-encoded name with folders.
    const onDisk = fs.readFileSync(path.join(lab.ASTERISK_RECORDING_DIR, file));
    expect(sha(await source.read(file))).toBe(sha(onDisk));

    const services = servicesWith(localObjectStore(path.join(work, "objects")), { ingest: (e) => ingestEvents(ch, e) });
    // Only this run's file: the lab's recording/ directory keeps earlier runs' files, whose calls are in other tenants.
    const ours = { ...source, list: async () => (await source.list()).filter((f) => f.file === file) };
    const report = await importRecordings({ ch, tenantId, services }, { source: ours, platform: "asterisk" });
    expect(report.unmatched).toEqual([]);
    expect(report.imported.map((i) => [i.files, i.callId])).toEqual([[[file], uniqueid]]);

    const view = await readCall(ch, tenantId, WHOLE_CENTRE, uniqueid);
    expect(view.recordings).toHaveLength(1);
    // As long as the lab's WAV says (within a 20 ms frame), starting when the call began (the uniqueid's second).
    expect(Math.abs(view.recordings[0]!.durationMs - wavFacts(onDisk).durationMs)).toBeLessThanOrEqual(20);
    expect(Math.abs(view.recordings[0]!.durationMs - talkS * 1000)).toBeLessThan(1_500);

    const again = await importRecordings({ ch, tenantId, services }, { source: ours, platform: "asterisk" });
    expect({ imported: again.imported.length, already: again.alreadyImported.length }).toEqual({ imported: 0, already: 1 });
  });

  it("answers a name it does not have with 404, as the product's no_such_call", async () => {
    const client = new AriClient({ url: lab.ASTERISK_ARI_URL, user: lab.ASTERISK_ARI_USER, password: lab.ASTERISK_ARI_PASSWORD, app: "ccs-lab-recordings" });
    await expect(client.readStoredRecording("2020/01/01/no-such-recording", AbortSignal.timeout(5_000))).rejects.toMatchObject({ code: "no_such_call" });
  });
});
