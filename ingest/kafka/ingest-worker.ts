import type { ClickHouseClient } from "@clickhouse/client";
import type { CtiEvent } from "@/lib/events";
import { buildBatch } from "../pipeline/batch";
import type { InboundMessage } from "../pipeline/message";
import { writeBlock } from "../pipeline/store-writer";
import { deadLetterMessage } from "./dead-letter-topic";
import type { WorkerMetrics } from "./metrics";
import { cutAheadMetadata, cutAtBoundaries, parseCutAhead, type CutAhead } from "./offset-blocks";
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
  /** INGEST_MAX_FUTURE_MS (lib/events/future-time.ts); default 5 min. */
  maxFutureMs?: number;
  log: (line: string) => void;
  /** Hears each newly stored event (the web server's live floor in single-process mode). */
  onEvents?: (events: readonly CtiEvent[]) => void;
  maxRetryDelayMs?: number;
};

class Stopping extends Error {}

/** How often a handler heartbeats while it stores (the client sends at most one per its own heartbeat interval). */
const HEARTBEAT_MS = 1_000;
/** The longest a partition's end waits to be stored while the store is busy (endWaitMs). */
const MAX_END_WAIT_MS = 2_000;

/** Per partition: what this member has read of it and not yet stored. */
type Reading = {
  /** The offset after the last stored block: the committed offset, or the one about to be. */
  storedTo: bigint;
  /** The group's committed offset for the partition, as this member last committed or read it. */
  committed: bigint;
  /** The offset the next fetch starts from, if it follows this member's own reading. */
  fetchFrom: bigint;
  /** The start of a block waiting for the rest: read, neither stored nor committed. */
  held: ConsumedMessage[];
  /** When the held messages were first read (their wait at the partition's end counts from it). */
  heldSince: number;
  /** A cut written ahead at `storedTo` by whoever read the partition before (offset-blocks.ts). */
  ahead?: CutAhead;
};

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
 * waits `flushMs` and is then stored as it is, a cut first written ahead in the commit
 * metadata so that whoever reads the partition again makes the same block.
 * While the store fails, the worker retries with backoff and commits nothing; the
 * consumer fetches nothing new for that partition meanwhile, because its handler has
 * not returned.
 */
export class KafkaIngestWorker {
  private readonly reading = new Map<string, Reading>();
  /** Commits each partition was sent back to after a fetch past them (readingOf), so it happens once. */
  private readonly rewoundTo = new Set<string>();
  /** Partitions whose latest batch reached their end: each will store its end as an insert of its own. */
  private readonly atEnd = new Set<string>();
  /** How long an end's insert has been taking (moving average, ms). */
  private endInsertMs = 0;
  private wakeStopping: () => void = () => undefined;
  private readonly stopped = new Promise<void>((resolve) => (this.wakeStopping = resolve));
  storeHealthy = true;

  constructor(private readonly o: IngestWorkerOptions) {}

  /** The consumer's batch handler. Resolves once its whole blocks are stored and their offsets committed (or given up as revoked). */
  handle = async (batch: PartitionBatch): Promise<void> => {
    const last = batch.messages[batch.messages.length - 1];
    if (!last) return;
    const started = Date.now();
    if (this.o.metrics.firstFetchAt === 0) this.o.metrics.firstFetchAt = started;
    this.o.metrics.setLag(batch.topic, batch.partition, Math.max(0, Number(batch.highWatermark) - Number(last.offset) - 1));
    // The client heartbeats between batches only: a handler storing blocks for longer than the
    // session timeout (partitions queue for one embedded engine) would be taken for dead, and its
    // partitions given away and read again.
    const beat = setInterval(() => void batch.heartbeat().catch(() => undefined), HEARTBEAT_MS);
    const key = `${batch.topic}/${batch.partition}`;
    let r: Reading | undefined;
    try {
      r = await this.readingOf(key, batch);
      if (r && !(await this.consume(batch, key, r, started))) this.rewind(batch, key, r);
    } catch (e) {
      if (r) this.rewind(batch, key, r);
      if (e instanceof Stopping) return;
      throw e;
    } finally {
      clearInterval(beat);
    }
  };

  /**
   * Drops what this member read of the partition and not stored, and makes the next fetch
   * start from the committed offset. The client, after a handler's error, fetches again from
   * where the handler resolved to (it rejoins, and so reads from the commit, only for a lost
   * membership), which for held messages is past them: they would never be stored.
   */
  private rewind(batch: PartitionBatch, key: string, r: Reading): void {
    if (this.reading.get(key) === r) this.reading.delete(key);
    this.o.consumer.rewind(batch.topic, batch.partition, r.committed.toString());
  }

  /** A rejoin (a rebalance) may have handed partitions around: each is read afresh from its commit. */
  rejoined(): void {
    this.reading.clear();
    this.atEnd.clear();
  }

  /** Stores and commits what the batch completes; false if the partition was lost meanwhile. */
  private async consume(batch: PartitionBatch, key: string, r: Reading, started: number): Promise<boolean> {
    const lastOffset = BigInt(batch.lastOffset);
    const cut = cutAtBoundaries([...r.held, ...batch.messages], this.o.blockOffsets, lastOffset, r.ahead);
    const atEnd = lastOffset + 1n >= BigInt(batch.highWatermark);
    if (atEnd) this.atEnd.add(key);
    else this.atEnd.delete(key);
    if (cut.blocks.length > 0 || r.held.length === 0) r.heldSince = started;
    const stored = r.storedTo;
    for (const block of cut.blocks) {
      // A member that lost the partition stores nothing more: the new owner reads it from the commit.
      if (batch.isStale()) return false;
      await this.store(batch, block.messages);
      r.storedTo = block.nextOffset;
      if (r.ahead && r.storedTo >= r.ahead.end) r.ahead = undefined;
    }
    r.held = cut.tail;
    // A cut written ahead and not yet read to its end waits for the rest (it is in the log: the
    // member that wrote it had read it), and is stored whole once it comes.
    if (r.held.length > 0 && atEnd && !r.ahead) {
      // Nothing more to read for now: after a short wait, the start of the block goes as it is.
      await Promise.race([this.stopped, new Promise((done) => setTimeout(done, Math.max(0, r.heldSince + this.endWaitMs() - Date.now())))]);
      const end = lastOffset + 1n;
      if (batch.isStale()) return false;
      // Written ahead before it is stored: a member that reads the partition from here after a crash
      // or a rebalance then makes the same block, which the store drops as a repeat.
      await this.o.consumer.commit(batch.topic, batch.partition, r.storedTo.toString(), cutAheadMetadata(end));
      r.committed = r.storedTo;
      const insertStarted = Date.now();
      await this.store(batch, r.held);
      const took = Date.now() - insertStarted;
      this.endInsertMs = this.endInsertMs === 0 ? took : 0.8 * this.endInsertMs + 0.2 * took;
      r.storedTo = end;
      r.held = [];
    }
    // A partition lost in a rebalance belongs to another member now: it re-reads from the
    // last committed offset, and the store drops the blocks it already has as repeats.
    if (batch.isStale()) return false;
    if (r.storedTo > stored) {
      await this.o.consumer.commit(batch.topic, batch.partition, r.storedTo.toString());
      r.committed = r.storedTo;
      this.o.metrics.commits += 1;
      this.o.metrics.lastCommitAt = Date.now();
    }
    // Past the held messages too, so the next fetch brings what follows them.
    r.fetchFrom = r.held.length > 0 ? lastOffset + 1n : r.storedTo;
    batch.resolve((r.fetchFrom - 1n).toString());
    this.o.metrics.observeBatch((Date.now() - started) / 1000);
    return true;
  }

  /**
   * This member's reading of the partition, started afresh unless the batch was fetched from
   * just where the last one left off. After a rejoin the client fetches from the committed
   * offset instead, which reads held messages again; a cut written ahead at that offset comes
   * with it.
   */
  private async readingOf(key: string, batch: PartitionBatch): Promise<Reading | undefined> {
    const from = BigInt(batch.fetchedOffset);
    const known = this.reading.get(key);
    if (known && known.fetchFrom === from) return known;
    const committed = await this.o.consumer.committed(batch.topic, batch.partition);
    const at = committed && /^\d+$/.test(committed.offset) ? BigInt(committed.offset) : undefined;
    if (at !== undefined && from > at && !this.rewoundTo.has(`${key}@${at}`)) {
      // Fetched from past the commit (where an earlier reading resolved to): what lies between was
      // read but maybe never stored. Read it again from the commit, once (the log may no longer
      // hold it: retention deleted it, and the client then reads from the log's start).
      this.rewoundTo.add(`${key}@${at}`);
      this.o.consumer.rewind(batch.topic, batch.partition, at.toString());
      return undefined;
    }
    const ahead = at === from && committed ? parseCutAhead(committed.offset, committed.metadata) : undefined;
    const fresh: Reading = { storedTo: from, committed: at ?? from, fetchFrom: from, held: [], heldSince: Date.now(), ahead };
    this.reading.set(key, fresh);
    return fresh;
  }

  /**
   * How long the start of a block waits at its partition's end: `flushMs`, or longer while the
   * ends' inserts, one per partition at its end, would take the store longer than that to get
   * through (a store has a fixed cost per insert), up to MAX_END_WAIT_MS: a steady load spread
   * over many partitions then makes fewer, larger inserts rather than falling ever further behind.
   */
  private endWaitMs(): number {
    return Math.max(this.o.flushMs, Math.min(MAX_END_WAIT_MS, this.atEnd.size * this.endInsertMs));
  }

  /** Stops the waits at partitions' ends, so their handlers store what they hold now. */
  async drain(): Promise<void> {
    this.wakeStopping();
  }

  /** One insert holding these messages of one partition, with a token naming their offsets. */
  private async store(batch: PartitionBatch, consumed: readonly ConsumedMessage[]): Promise<void> {
    const headersByOffset = new Map<string, Record<string, string>>();
    const valueByOffset = new Map<string, Buffer | null>();
    const messages: InboundMessage[] = consumed.map((m) => {
      headersByOffset.set(m.offset, m.headers);
      valueByOffset.set(m.offset, m.value);
      const origin = { source: "kafka", topic: batch.topic, partition: batch.partition, offset: m.offset, key: m.key?.toString("utf8"), headers: m.headers };
      return { payload: m.value ? new Uint8Array(m.value.buffer, m.value.byteOffset, m.value.byteLength) : new Uint8Array(0), origin };
    });
    this.o.metrics.consumed += messages.length;
    const prepared = buildBatch(messages, this.o.maxEventBytes, Date.now(), this.o.maxFutureMs);
    // The token names the offsets (writeBlock adds a hash of the event ids, so a topic created
    // again under the same name can never have its blocks taken for the old ones).
    const range = `${batch.topic}/${batch.partition}/${consumed[0]?.offset}-${consumed[consumed.length - 1]?.offset}`;
    const written = await this.retry(batch, () => writeBlock(this.o.ch, prepared, `kafka:${range}`));
    if (prepared.deadLetters.length > 0) {
      const dlq = prepared.deadLetters.map((d) => deadLetterMessage(d, headersByOffset.get(d.offset) ?? {}, valueByOffset.get(d.offset) ?? null));
      await this.retry(batch, () => this.o.producer.send(this.o.dlqTopic, dlq));
    }
    const stored = Date.now();
    for (const m of consumed) if (m.timestamp > 0) this.o.metrics.observeLatency(stored - m.timestamp);
    this.o.metrics.inserted += written.inserted;
    this.o.metrics.deadLettered += written.deadLettered;
    // A redelivered block is heard again; the live floor ignores an event id it has seen (lib/live/reducer.ts).
    if (this.o.onEvents && prepared.events.length > 0) this.o.onEvents(prepared.events);
  }

  /** Retries `fn` with exponential backoff, heartbeating so the group keeps the partitions meanwhile. */
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
