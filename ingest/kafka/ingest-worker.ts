import type { ClickHouseClient } from "@clickhouse/client";
import type { CtiEvent } from "@/lib/events";
import { buildBatch } from "../pipeline/batch";
import type { InboundMessage } from "../pipeline/message";
import { writeBatch } from "../pipeline/store-writer";
import { deadLetterMessage } from "./dead-letter-topic";
import type { WorkerMetrics } from "./metrics";
import type { BatchConsumer, MessageProducer, PartitionBatch } from "./types";

export type IngestWorkerOptions = {
  ch: ClickHouseClient;
  consumer: BatchConsumer;
  /** Producer for the dead-letter topic. */
  producer: MessageProducer;
  dlqTopic: string;
  metrics: WorkerMetrics;
  /** Flush when this many messages wait, or `flushMs` after the first arrived. */
  batchSize: number;
  flushMs: number;
  maxEventBytes: number;
  log: (line: string) => void;
  /** Hears each newly stored event (the web server's live floor in single-process mode). */
  onEvents?: (events: readonly CtiEvent[]) => void;
  maxRetryDelayMs?: number;
};

type Waiting = { batch: PartitionBatch; done: () => void; failed: (e: unknown) => void };

class Stopping extends Error {}

/**
 * Kafka -> pipeline core -> ClickHouse, at least once, deduplicated in the store.
 *
 * Partition batches arriving together (the consumer runs partitions concurrently)
 * are gathered into one insert, flushed on size or time. Each partition's offset is
 * committed only after ClickHouse confirmed the insert holding its messages, and
 * only by a member that still owns the partition. While the store fails, the
 * worker keeps retrying with backoff and commits nothing; the consumer fetches
 * nothing new meanwhile, because the handlers have not returned.
 */
export class KafkaIngestWorker {
  private waiting: Waiting[] = [];
  private waitingMessages = 0;
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private stopping = false;
  storeHealthy = true;

  constructor(private readonly o: IngestWorkerOptions) {}

  /** The consumer's batch handler. Resolves once the batch is stored and its offset committed (or given up as revoked). */
  handle = async (batch: PartitionBatch): Promise<void> => {
    const last = batch.messages[batch.messages.length - 1];
    if (!last) return;
    const started = Date.now();
    if (this.o.metrics.firstFetchAt === 0) this.o.metrics.firstFetchAt = started;
    this.o.metrics.consumed += batch.messages.length;
    this.o.metrics.setLag(batch.topic, batch.partition, Math.max(0, Number(batch.highWatermark) - Number(last.offset) - 1));
    try {
      await new Promise<void>((done, failed) => {
        this.waiting.push({ batch, done, failed });
        this.waitingMessages += batch.messages.length;
        if (this.waitingMessages >= this.o.batchSize || this.stopping) this.flushSoon(0);
        else this.flushSoon(this.o.flushMs);
      });
    } catch (e) {
      if (e instanceof Stopping) return;
      throw e;
    }
    // A partition lost in a rebalance belongs to another member now: it will re-read
    // from the last committed offset, and the store drops what we already wrote.
    if (batch.isStale()) return;
    await this.o.consumer.commit(batch.topic, batch.partition, (BigInt(last.offset) + 1n).toString());
    batch.resolve(last.offset);
    this.o.metrics.commits += 1;
    this.o.metrics.lastCommitAt = Date.now();
    this.o.metrics.observeBatch((Date.now() - started) / 1000);
  };

  /** Flushes what is waiting at once; used when stopping. */
  async drain(): Promise<void> {
    this.stopping = true;
    this.flushSoon(0);
    await this.flushing;
  }

  private flushSoon(delay: number): void {
    if (this.timer && delay > 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flushing = this.flushing.then(() => this.flush());
    }, delay);
  }

  private async flush(): Promise<void> {
    const group = this.waiting;
    this.waiting = [];
    this.waitingMessages = 0;
    if (group.length === 0) return;
    try {
      await this.store(group.map((w) => w.batch));
      for (const w of group) w.done();
    } catch (e) {
      for (const w of group) w.failed(e);
    }
  }

  private async store(batches: PartitionBatch[]): Promise<void> {
    const messages: InboundMessage[] = [];
    const headersByOffset = new Map<string, Record<string, string>>();
    for (const b of batches) {
      for (const m of b.messages) {
        const origin = { source: "kafka", topic: b.topic, partition: b.partition, offset: m.offset, key: m.key?.toString("utf8"), headers: m.headers };
        headersByOffset.set(`${b.partition}:${m.offset}`, m.headers);
        messages.push({ payload: m.value ? new Uint8Array(m.value.buffer, m.value.byteOffset, m.value.byteLength) : new Uint8Array(0), origin });
      }
    }
    const prepared = buildBatch(messages, this.o.maxEventBytes);
    // The token names exactly which offsets this insert holds.
    const ranges = batches
      .map((b) => `${b.topic}/${b.partition}/${b.messages[0]?.offset}-${b.messages[b.messages.length - 1]?.offset}`)
      .sort()
      .join(",");
    const written = await this.retry(batches, () => writeBatch(this.o.ch, prepared, `kafka:${ranges}`));
    if (prepared.deadLetters.length > 0) {
      const dlq = prepared.deadLetters.map((d) => deadLetterMessage(d, headersByOffset.get(`${d.partition}:${d.offset}`) ?? {}));
      await this.retry(batches, () => this.o.producer.send(this.o.dlqTopic, dlq));
    }
    const stored = Date.now();
    for (const b of batches) for (const m of b.messages) if (m.timestamp > 0) this.o.metrics.observeLatency(stored - m.timestamp);
    this.o.metrics.inserted += written.inserted;
    this.o.metrics.alreadyStored += written.alreadyStored.size;
    this.o.metrics.deadLettered += written.deadLettered;
    if (this.o.onEvents) {
      const fresh = prepared.events.filter((e) => !written.alreadyStored.has(e.id));
      if (fresh.length > 0) this.o.onEvents(fresh);
    }
  }

  /** Retries `fn` with exponential backoff, heartbeating so the group keeps our partitions meanwhile. */
  private async retry<T>(batches: PartitionBatch[], fn: () => Promise<T>): Promise<T> {
    let delay = 200;
    for (;;) {
      try {
        const result = await fn();
        this.storeHealthy = true;
        return result;
      } catch (e) {
        this.storeHealthy = false;
        this.o.metrics.retries += 1;
        this.o.log(`ingest: write failed (${(e as Error).message.split("\n")[0]}); retrying in ${delay} ms`);
        const live = batches.filter((b) => b.isRunning() && !b.isStale());
        if (live.length === 0) throw new Stopping();
        await new Promise((r) => setTimeout(r, delay));
        await live[0]?.heartbeat().catch(() => undefined);
        delay = Math.min(delay * 2, this.o.maxRetryDelayMs ?? 10_000);
      }
    }
  }
}
