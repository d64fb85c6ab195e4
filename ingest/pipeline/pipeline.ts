import type { ClickHouseClient } from "@clickhouse/client";
import type { CtiEvent } from "@/lib/events";
import { DEFAULT_MAX_FUTURE_MS } from "@/lib/events/future-time";
import { activeRedactionPolicy } from "@/lib/redaction/active-policy";
import { parsedScope, parseBatch, validateBatch } from "./batch";
import type { InboundMessage } from "./message";
import type { Refusal } from "./refused-events";
import { storedEventIds, writeBatch } from "./store-writer";

export type IngestResult = { received: number; inserted: number; alreadyStored: number; duplicatesInBatch: number; deadLettered: number };
export type EventListener = (events: readonly CtiEvent[]) => void;

export type PipelineStats = IngestResult & {
  batches: number;
  lastEventTime: number;
  /** Events refused for being dated too far ahead (future_time); /api/health reads them from dead_letters, for every path. */
  futureRefused: number;
};

export type PipelineOptions = {
  maxEventBytes: number;
  origin: string;
  /** INGEST_MAX_FUTURE_MS: events dated further ahead of this server's clock are dead letters (default 5 min). */
  maxFutureMs?: number;
};

/**
 * bytes -> validated events or dead letters -> rows -> store. Shared by every
 * source (in-process simulator, Kafka worker, queue_log importer). Listeners (the
 * live floor) hear each event once, after the store has confirmed it.
 */
export class IngestPipeline {
  private readonly listeners = new Set<EventListener>();
  readonly stats: PipelineStats = { received: 0, inserted: 0, alreadyStored: 0, duplicatesInBatch: 0, deadLettered: 0, batches: 0, lastEventTime: 0, futureRefused: 0 };

  constructor(
    private readonly ch: ClickHouseClient,
    private readonly options: PipelineOptions,
  ) {}

  /**
   * Resolves once everything in `messages` is stored or dead-lettered, with why each dead letter was
   * refused; rejects (storing nothing new) if the store fails.
   */
  async ingest(messages: readonly InboundMessage[]): Promise<IngestResult & { refused: Refusal[] }> {
    const parsed = parseBatch(messages, this.options.maxEventBytes);
    // The store looks up which of these it already holds while this thread validates them
    // (chDB answers on its own thread, a ClickHouse server over the network).
    const lookup = storedEventIds(this.ch, parsedScope(parsed));
    const now = Date.now();
    const batch = validateBatch(parsed, now, activeRedactionPolicy, this.options.maxFutureMs ?? DEFAULT_MAX_FUTURE_MS);
    const written = await writeBatch(this.ch, batch, this.options.origin, lookup);
    const result: IngestResult = {
      received: messages.length,
      inserted: written.inserted,
      alreadyStored: written.alreadyStored.size,
      duplicatesInBatch: batch.duplicatesInBatch,
      deadLettered: written.deadLettered,
    };
    this.record(result, batch.events);
    this.stats.futureRefused += batch.deadLetters.filter((d) => d.reason.startsWith("future_time")).length;
    const fresh = written.alreadyStored.size === 0 ? batch.events : batch.events.filter((e) => !written.alreadyStored.has(e.id));
    if (fresh.length > 0) for (const listener of this.listeners) listener(fresh);
    return { ...result, refused: batch.deadLetters.map((d) => ({ reason: d.reason, detail: d.detail })) };
  }

  onEvents(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private record(r: IngestResult, events: readonly CtiEvent[]): void {
    const s = this.stats;
    s.received += r.received;
    s.inserted += r.inserted;
    s.alreadyStored += r.alreadyStored;
    s.duplicatesInBatch += r.duplicatesInBatch;
    s.deadLettered += r.deadLettered;
    s.batches += 1;
    for (const e of events) if (e.time > s.lastEventTime) s.lastEventTime = e.time;
  }
}
