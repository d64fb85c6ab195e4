import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { CtiEvent } from "../lib/events";
import { parseEnv } from "../lib/env";
import { closeClickHouse, getClickHouse } from "../lib/store/client";
import { migrate } from "../sql/migrate";
import { IngestPipeline } from "../ingest/pipeline/pipeline";
import type { InboundMessage } from "../ingest/pipeline/message";
import { catchUp, ContactCentreSim, DEFAULT_CHUNK_MS, loadSimulatorConfig } from "../ingest/simulator";
import { runCli } from "../scripts/run-cli";

/**
 * npm run bench:backfill-recordings [-- --days N] [--recording-days M]: what simulated
 * recordings (recording.* and transcript.segment events) cost the backfill. The same N days
 * (default 3, as the e2e run uses) are simulated and ingested into a fresh embedded store
 * twice, through the pipeline as the embedded shape's backfill does (catchUp in batches of
 * 20,000): without recordings, then with the last M days recorded (default 5, as
 * SIM_RECORDING_DAYS). Prints events, simulation and ingest seconds, and the ratio. Both
 * runs share one store (other tenants), one after the other.
 */
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};

runCli(async () => {
  const days = arg("days", 3);
  const recordingDays = arg("recording-days", 5);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-backfill-"));
  const env = parseEnv({ DATA_DIR: dir });
  const ch = await getClickHouse(env);
  await migrate(ch);
  const pipeline = new IngestPipeline(ch, { maxEventBytes: env.INGEST_MAX_EVENT_BYTES, origin: "bench" });
  const encoder = new TextEncoder();
  const end = Date.UTC(2026, 0, 12);
  const start = end - days * 86_400_000;

  const run = async (recordings: boolean) => {
    const base = loadSimulatorConfig();
    const config = { ...base, tenantId: recordings ? "with-recordings" : "without", behaviours: { ...base.behaviours, recordings } };
    const sim = new ContactCentreSim(config, { seed: 1, startTime: start, recordFrom: end - recordingDays * 86_400_000 });
    let simMs = 0;
    let ingestMs = 0;
    let events = 0;
    let bytes = 0;
    const stepping = {
      get now() {
        return sim.now;
      },
      advanceTo(t: number): CtiEvent[] {
        const at = performance.now();
        const out = sim.advanceTo(t);
        simMs += performance.now() - at;
        return out;
      },
    };
    await catchUp(stepping, {
      now: () => end,
      batchSize: 20_000,
      chunkMs: DEFAULT_CHUNK_MS,
      slackMs: 0,
      deliver: async (batch) => {
        const payloads = batch.map((e) => encoder.encode(JSON.stringify(e)));
        bytes += payloads.reduce((n, p) => n + p.length, 0);
        const messages: InboundMessage[] = payloads.map((payload) => ({ payload, origin: { source: "bench" } }));
        const at = performance.now();
        const r = await pipeline.ingest(messages);
        ingestMs += performance.now() - at;
        if (r.inserted !== batch.length) throw new Error(`pipeline stored ${r.inserted} of ${batch.length}`);
        events += batch.length;
      },
    });
    return { events, mb: bytes / 1e6, simS: simMs / 1000, ingestS: ingestMs / 1000, totalS: (simMs + ingestMs) / 1000 };
  };

  console.log(`bench:backfill-recordings: ${days} days, the last ${Math.min(days, recordingDays)} recorded, store ${dir}`);
  const off = await run(false);
  const on = await run(true);
  const row = (name: string, r: typeof off) =>
    `${name.padEnd(18)} ${r.events.toLocaleString("en").padStart(10)} events ${r.mb.toFixed(0).padStart(5)} MB  simulate ${r.simS.toFixed(1).padStart(6)} s  ingest ${r.ingestS.toFixed(1).padStart(6)} s  total ${r.totalS.toFixed(1).padStart(6)} s`;
  console.log(row("without recordings", off));
  console.log(row("with recordings", on));
  console.log(`ratio (with / without): events ${(on.events / off.events).toFixed(2)}, time ${(on.totalS / off.totalS).toFixed(2)}   (goal: at most 2)`);
  await closeClickHouse();
  fs.rmSync(dir, { recursive: true, force: true });
});
