import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { Readable, pipeline as pipe } from "node:stream";
import { IngestPipeline, writeDirectory } from "../ingest/pipeline";
import { recordingAudioEndpoint } from "../lib/api/endpoints/recordings";
import type { SessionUser } from "../lib/auth/session";
import type { CtiEvent } from "../lib/events";
import { parseEnv } from "../lib/env";
import { errorResponse } from "../lib/http/errors";
import { webmClusters } from "../lib/recordings/media/decode-webm-opus";
import { ensureMedia } from "../lib/recordings/media/ensure-media";
import { parseRange } from "../lib/recordings/media/range";
import { readRecording } from "../lib/recordings/media/recording-row";
import { setRecordingServices, type OnDemandRenderer } from "../lib/recordings/media/services";
import { localObjectStore } from "../lib/recordings/storage/local-store";
import { readWhole } from "../lib/recordings/storage/object-store";
import { getClickHouse } from "../lib/store/client";
import { migrate } from "../sql/migrate";
import { runCli } from "../scripts/run-cli";
import { percentile } from "./percentile";

/**
 * npm run bench:recordings:serve [-- --listeners 20] [--rounds 10] [--recordings 20] [--minutes 3]
 *
 * How fast a recording starts and seeks, served by the real audio route (session
 * user, scope check, media row lookup, audit row per playback, Range, the local
 * store's stream) over HTTP from this process, against a static-file baseline (the
 * same files, a plain Range-answering file server) in the same run. `listeners`
 * clients at once each do `rounds` of: open a random recording (GET bytes=0-, time
 * to the first body byte), then seek to a random moment (GET from that moment's
 * cluster, as the cue index at the front of the file tells a browser: time until
 * the cluster's header and first audio frame, 1 KB, have arrived). p50/p95 of both
 * are printed for both servers. Goal: the route's p95 under 300 ms. Nothing is
 * asserted (a bench).
 */
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};

const LISTENERS = arg("listeners", 20);
const ROUNDS = arg("rounds", 10);
const RECORDINGS = arg("recordings", 20);
const MINUTES = arg("minutes", 3);
const FIRST_FRAME_BYTES = 1024;

/** Speech-like audio for the bench: two tones with a slow envelope, so Opus spends real bits on it. */
const renderer: OnDemandRenderer = {
  canRender: () => true,
  render: async ({ events, recordingId }) => {
    const stopped = events.find((e) => e.type === "recording.stopped" && e.data.recordingId === recordingId);
    const ms = stopped?.type === "recording.stopped" ? stopped.data.durationMs : 1_000;
    const rate = 16000;
    const n = Math.round((rate * ms) / 1000);
    const voice = (hz: number, phase: number) =>
      Int16Array.from({ length: n }, (_, i) =>
        Math.round(9000 * Math.max(0, Math.sin(i / 9000 + phase)) * Math.sin((2 * Math.PI * hz * i) / rate) + 300 * Math.sin(i * 1.7)),
      );
    return { sampleRate: rate, channels: [voice(180, 0), voice(240, Math.PI)], channelRoles: ["agent", "caller"] };
  },
};

function callEvents(tenantId: string, i: number, t0: number, talkMs: number): CtiEvent[] {
  const callId = `bench-${i}`;
  const legId = `${callId}.1`;
  const base = { specVersion: "1.0" as const, source: "simulator://bench", tenantId, callId };
  const leg = { ...base, queueId: "q1", legId, agentId: "a1" };
  const id = (k: number) => `00000000-0000-4000-8000-${String(i * 10 + k).padStart(12, "0")}`;
  const answered = t0 + 5_000;
  return [
    { ...base, id: id(0), type: "call.offered", time: t0, data: { from: "+1", to: "+2", direction: "inbound", channelId: `c${i}` } },
    { ...leg, id: id(1), type: "call.established", time: answered, data: { waitMs: 4_000, ringMs: 500, agentChannelId: `a${i}` } },
    { ...leg, id: id(2), type: "recording.started", time: answered, data: { recordingId: `rec-${legId}` } },
    { ...leg, id: id(3), type: "recording.stopped", time: answered + talkMs, data: { recordingId: `rec-${legId}`, durationMs: talkMs } },
    { ...base, id: id(4), type: "call.cleared", time: answered + talkMs, data: { durationMs: talkMs + 5_000 } },
  ];
}

type Timed = { firstByteMs: number; seekFrameMs: number };

/** GET with a Range; resolves with the time until `need` body bytes have arrived (or the body ended). */
function timedGet(port: number, urlPath: string, range: string, need: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const req = http.get({ host: "127.0.0.1", port, path: urlPath, headers: { range } }, (res) => {
      let got = 0;
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        resolve(performance.now() - start);
        res.destroy();
      };
      if (res.statusCode !== 206) reject(new Error(`${urlPath}: HTTP ${res.statusCode}`));
      res.on("data", (chunk: Buffer) => {
        got += chunk.length;
        if (got >= need) finish();
      });
      res.on("end", finish);
      res.on("error", () => undefined);
    });
    req.on("error", reject);
  });
}

runCli(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ccs-bench-rec-"));
  const env = parseEnv({ DATA_DIR: dir });
  const ch = await getClickHouse(env);
  await migrate(ch);
  const tenantId = env.TENANT_ID;
  const store = localObjectStore(path.join(dir, "recordings"));
  setRecordingServices({ store, renderer });
  await writeDirectory(ch, tenantId, { queues: [{ id: "q1", name: "q1" }], agents: [{ id: "a1", name: "a1", teamId: "t1" }] });
  const ingest = new IngestPipeline(ch, { maxEventBytes: 65_536, origin: "bench" });
  const t0 = Date.now() - 86_400_000;
  const talkMs = MINUTES * 60_000;
  const events = Array.from({ length: RECORDINGS }, (_, i) => callEvents(tenantId, i, t0 + i * 600_000, talkMs)).flat();
  await ingest.ingest(events.map((e) => ({ payload: { object: e }, origin: { source: "bench" } })));

  console.log(`rendering ${RECORDINGS} recordings of ${MINUTES} min (not timed) ...`);
  const files: { id: string; file: string; size: number; clusters: number[] }[] = [];
  const staticDir = path.join(dir, "static");
  fs.mkdirSync(staticDir);
  for (let i = 0; i < RECORDINGS; i++) {
    const id = `rec-bench-${i}.1`;
    const media = (await ensureMedia({ ch, tenantId, services: { store, renderer } }, (await readRecording(ch, tenantId, id))!))!;
    const bytes = await readWhole(store, media.audioKey);
    const file = path.join(staticDir, `${i}.webm`);
    fs.writeFileSync(file, bytes);
    files.push({ id, file, size: bytes.length, clusters: webmClusters(bytes).map((c) => c.offset) });
  }
  console.log(`files: ${Math.round(files[0]!.size / 1024)} KB each, ${files[0]!.clusters.length} clusters`);

  // A user per request: each read from byte 0 is then a playback of its own and writes its audit row, as twenty
  // listeners pressing play do (one user's repeated reads of one recording are one playback, playback-reads.ts).
  let requests = 0;
  const routeServer = http.createServer((req, res) => {
    const user: SessionUser = { id: `bench-${requests++}`, name: "Bench", role: "qa" };
    const id = decodeURIComponent((req.url ?? "").split("/")[2] ?? "");
    const request = new Request(`http://localhost${req.url}`, { headers: req.headers as Record<string, string> });
    void recordingAudioEndpoint
      .run({ ch, tenantId, user, signal: new AbortController().signal, request }, { recordingId: id }, undefined)
      .catch(errorResponse)
      .then((r) => {
        res.writeHead(r.status, Object.fromEntries(r.headers.entries()));
        // pipeline, not pipe: a listener that hangs up mid-file closes the store's stream (and its file) too.
        if (r.body) pipe(Readable.fromWeb(r.body as import("node:stream/web").ReadableStream), res, () => undefined);
        else res.end();
      });
  });
  const staticServer = http.createServer((req, res) => {
    const i = Number((req.url ?? "").split("/")[2]);
    const f = files[i]!;
    const asked = parseRange(req.headers.range, f.size);
    if (asked.kind !== "range") {
      res.writeHead(200, { "Content-Length": f.size, "Content-Type": "audio/webm" });
      pipe(fs.createReadStream(f.file), res, () => undefined);
      return;
    }
    const { start, end } = asked.range;
    res.writeHead(206, { "Content-Range": `bytes ${start}-${end}/${f.size}`, "Content-Length": end - start + 1, "Content-Type": "audio/webm" });
    pipe(fs.createReadStream(f.file, { start, end }), res, () => undefined);
  });
  const listen = (s: http.Server) => new Promise<number>((resolve) => s.listen(0, "127.0.0.1", () => resolve((s.address() as { port: number }).port)));
  const routePort = await listen(routeServer);
  const staticPort = await listen(staticServer);

  const measure = async (port: number, urlOf: (i: number) => string): Promise<Timed[]> => {
    let seed = 12345;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const out: Timed[] = [];
    await Promise.all(
      Array.from({ length: LISTENERS }, async () => {
        for (let r = 0; r < ROUNDS; r++) {
          const i = rand(files.length);
          const f = files[i]!;
          const firstByteMs = await timedGet(port, urlOf(i), "bytes=0-", 1);
          const at = f.clusters[rand(f.clusters.length)]!;
          const seekFrameMs = await timedGet(port, urlOf(i), `bytes=${at}-`, FIRST_FRAME_BYTES);
          out.push({ firstByteMs, seekFrameMs });
        }
      }),
    );
    return out;
  };

  const report = (name: string, t: Timed[]) => {
    const fb = t.map((x) => x.firstByteMs).sort((a, b) => a - b);
    const sk = t.map((x) => x.seekFrameMs).sort((a, b) => a - b);
    const f = (n: number) => n.toFixed(1).padStart(7);
    console.log(
      `${name.padEnd(22)} first byte p50 ${f(percentile(fb, 50))} ms  p95 ${f(percentile(fb, 95))} ms | seek to first frame p50 ${f(percentile(sk, 50))} ms  p95 ${f(percentile(sk, 95))} ms`,
    );
    return percentile(sk, 95);
  };

  // A warm-up round each, so neither side is measured compiling its first request.
  await measure(staticPort, (i) => `/static/${i}`);
  await measure(routePort, (i) => `/audio/${encodeURIComponent(files[i]!.id)}`);
  const baseline = await measure(staticPort, (i) => `/static/${i}`);
  const route = await measure(routePort, (i) => `/audio/${encodeURIComponent(files[i]!.id)}`);
  console.log(`\n${LISTENERS} concurrent listeners x ${ROUNDS} rounds (open + seek), ${RECORDINGS} recordings of ${MINUTES} min, ${os.cpus().length} cores`);
  report("static-file baseline", baseline);
  const p95 = Math.max(
    report("audio route", route),
    percentile(
      route.map((x) => x.firstByteMs).sort((a, b) => a - b),
      95,
    ),
  );
  console.log(`goal: the route's p95 under 300 ms: ${p95 < 300 ? "met" : "NOT met"} (${p95.toFixed(1)} ms)`);
  routeServer.close();
  staticServer.close();
});
