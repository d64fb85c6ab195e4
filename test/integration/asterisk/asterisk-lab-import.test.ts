import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ClickHouseClient } from "@clickhouse/client";
import { WHOLE_CENTRE } from "@/lib/auth/scope-access";
import { readCall } from "@/lib/calls/read-call";
import { importDirectory } from "@/lib/recordings/import/import-directory";
import { decodeWebmOpus } from "@/lib/recordings/media/decode-webm-opus";
import { readMediaRow } from "@/lib/recordings/media/media-row";
import { localObjectStore } from "@/lib/recordings/storage/local-store";
import { readWhole } from "@/lib/recordings/storage/object-store";
import type { OpusRate } from "@/lib/recordings/webm-opus";
import { freshTenant, queryRows, testStore } from "../helpers/store";
import { ingestEvents, servicesWith } from "../recordings/recorded-call";
import { amiActions, ari, holdLab, labBuilt, startedLab, stopLab, waitFor, type LabEnv } from "./lab";
import { filesUnder, pitch, readQueueLog, wavFacts, type QueueLogLine } from "./lab-files";
import { importLabQueueLog } from "./lab-queue-log";

/**
 * Calls through a real Asterisk (infra/asterisk): callers and agents are Local channels in a real
 * Queue() whose answered calls app_queue records with MixMonitor. Its real queue_log then goes
 * through the queue_log import and its real MixMonitor files through the recordings import, and
 * what the product stored is judged against the lab's own files, read by the test's own readers
 * (lab-files.ts). The lab is long-lived, so a run imports what it produced: the queue_log lines
 * written since it started and the recordings that appeared since (copied with their times).
 * Skipped without a built lab (and says so), except with ASTERISK_LAB=required (.ci/run sets it where
 * the lab can be built or is cached), where that fails.
 */
const missing = !labBuilt();
if (missing && process.env.ASTERISK_LAB === "required")
  throw new Error("ASTERISK_LAB=required but the Asterisk lab is not built (bash infra/asterisk/asterisk.sh build, as .ci/run does)");

const CALLER_TONE_HZ = 440;
const AGENT_TONE_HZ = 1000;

type Placed = { callerNum: string; rec: "mono" | "legs" | null; talkS: number };

describe.skipIf(missing)("a real Asterisk's queue_log and MixMonitor files, imported", () => {
  let lab: LabEnv;
  let startedHere = false;
  let ch: ClickHouseClient;
  let logOffset = 0;
  let filesBefore = new Set<string>();

  let release: (() => void) | undefined;
  beforeAll(async () => {
    release = await holdLab();
    ({ env: lab, startedHere } = await startedLab());
    ({ ch } = await testStore());
    logOffset = fs.existsSync(lab.ASTERISK_QUEUE_LOG) ? fs.statSync(lab.ASTERISK_QUEUE_LOG).size : 0;
    filesBefore = new Set(filesUnder(lab.ASTERISK_MONITOR_DIR));
  }, 11 * 60_000);
  afterAll(async () => {
    if (startedHere) await stopLab();
    release?.();
  });

  it("matches every answered call's recording to its call and leg by uniqueid, with the WAV's length; abandoned calls have none", async () => {
    const client = ari(lab);
    expect((await client.info()).system.version).toMatch(/^23\./);
    // Caller numbers no earlier run used: the test finds its calls in the shared queue_log by them.
    const run = String(Date.now() % 100_000).padStart(5, "0");
    const answered: Placed[] = [
      { callerNum: `61${run}1`, rec: "mono", talkS: 3 },
      { callerNum: `61${run}2`, rec: "legs", talkS: 2 },
      { callerNum: `61${run}3`, rec: "mono", talkS: 4 },
    ];
    // Placed once every agent is busy; their agents would ring 5 s anyway, so they hang up while waiting.
    const abandoned: Placed[] = [
      { callerNum: `61${run}4`, rec: null, talkS: 0 },
      { callerNum: `61${run}5`, rec: null, talkS: 0 },
    ];
    const ours = () => {
      const lines = readQueueLog(fs.readFileSync(lab.ASTERISK_QUEUE_LOG, "utf8").slice(logOffset));
      const callIdOf = new Map(lines.filter((l) => l.event === "ENTERQUEUE").map((l) => [l.data[1] ?? "", l.callId]));
      return { lines, callIdOf };
    };
    const linesOf = (callId: string, lines: QueueLogLine[]) => lines.filter((l) => l.callId === callId);

    for (const c of answered) {
      await client.originate({ number: "7000", callerNum: c.callerNum, variables: { __LAB_TALK: String(c.talkS), __LAB_RING: "0", LAB_REC: c.rec ?? "mono" } });
    }
    await waitFor("the three answered calls to connect", () => {
      const { lines, callIdOf } = ours();
      const ids = answered.map((c) => callIdOf.get(c.callerNum));
      return ids.every((id) => id && linesOf(id, lines).some((l) => l.event === "CONNECT")) ? true : undefined;
    });
    for (const [i, c] of abandoned.entries()) {
      await client.originate({ number: "7000", callerNum: c.callerNum, variables: { __LAB_RING: "5", LAB_PATIENCE: String(i + 1) } });
    }
    const done = await waitFor("every call to end in the queue_log", () => {
      const { lines, callIdOf } = ours();
      const ended = [...answered, ...abandoned].map((c) => {
        const id = callIdOf.get(c.callerNum);
        const last = id ? linesOf(id, lines).find((l) => ["COMPLETEAGENT", "COMPLETECALLER", "ABANDON"].includes(l.event)) : undefined;
        return id && last ? { ...c, callId: id, end: last.event, completion: last.data, agent: linesOf(id, lines).find((l) => l.event === "CONNECT")?.agent } : undefined;
      });
      return ended.every((e) => e !== undefined) ? ended.map((e) => e!) : undefined;
    });
    // The lab's own account: answered calls completed by an agent, the others abandoned.
    expect(done.map((d) => d.end)).toEqual(["COMPLETEAGENT", "COMPLETEAGENT", "COMPLETEAGENT", "ABANDON", "ABANDON"]);

    // MixMonitor closes its files (and writes their real sizes) just after the call; wait for that.
    const expectedFiles = (d: (typeof done)[number]) => (d.rec === "legs" ? 3 : d.rec === "mono" ? 1 : 0);
    const newFiles = await waitFor("MixMonitor to finish the recordings", () => {
      const added = filesUnder(lab.ASTERISK_MONITOR_DIR).filter((f) => !filesBefore.has(f));
      const byCall = done.map((d) => added.filter((f) => f.includes(d.callId)));
      const complete = byCall.every((fs_, i) => fs_.length === expectedFiles(done[i]!));
      const finished = added.every((f) => wavFacts(fs.readFileSync(path.join(lab.ASTERISK_MONITOR_DIR, f))).finished);
      return complete && finished ? added : undefined;
    });

    // What this run wrote, as the importers will read it: the queue_log's new lines, the new recordings with their times.
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "ccs-asterisk-"));
    const queueLog = path.join(work, "queue_log");
    fs.writeFileSync(queueLog, fs.readFileSync(lab.ASTERISK_QUEUE_LOG).subarray(logOffset));
    const monitor = path.join(work, "monitor");
    for (const f of newFiles) {
      const from = path.join(lab.ASTERISK_MONITOR_DIR, f);
      fs.mkdirSync(path.dirname(path.join(monitor, f)), { recursive: true });
      fs.copyFileSync(from, path.join(monitor, f));
      const st = fs.statSync(from);
      fs.utimesSync(path.join(monitor, f), st.atime, st.mtime);
    }

    // npm run import:queue-log's path, into the store.
    const tenantId = freshTenant("asterisk");
    const lineErrors = await importLabQueueLog(ch, tenantId, queueLog);
    // Lines about calls that started before this run's slice are the only ones allowed to be refused.
    expect(lineErrors.filter((e) => e.reason !== "unmatched_call")).toEqual([]);

    // npm run import:recordings's path, on the copy of the lab's MixMonitor directory.
    const store = localObjectStore(path.join(work, "objects"));
    const services = servicesWith(store, { ingest: (e) => ingestEvents(ch, e) });
    const report = await importDirectory({ ch, tenantId, services }, { dir: monitor, platform: "asterisk" });
    expect(report.unmatched).toEqual([]);
    expect(report.imported.map((i) => i.callId).sort()).toEqual(
      done
        .filter((d) => d.rec)
        .map((d) => d.callId)
        .sort(),
    );

    for (const d of done.filter((x) => x.rec !== null)) {
      const files = newFiles.filter((f) => f.includes(d.callId));
      const facts = files.map((f) => ({ f, ...wavFacts(fs.readFileSync(path.join(lab.ASTERISK_MONITOR_DIR, f))) }));
      // The lab's files themselves: mono 8 kHz, as long as the agent talked (within a frame or two of bridging).
      for (const x of facts) {
        expect(x).toMatchObject({ channels: 1, rate: 8000 });
        expect(Math.abs(x.durationMs - d.talkS * 1000)).toBeLessThan(1_500);
      }
      if (d.rec === "mono") expect(files[0]).toMatch(new RegExp(`^\\d{4}/\\d{2}/\\d{2}/q-7000-${d.callerNum}-\\d{8}-\\d{6}-${d.callId.replace(".", "\\.")}\\.wav$`));
      else expect(files.map((f) => f.replace(d.callId, "ID")).sort()).toEqual(["ID-r.wav", "ID-t.wav", "ID.wav"]);

      // Matched to the right call and leg: the queue_log's callid is the caller channel's uniqueid, its first queue leg `<callid>.1`.
      const rows = await queryRows<{ callId: string; legId: string; agentId: string; queueId: string }>(
        ch,
        `SELECT max(call_id) AS callId, max(leg_id) AS legId, max(agent_id) AS agentId, max(queue_id) AS queueId
         FROM recordings WHERE tenant_id = {t:String} GROUP BY recording_id HAVING callId = {c:String}`,
        { t: tenantId, c: d.callId },
      );
      const agentExtension = /^Local\/(\d+)@/.exec(d.agent ?? "")?.[1];
      expect(rows).toEqual([{ callId: d.callId, legId: `${d.callId}.1`, agentId: agentExtension, queueId: "lab-support" }]);

      // The stored audio is as long as the WAV (the longer leg), and the call page reads it.
      const view = await readCall(ch, tenantId, WHOLE_CENTRE, d.callId);
      expect(view.recordings).toHaveLength(1);
      const shown = view.recordings[0]!;
      const wavMs = Math.max(...facts.filter((x) => d.rec === "mono" || /-[rt]\.wav$/.test(x.f)).map((x) => x.durationMs));
      expect(Math.abs(shown.durationMs - wavMs)).toBeLessThanOrEqual(20);
      expect(shown).toMatchObject({ legId: `${d.callId}.1`, agentId: agentExtension, media: "stored" });
      // The call's facts are the queue_log's own figures: COMPLETEAGENT's calltime (s) as talk, the caller's number.
      expect(view.facts.legs.map((l) => [l.outcome, l.talkMs, l.releasedBy])).toEqual([["answered", Number(d.completion[1]) * 1000, "agent"]]);
      expect(view.facts.caller).toBe(d.callerNum);

      // The legs became one stereo recording with each party where it belongs: the caller's tone, the agent's tone.
      const media = (await readMediaRow(ch, tenantId, shown.recordingId))!;
      const rate = media.sampleRate as OpusRate;
      const channels = decodeWebmOpus(await readWhole(store, media.audioKey), rate, media.channels, Math.round((media.durationMs / 1000) * rate));
      if (d.rec === "legs") {
        expect(media.channelRoles).toEqual(["agent", "caller"]);
        // Within 5 %: the tones are 440 and 1000 Hz, so either one is unmistakable.
        expect(Math.abs(pitch(channels[0]!, rate) / AGENT_TONE_HZ - 1)).toBeLessThan(0.05);
        expect(Math.abs(pitch(channels[1]!, rate) / CALLER_TONE_HZ - 1)).toBeLessThan(0.05);
      } else {
        expect(media.channelRoles).toEqual(["mixed"]);
      }
    }

    for (const d of done.filter((x) => x.rec === null)) {
      expect(newFiles.filter((f) => f.includes(d.callId))).toEqual([]);
      const view = await readCall(ch, tenantId, WHOLE_CENTRE, d.callId);
      expect(view.recordings).toEqual([]);
      expect(view.facts.legs.map((l) => l.outcome)).toEqual(["abandon"]);
    }

    // The same directory again stores nothing twice.
    const again = await importDirectory({ ch, tenantId, services }, { dir: monitor, platform: "asterisk" });
    expect({ imported: again.imported.length, already: again.alreadyImported.length }).toEqual({ imported: 0, already: 3 });
  });

  // What issue 11 will drive: ARI's snoop, bridges and WebSocket media are loaded; AMI pauses a queue member.
  it("serves ARI (snoop, bridges, chan_websocket) and AMI (QueuePause, written to the queue_log)", async () => {
    const client = ari(lab);
    for (const m of ["res_stasis_snoop.so", "res_ari_bridges.so", "chan_websocket.so", "chan_rtp.so", "app_queue.so", "app_mixmonitor.so"]) {
      expect((await client.module(m)).status, m).toBe("Running");
    }
    const from = fs.statSync(lab.ASTERISK_QUEUE_LOG).size;
    const member = "Local/1003@lab-agents/n";
    const reason = `lab-check-${Date.now()}`;
    const responses = await amiActions(lab, [
      { Action: "QueuePause", Queue: "lab-support", Interface: member, Paused: "true", Reason: reason },
      { Action: "QueuePause", Queue: "lab-support", Interface: member, Paused: "false" },
    ]);
    expect(responses.map((r) => r.Response)).toEqual(["Success", "Success"]);
    const lines = await waitFor("the pause and unpause in the queue_log", () => {
      const ls = readQueueLog(fs.readFileSync(lab.ASTERISK_QUEUE_LOG, "utf8").slice(from)).filter((l) => l.agent === member);
      return ls.some((l) => l.event === "UNPAUSE") ? ls : undefined;
    });
    expect(lines.map((l) => [l.queue, l.event, l.data[0]])).toEqual([
      ["lab-support", "PAUSE", reason],
      ["lab-support", "UNPAUSE", ""],
    ]);
  });
});
