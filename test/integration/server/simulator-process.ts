import { IngestPipeline, InProcessSource } from "@/ingest/pipeline";
import { SimulatedPbx } from "@/ingest/simulator/pbx";
import { parseSimulatorConfig, loadSimulatorConfig } from "@/ingest/simulator/config";
import { parseEnv } from "@/lib/env";
import { initialRuntimeStatus } from "@/lib/runtime/status";
import { getClickHouse } from "@/lib/store/client";
import { migrate } from "@/sql/migrate";
import { startTelephony } from "@/server/telephony";

/**
 * The embedded shape's ingest side as its own process, for a test to kill -9: the simulator
 * through startTelephony into an embedded store in DATA_DIR, as the web server runs it. Its
 * clock is SIM_CLOCK_START plus the time since this process started, so it runs live on a
 * busy afternoon whenever the test runs. Prints "live" once live, then "stored <n>" after each
 * insert.
 */
const env = parseEnv(process.env);
const started = Date.now();
const clockStart = Number(process.env.SIM_CLOCK_START);
const config = parseSimulatorConfig(
  (() => {
    const c = loadSimulatorConfig();
    c.tenantId = process.env.TENANT_ID ?? c.tenantId;
    for (const q of c.queues) q.peakCallsPerHour *= Number(process.env.SIM_LOAD ?? 1);
    return c;
  })(),
  "test config",
);
async function main(): Promise<void> {
  const ch = await getClickHouse(env);
  await migrate(ch);
  const pipeline = new IngestPipeline(ch, { maxEventBytes: 65_536, origin: "test" });
  const source = new InProcessSource(pipeline, { batchSize: 1_000_000, flushMs: 50 });
  const status = initialRuntimeStatus();
  pipeline.onEvents((events) => console.log(`stored ${events.length}`));
  const pbx = new SimulatedPbx({ config, seed: 9, backfillMs: 2 * 3_600_000, batchSize: 5_000, tickMs: 20, now: () => clockStart + (Date.now() - started) });
  startTelephony(pbx, { ch, tenantId: config.tenantId, pipeline, source, status, label: "simulator", log: () => undefined });
  const timer = setInterval(() => {
    if (status.live.state !== "running") return;
    console.log("live");
    clearInterval(timer);
  }, 20);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
