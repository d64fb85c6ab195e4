import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { CtiEvent } from "../lib/events";
import { parseEnv } from "../lib/env";
import { getClickHouse, closeClickHouse } from "../lib/store/client";
import { eventToRow } from "../lib/store/event-row";
import { insertJsonLines } from "../lib/store/json-lines-insert";
import { migrate } from "../sql/migrate";
import { IngestPipeline } from "../ingest/pipeline/pipeline";
import type { InboundMessage } from "../ingest/pipeline/message";
import { ContactCentreSim, loadSimulatorConfig } from "../ingest/simulator";
import { runCli } from "../scripts/run-cli";
import { benchKafka } from "./ingest-kafka";

/**
 * npm run bench:ingest [-- --events N] [--floor] [--kafka] (the Kafka worker variant is in ingest-kafka.ts): pushes N (default 1,000,000) simulated events,
 * as bytes like a Kafka consumer receives them, through the embedded pipeline
 * (decode, validate, dedup lookup, insert with token, materialized views), and
 * inserts the very same rows straight into the same store under other tenants: the
 * ceiling, as the issue that set the 0.75 goal measured it (row objects through
 * @clickhouse/client, which serialises them), and with --floor the store's floor (the
 * rows already serialised, bytes handed to the engine without a copy: what the store
 * alone costs; off by default, as its third copy of the data in the store lifts peak
 * RSS past what the memory goal measures). Each batch is timed every way, in turn,
 * in the same run. Event generation and
 * encoding are outside every timing.
 */
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};

runCli(async () => {
  const total = arg("events", 1_000_000);
  if (process.argv.includes("--kafka")) return benchKafka(total);
  const batchSize = arg("batch", 20_000);
  const withFloor = process.argv.includes("--floor");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-ingest-"));
  const env = parseEnv({ DATA_DIR: dir });
  const ch = await getClickHouse(env);
  await migrate(ch);
  const pipeline = new IngestPipeline(ch, { maxEventBytes: env.INGEST_MAX_EVENT_BYTES, origin: "bench" });
  const sim = new ContactCentreSim({ ...loadSimulatorConfig(), tenantId: "bench" }, { seed: 1, startTime: Date.UTC(2026, 0, 1) });
  const encoder = new TextEncoder();

  let sent = 0;
  let pipelineMs = 0;
  let ceilingMs = 0;
  let floorMs = 0;
  const pending: CtiEvent[] = [];
  console.log(`bench:ingest: ${total.toLocaleString("en")} events in batches of ${batchSize.toLocaleString("en")}, store ${dir}`);
  while (sent < total) {
    while (pending.length < batchSize) for (const e of sim.advanceTo(sim.now + 3_600_000)) pending.push(e);
    const events = pending.splice(0, Math.min(batchSize, total - sent));
    const messages: InboundMessage[] = events.map((e) => ({ payload: encoder.encode(JSON.stringify(e)), origin: { source: "bench" } }));
    const ceilingRows = events.map((e) => eventToRow({ ...e, tenantId: "ceiling" }));

    let t = performance.now();
    const r = await pipeline.ingest(messages);
    pipelineMs += performance.now() - t;
    if (r.inserted !== events.length) throw new Error(`pipeline stored ${r.inserted} of ${events.length}`);

    t = performance.now();
    await ch.insert({ table: "cti_events", values: ceilingRows, format: "JSONEachRow" });
    ceilingMs += performance.now() - t;

    if (withFloor) {
      const floorBody = Buffer.from(events.map((e) => JSON.stringify(eventToRow({ ...e, tenantId: "floor" }))).join("\n"));
      t = performance.now();
      await insertJsonLines(ch, "cti_events", floorBody, { input_format_json_read_objects_as_strings: 1 });
      floorMs += performance.now() - t;
    }

    sent += events.length;
    if (sent % 200_000 < batchSize) process.stdout.write(`  ${sent.toLocaleString("en")} events\n`);
  }
  const rate = (ms: number) => Math.round(sent / (ms / 1000));
  const peakRssMiB = process.resourceUsage().maxRSS / 1024;
  const mu = process.memoryUsage();
  console.log(
    `memory now: rss ${(mu.rss / 2 ** 20).toFixed(0)} MiB, JS heap ${(mu.heapUsed / 2 ** 20).toFixed(0)} MiB, external ${(mu.external / 2 ** 20).toFixed(0)} MiB`,
  );
  console.log("");
  console.log(`pipeline end to end : ${rate(pipelineMs).toLocaleString("en")} events/s (${(pipelineMs / 1000).toFixed(1)} s)`);
  console.log(`raw insert ceiling  : ${rate(ceilingMs).toLocaleString("en")} events/s (${(ceilingMs / 1000).toFixed(1)} s)`);
  if (withFloor) console.log(`store floor         : ${rate(floorMs).toLocaleString("en")} events/s (${(floorMs / 1000).toFixed(1)} s)`);
  console.log(`ratio to ceiling    : ${(ceilingMs / pipelineMs).toFixed(2)}   (goal >= 0.75)`);
  if (withFloor) console.log(`ratio to store floor: ${(floorMs / pipelineMs).toFixed(2)}`);
  console.log(`peak RSS            : ${peakRssMiB.toFixed(0)} MiB   (goal < 1024)`);
  console.log(`goal 50,000 events/s: ${rate(pipelineMs) >= 50_000 ? "met" : "NOT met"}`);
  await closeClickHouse();
  fs.rmSync(dir, { recursive: true, force: true });
});
