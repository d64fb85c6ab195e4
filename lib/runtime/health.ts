import type { ClickHouseClient } from "@clickhouse/client";
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
export async function checkHealth(ch: ClickHouseClient | undefined): Promise<Health> {
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
  return {
    ok: store.reachable && status.migrations.state === "ok",
    store,
    migrations: status.migrations,
    backfill: status.backfill,
    live: status.live,
    ingest: status.ingest,
    kafka: status.kafka,
    speech: status.speech,
    uptimeSeconds: Math.round((Date.now() - status.startedAt) / 1000),
  };
}
