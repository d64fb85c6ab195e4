import type { ClickHouseClient } from "@clickhouse/client";
import type { Env } from "@/lib/env";
import type { CtiEvent } from "@/lib/events";
import { runtimeStatus } from "@/lib/runtime/status";
import type { IngestPipeline } from "./pipeline/pipeline";
import type { InboundMessage } from "./pipeline/message";
import type { InProcessSource } from "./in-process-source";
import { loadSimulatorConfig, type SimulatorConfig } from "./simulator/config";
import { ContactCentreSim } from "./simulator/engine";
import { startLiveSimulator } from "./simulator/live";
import { upsertDimensions } from "./simulator/dimensions";

const DAY_MS = 86_400_000;
const STEP_MS = 3_600_000;
const origin = { source: "simulator" } as const;

const toMessages = (events: readonly CtiEvent[]): InboundMessage[] => events.map((e) => ({ payload: { object: e }, origin }));

/** Where the stored history of this tenant ends (0 when there is none). */
async function lastStoredTime(ch: ClickHouseClient, tenantId: string): Promise<number> {
  const rs = await ch.query({
    query: "SELECT toUnixTimestamp64Milli(max(time)) AS t FROM cti_events WHERE tenant_id = {tenant:String}",
    query_params: { tenant: tenantId },
    format: "JSONEachRow",
  });
  const [row] = await rs.json<{ t: string | number }>();
  return Number(row?.t ?? 0);
}

/** Mixes the start time into the seed so a restart never re-issues event ids of an earlier run. */
export function runSeed(seed: number, startTime: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (startTime % 4294967296), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ Math.floor(startTime / 4294967296), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Feeds the simulated PBX into the pipeline: first it fills the history (the last
 * SIM_BACKFILL_DAYS days, or the gap since the last run) as fast as the store takes
 * it, then the same engine carries on in real time. The backfill runs in the
 * background so the web server answers while it fills.
 */
export async function startSimulatorFeed(deps: {
  ch: ClickHouseClient;
  env: Env;
  pipeline: IngestPipeline;
  source: InProcessSource;
  log: (line: string) => void;
  now?: () => number;
}): Promise<{ stop(): Promise<void> }> {
  const { ch, env, pipeline, source, log } = deps;
  const now = deps.now ?? Date.now;
  const config: SimulatorConfig = loadSimulatorConfig(env.SIM_CONFIG);
  const tenantId = env.TENANT_ID;
  const simConfig = { ...config, tenantId };
  await upsertDimensions(ch, simConfig);

  const status = runtimeStatus();
  const last = await lastStoredTime(ch, tenantId);
  const start = Math.max(last + 1, now() - env.SIM_BACKFILL_DAYS * DAY_MS);
  const sim = new ContactCentreSim(simConfig, { seed: runSeed(env.SIM_SEED, start), startTime: start });
  let stopped = false;
  let live: { stop(): void } | undefined;

  const backfill = async () => {
    const startedAt = Date.now();
    let events = 0;
    let lastLogged = 0;
    const total = Math.max(1, now() - start);
    status.backfill = { state: "running", fromTime: start, toTime: now(), simulatedUntil: start, events, startedAt };
    log(`simulator: filling ${(total / DAY_MS).toFixed(1)} days of history from ${new Date(start).toISOString()}`);
    // Catch up to the wall clock; it moves while we work, so loop until within a step.
    while (!stopped && now() - sim.now > STEP_MS / 4) {
      // Gather whole batches: the store's cost is per insert far more than per row.
      const batch: CtiEvent[] = [];
      while (batch.length < env.INGEST_BATCH_SIZE && now() - sim.now > STEP_MS / 4) {
        for (const e of sim.advanceTo(Math.min(sim.now + STEP_MS, now()))) batch.push(e);
      }
      if (batch.length > 0) await pipeline.ingest(toMessages(batch));
      events += batch.length;
      status.backfill = { state: "running", fromTime: start, toTime: now(), simulatedUntil: sim.now, events, startedAt };
      const pct = Math.floor((100 * (sim.now - start)) / total);
      if (pct >= lastLogged + 10) {
        lastLogged = pct - (pct % 10);
        const secs = (Date.now() - startedAt) / 1000;
        log(`simulator: history ${Math.min(pct, 100)}% (${events.toLocaleString("en")} events, ${Math.round(events / Math.max(secs, 0.001)).toLocaleString("en")}/s)`);
      }
    }
    const seconds = (Date.now() - startedAt) / 1000;
    status.backfill = { state: "done", events, seconds };
    log(`simulator: history ready, ${events.toLocaleString("en")} events in ${seconds.toFixed(1)} s; now running live`);
  };

  const running = backfill().then(
    () => {
      if (stopped) return;
      live = startLiveSimulator({ sim, onEvents: (events) => source.push(toMessages(events)), now });
      status.live = { state: "running", since: now() };
    },
    (e: unknown) => {
      status.backfill = { state: "failed", error: (e as Error).message };
      console.error("simulator: filling history failed", e);
    },
  );

  return {
    stop: async () => {
      stopped = true;
      await running;
      live?.stop();
      status.live = { state: "off" };
    },
  };
}
