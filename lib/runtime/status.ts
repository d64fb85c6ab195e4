/**
 * What the running process is doing, for /api/health and the start-up log. Kept on
 * globalThis because Next.js may load this module in more than one bundle of the
 * same process (instrumentation and route handlers).
 */
export type BackfillStatus =
  | { state: "idle" }
  | { state: "running"; fromTime: number; toTime: number; simulatedUntil: number; events: number; startedAt: number }
  | { state: "done"; events: number; seconds: number }
  | { state: "failed"; error: string };

export type RuntimeStatus = {
  startedAt: number;
  shape: "embedded" | "server";
  migrations: { state: "pending" | "ok" | "failed"; applied: string[]; error?: string };
  backfill: BackfillStatus;
  live: { state: "off" | "running"; since?: number };
  ingest: { inserted: number; deadLettered: number; alreadyStored: number; lastEventTime: number; lastError?: string };
  /**
   * This process's Kafka consumer-group member (single-process mode; ingest/kafka/membership.ts):
   * "rejoining" with its start and cause is a gap in ingestion (a rebalance, an eviction, a crash survived).
   */
  kafka: { state: "off" | "starting" | "consuming" | "rejoining"; since?: number; rejoins: number; restarts: number; cause?: string };
  /** The speech workers (lib/speech): "not_installed" says there is no recogniser; "off" with SPEECH_WORKERS=0. */
  speech: { state: string; detail: string; workers: number; restarts: number };
};

const KEY = Symbol.for("cc-supervisor.runtime-status");
type Holder = { [KEY]?: RuntimeStatus };

/** A status as a process starts: nothing migrated, filled or ingested yet. */
export function initialRuntimeStatus(): RuntimeStatus {
  return {
    startedAt: Date.now(),
    shape: process.env.CLICKHOUSE_URL ? "server" : "embedded",
    migrations: { state: "pending", applied: [] },
    backfill: { state: "idle" },
    live: { state: "off" },
    ingest: { inserted: 0, deadLettered: 0, alreadyStored: 0, lastEventTime: 0 },
    kafka: { state: "off", rejoins: 0, restarts: 0 },
    speech: { state: "off", detail: "not started", workers: 0, restarts: 0 },
  };
}

export function runtimeStatus(): RuntimeStatus {
  const holder = globalThis as Holder;
  holder[KEY] ??= initialRuntimeStatus();
  return holder[KEY];
}
