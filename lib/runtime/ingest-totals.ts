import type { RuntimeStatus } from "./status";

export type IngestCounts = Omit<RuntimeStatus["ingest"], "lastError">;
type PathCounts = { inserted: number; deadLettered: number; alreadyStored: number; lastEventTime: number };

/**
 * What the process stored, over every path that stores: the in-process pipeline (the
 * simulator, the platform adapter, the tools' imports over the operator socket) and,
 * in the single-process Kafka shape, the Kafka consumer, which has a pipeline of its
 * own (ingest/kafka/ingest-worker.ts). /api/health shows the sum.
 */
export function ingestTotals(paths: readonly PathCounts[]): IngestCounts {
  const total: IngestCounts = { inserted: 0, deadLettered: 0, alreadyStored: 0, lastEventTime: 0 };
  for (const p of paths) {
    total.inserted += p.inserted;
    total.deadLettered += p.deadLettered;
    total.alreadyStored += p.alreadyStored;
    total.lastEventTime = Math.max(total.lastEventTime, p.lastEventTime);
  }
  return total;
}
