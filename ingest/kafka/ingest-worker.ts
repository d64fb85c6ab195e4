import type { ClickHouseClient } from "@clickhouse/client";
import type { CtiEvent } from "@/lib/events";
import { buildBatch } from "../pipeline/batch";
import type { InboundMessage } from "../pipeline/message";
import { writeBlock } from "../pipeline/store-writer";
import { deadLetterMessage } from "./dead-letter-topic";
import type { WorkerMetrics } from "./metrics";
import { cutAtBoundaries, type OffsetBlock } from "./offset-blocks";
import type { BatchConsumer, ConsumedMessage, MessageProducer, PartitionBatch } from "./types";

export type IngestWorkerOptions = {
  ch: ClickHouseClient;
  consumer: BatchConsumer;
  /** Producer for the dead-letter topic. */
  producer: MessageProducer;
  dlqTopic: string;
  metrics: WorkerMetrics;
  /** Offsets per store insert in each partition, cut at multiples of it (offset-blocks.ts). */
  blockOffsets: number;
  /** How long the start of a block waits at the end of its partition for the rest before it is stored as it is. */
  flushMs: number;
  maxEventBytes: number;
  log: (line: string) => void;
  /** Hears each newly stored event (the web server's live floor in single-process mode). */
  onEvents?: (events: readonly CtiEvent[]) => void;
  maxRetryDelayMs?: number;
};

class Stopping extends Error {}

/** How often a handler heartbeats while it stores (the client sends at most one per its own heartbeat interval). */
const HEARTBEAT_MS = 1_000;

type Held = { messages: ConsumedMessage[]; through: bigint; since: number };

/**
 * Kafka -> pipeline core -> ClickHouse, at least once, exactly once in the store.
 *
 * Each partition's messages go to the store in blocks cut at fixed offset boundaries,
 * one insert per block, whose deduplication token names the block's offsets (and its
 * events). A block read again (after a crash, a rebalance, a refused commit) is the same
 * insert with the same token, sent whole: each table drops its part if it has it and
 * writes it if not, so a crash between the raw part's commit and the views' leaves
 * nothing missing. A partition's offset is committed only after ClickHouse confirmed
 * the blocks before it, and only by a member that still owns the partition. The start
 * of a block that a batch holds only part of is kept (at most one block per partition
 * in memory) until the next batches bring the rest; at the end of the partition it
 * waits `flushMs` and is then stored as it is.
 * While the store fails, the worker retries with backoff and commits nothing; the
 * consumer fetches nothing new for that partition meanwhile, because its handler has
 * not returned.
 */
export class KafkaIngestWorker {
  /** Per partition, the start of a block waiting for the rest: read (resolved) but neither stored nor committed. */
  private readonly held = new Map<string, Held>();
  private readonly sleepers = new Set<() => void>();
  private stopping = false;
  storeHealthy = true;

  constructor(private readonly o: IngestWorkerOptions) {}

  /** The consumer's batch handler. Resolves once its whole blocks are stored and their offsets committed (or given up as revoked). */
  handle = async (batch: PartitionBatch): Promise<void> => {
    const last = batch.messages[batch.messages.length - 1];
    if (!last) return;
    const started = Date.now();
    if (this.o.metrics.firstFetchAt === 0) this.o.metrics.firstFetchAt = started;
    this.o.metrics.setLag(batch.topic, batch.partition, Math.max(0, Number(batch.highWatermark) - Number(last.offset) - 1));
    const key = `${batch.topic}/${batch.partition}`;
    const before = this.held.get(key);
    this.held.delete(key);
    // Held messages go on into this batch only if the client fetched from just after them. After a
    // rejoin it fetches from the committed offset instead, which reads them again.
    const carried = before && BigInt(batch.fetchedOffset) === before.through + 1n ? before : undefined;
    const lastOffset = BigInt(batch.lastOffset);
    const cut = cutAtBoundaries(carried ? [...carried.messages, ...batch.messages] : batch.messages, this.o.blockOffsets, lastOffset);
    const atEnd = lastOffset + 1n >= BigInt(batch.highWatermark);
    const tailSince = carried && cut.blocks.length === 0 ? carried.since : started;
    let next: bigint | undefined;
    // The client heartbeats between batches only: a handler storing blocks for longer than the
    // session timeout (partitions queue for one embedded engine) would be taken for dead, and its
    // partitions given away and read again.
    const beat = setInterval(() => void batch.heartbeat().catch(() => undefined), HEARTBEAT_MS);
    try {
      for (const block of cut.blocks) {
        await this.store(batch, block);
        next = block.nextOffset;
      }
      if (cut.tail.length > 0 && atEnd) {
        // Nothing more to read for now: the start of the block waits its turn, then goes as it is.
        await this.sleep(tailSince + this.o.flushMs - Date.now());
        await this.store(batch, { messages: cut.tail, nextOffset: lastOffset + 1n });
        next = lastOffset + 1n;
      }
    } catch (e) {
      if (e instanceof Stopping) return;
      throw e;
    } finally {
      clearInterval(beat);
    }
    const holding = cut.tail.length > 0 && !atEnd;
    // A partition lost in a rebalance belongs to another member now: it re-reads from the
    // last committed offset, and the store drops the blocks it already has as repeats.
    if (batch.isStale()) return;
    if (next !== undefined) {
      await this.o.consumer.commit(batch.topic, batch.partition, next.toString());
      this.o.metrics.commits += 1;
      this.o.metrics.lastCommitAt = Date.now();
    }
    if (holding) this.held.set(key, { messages: cut.tail, through: lastOffset, since: tailSince });
    // Past the held messages too, so the next fetch brings what follows them.
    batch.resolve(holding ? batch.lastOffset : ((next ?? lastOffset + 1n) - 1n).toString());
    this.o.metrics.observeBatch((Date.now() - started) / 1000);
  };

  /** Stops waiting at partitions' ends: what waits is stored now. Handlers storing a block finish it. */
  async drain(): Promise<void> {
    this.stopping = true;
    for (const wake of this.sleepers) wake();
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopping || ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }

  private async store(batch: PartitionBatch, block: OffsetBlock<ConsumedMessage>): Promise<void> {
    const messages: InboundMessage[] = [];
    const headersByOffset = new Map<string, Record<string, string>>();
    for (const m of block.messages) {
      const origin = { source: "kafka", topic: batch.topic, partition: batch.partition, offset: m.offset, key: m.key?.toString("utf8"), headers: m.headers };
      headersByOffset.set(m.offset, m.headers);
      messages.push({ payload: m.value ? new Uint8Array(m.value.buffer, m.value.byteOffset, m.value.byteLength) : new Uint8Array(0), origin });
    }
    this.o.metrics.consumed += block.messages.length;
    const prepared = buildBatch(messages, this.o.maxEventBytes);
    // The token names the block's offsets (writeBlock adds a hash of its event ids, so a topic
    // created again under the same name can never have its blocks taken for the old ones).
    const range = `${block.messages[0]?.offset}-${block.messages[block.messages.length - 1]?.offset}`;
    const written = await this.retry(batch, () => writeBlock(this.o.ch, prepared, `kafka:${batch.topic}/${batch.partition}/${range}`));
    if (prepared.deadLetters.length > 0) {
      const dlq = prepared.deadLetters.map((d) => deadLetterMessage(d, headersByOffset.get(d.offset) ?? {}));
      await this.retry(batch, () => this.o.producer.send(this.o.dlqTopic, dlq));
    }
    const stored = Date.now();
    for (const m of block.messages) if (m.timestamp > 0) this.o.metrics.observeLatency(stored - m.timestamp);
    this.o.metrics.inserted += written.inserted;
    this.o.metrics.deadLettered += written.deadLettered;
    // A redelivered block is heard again; the live floor ignores an event id it has seen (lib/live/reducer.ts).
    if (this.o.onEvents && prepared.events.length > 0) this.o.onEvents(prepared.events);
  }

  /** Retries `fn` with exponential backoff, heartbeating so the group keeps the partition meanwhile. */
  private async retry<T>(batch: PartitionBatch, fn: () => Promise<T>): Promise<T> {
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
        if (!batch.isRunning() || batch.isStale()) throw new Stopping();
        await new Promise((r) => setTimeout(r, delay));
        await batch.heartbeat().catch(() => undefined);
        delay = Math.min(delay * 2, this.o.maxRetryDelayMs ?? 10_000);
      }
    }
  }
}
