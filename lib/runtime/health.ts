import type { ClickHouseClient } from "@clickhouse/client";
import { DEFAULT_MAX_FUTURE_MS } from "@/lib/events/future-time";
import { getLiveFloor } from "@/lib/live/registry";
import { judgeClock, readClockFacts, type ClockHealth } from "./clock-health";
import { runtimeStatus, type RuntimeStatus } from "./status";

export type Health = {
  ok: boolean;
  store: { reachable: boolean; shape: RuntimeStatus["shape"]; version?: string; error?: string };
  migrations: RuntimeStatus["migrations"];
  backfill: RuntimeStatus["backfill"];
  live: RuntimeStatus["live"];
  ingest: RuntimeStatus["ingest"];
  kafka: RuntimeStatus["kafka"];
  /** The speech recogniser: "not_installed" when there is none (the product works on without transcripts of real recordings). */
  speech: RuntimeStatus["speech"];
  /** Event times against this server's clock (clock-health.ts); a problem here leaves `ok` alone. */
  clock: ClockHealth;
  uptimeSeconds: number;
};

/**
 * What a caller is shown. Load balancers and probes need only up or down, and the
 * details (store version, counts, error strings) help whoever attacks the server,
 * so: anyone gets `ok`; a signed-in user also the history fill's progress (the
 * dashboards' banner shows it); an admin everything. (Operators on the machine
 * have `npm run ch` and the start-up log.)
 */
export type HealthViewer = "public" | "user" | "admin";
export type HealthAnswer = Pick<Health, "ok"> & Partial<Omit<Health, "ok">>;

export function healthFor(health: Health, viewer: HealthViewer): HealthAnswer {
  if (viewer === "admin") return health;
  if (viewer === "user") return { ok: health.ok, backfill: health.backfill };
  return { ok: health.ok };
}

/** Store reachability plus what the process reports about itself. */
export async function checkHealth(ch: ClickHouseClient | undefined, opts: { maxFutureMs?: number; now?: number } = {}): Promise<Health> {
  const status = runtimeStatus();
  let store: Health["store"] = { reachable: false, shape: status.shape };
  if (ch) {
    try {
      const rs = await ch.query({ query: "SELECT version() AS v", format: "JSONEachRow" });
      const [row] = await rs.json<{ v: string }>();
      store = { reachable: true, shape: status.shape, version: row?.v };
    } catch (e) {
      store = { reachable: false, shape: status.shape, error: (e as Error).message };
    }
  }
  const clock = await checkClock(store.reachable ? ch : undefined, opts.now ?? Date.now(), opts.maxFutureMs ?? DEFAULT_MAX_FUTURE_MS);
  return {
    ok: store.reachable && status.migrations.state === "ok",
    store,
    migrations: status.migrations,
    backfill: status.backfill,
    live: status.live,
    ingest: status.ingest,
    kafka: status.kafka,
    speech: status.speech,
    clock,
    uptimeSeconds: Math.round((Date.now() - status.startedAt) / 1000),
  };
}

async function checkClock(ch: ClickHouseClient | undefined, now: number, maxFutureMs: number): Promise<ClockHealth> {
  const ignored = getLiveFloor()?.ignored;
  const liveIgnored = { future: ignored?.future ?? 0, stale: ignored?.stale ?? 0 };
  const none = { storedAhead: { count: 0 }, refusedLastDay: { count: 0 } };
  if (!ch) return { ...judgeClock(none, liveIgnored, now, maxFutureMs), state: "unknown", error: "the store is unreachable" };
  try {
    return judgeClock(await readClockFacts(ch, now, maxFutureMs), liveIgnored, now, maxFutureMs);
  } catch (e) {
    return { ...judgeClock(none, liveIgnored, now, maxFutureMs), state: "unknown", error: (e as Error).message };
  }
}
