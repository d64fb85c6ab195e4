import path from "node:path";
import type { ClickHouseClient } from "@clickhouse/client";
import { getEnv, type Env } from "../lib/env";
import { callOperatorSocket } from "../lib/runtime/operator-socket-client";
import { IngestPipeline } from "../ingest/pipeline";
import { importRecordings, type ImportReport } from "../lib/recordings/import/import-directory";
import { directorySource, type RecordingSource } from "../lib/recordings/import/recording-source";
import { AriClient } from "../ingest/asterisk/ari-client";
import { ariRecordingSource } from "../ingest/asterisk/ari-recordings";
import { ariConfigFromEnv } from "../ingest/asterisk/from-env";
import type { Platform } from "../lib/recordings/import/file-names";
import { openObjectStore } from "../lib/recordings/storage/open-store";
import { pipelineIngest } from "../server/recordings";
import { storedRecordingEnqueuer } from "../server/speech";
import { runCli } from "./run-cli";
import { reachStore } from "./store-access";

/**
 * npm run import:recordings -- DIR [--watch] [--platform asterisk|freeswitch] [--layout caller,agent|agent,caller]
 * npm run import:recordings -- --from ari [--watch] [--layout ...]
 *
 * Imports Asterisk MixMonitor files (`<uniqueid>.wav`, `<linkedid>-*.wav`, FreePBX's
 * `q-...-<uniqueid>.wav`, `-r`/`-t` legs, D's stereo `.raw`) or FreeSWITCH record_session files
 * (`<channel uuid>.wav`), matched to stored calls by the ids their events carry.
 * Files are only read; unmatched ones are listed and tried again on the next pass.
 * With --watch it keeps looking every 5 s (files still being written wait until
 * they have been quiet for 5 s) until interrupted. `--from ari` reads Asterisk's stored
 * recordings through ARI instead (ARI_URL, ARI_USER, ARI_PASSWORD), all of them: the
 * backfill of what the web server's fetching (RECORDINGS_FETCH_SECONDS) looks too far
 * back for. Beside a web server holding the embedded store, each pass runs in that server
 * (over its operator socket; `--from ari` then uses the server's own ARI settings);
 * otherwise it opens the store itself.
 */
type Args = { dir?: string; fromAri: boolean; watch: boolean; platform: Platform; layout: "caller,agent" | "agent,caller" };
const USAGE =
  "usage: npm run import:recordings -- DIR [--watch] [--platform asterisk|freeswitch] [--layout caller,agent|agent,caller], or -- --from ari [--watch] [--layout ...]";

function parseArgs(argv: string[]): Args {
  const args: Args = { fromAri: false, watch: false, platform: "asterisk", layout: "caller,agent" };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? "";
    if (a === "--watch") args.watch = true;
    else if (a === "--from") {
      if (argv[++i] !== "ari") throw new Error("--from: ari (Asterisk's stored recordings through ARI)");
      args.fromAri = true;
    } else if (a === "--platform") {
      const p = argv[++i];
      if (p !== "asterisk" && p !== "freeswitch") throw new Error("--platform: asterisk or freeswitch");
      args.platform = p;
    } else if (a === "--layout") {
      const l = argv[++i];
      if (l !== "caller,agent" && l !== "agent,caller") throw new Error("--layout: caller,agent or agent,caller");
      args.layout = l;
    } else if (a.startsWith("--")) throw new Error(`unknown option ${a}`);
    else args.dir = a;
  }
  if (args.fromAri === (args.dir !== undefined)) throw new Error(USAGE);
  if (args.fromAri && args.platform !== "asterisk") throw new Error("--from ari reads Asterisk's recordings: --platform asterisk");
  return args;
}

const POLL_MS = 5_000;

runCli(async () => {
  const args = parseArgs(process.argv.slice(2));
  const env = getEnv();
  const store = await reachStore(env, { migrate: true });
  const pass = store.via === "server" ? throughServer(env, store.dataDir, args) : await inThisProcess(env, store.ch, args);
  let stopped = false;
  process.on("SIGINT", () => (stopped = true));
  process.on("SIGTERM", () => (stopped = true));
  const reported = new Set<string>();
  try {
    do {
      const r = await pass(args.watch ? POLL_MS : 0);
      print(r, reported, args.watch);
      if (!args.watch) {
        console.log(`imported ${r.imported.length}, already imported ${r.alreadyImported.length}, unmatched ${r.unmatched.length}`);
        break;
      }
      await new Promise<void>((resolve) => setTimeout(resolve, POLL_MS).unref());
    } while (!stopped);
  } finally {
    if (store.via === "store") await store.close();
  }
});

type Pass = (settleMs: number) => Promise<ImportReport>;

/** The store is this process's: it matches, stores and queues transcriptions itself (the web server's speech queue picks them up). */
async function inThisProcess(env: Env, ch: ClickHouseClient, args: Args): Promise<Pass> {
  const pipeline = new IngestPipeline(ch, { maxEventBytes: env.INGEST_MAX_EVENT_BYTES, origin: "import:recordings" });
  const store = openObjectStore(env);
  const ctx = { ch, tenantId: env.TENANT_ID, services: { store, ingest: pipelineIngest(pipeline), enqueueTranscription: storedRecordingEnqueuer(env, ch, () => store) } };
  const source: RecordingSource = args.dir !== undefined ? directorySource(path.resolve(args.dir)) : ariSource(env);
  return (settleMs) => importRecordings(ctx, { source, platform: args.platform, layout: args.layout, settleMs });
}

/** A server holds the embedded store: each pass runs in it, with its recording storage, pipeline and speech queue (server/operator-routes.ts). */
function throughServer(env: Env, dataDir: string, args: Args): Pass {
  const from = args.dir !== undefined ? { dir: path.resolve(args.dir) } : { platform: true };
  return async (settleMs) =>
    (await callOperatorSocket(dataDir, "/recordings/import", { tenantId: env.TENANT_ID, platform: args.platform, layout: args.layout, settleMs, from })) as ImportReport;
}

function ariSource(env: Env): RecordingSource {
  if (env.ARI_URL === undefined) throw new Error("--from ari needs ARI_URL (and ARI_USER, ARI_PASSWORD)");
  return ariRecordingSource(new AriClient(ariConfigFromEnv(env)));
}

function print(r: ImportReport, reported: Set<string>, watching: boolean): void {
  for (const i of r.imported) console.log(`imported ${i.files.join(" + ")} -> call ${i.callId}, recording ${i.recordingId}`);
  for (const u of r.unmatched) {
    const key = `${u.files.join("\n")}\n${u.reason}`;
    // Watching, a file waiting for its call is said once, not every pass.
    if (watching && reported.has(key)) continue;
    reported.add(key);
    console.log(`unmatched ${u.files.join(" + ")}: ${u.reason}`);
  }
}
