import type { ClickHouseClient } from "@clickhouse/client";
import type { CtiEvent } from "@/lib/events";
import { buildBatch } from "../pipeline/batch";
import type { InboundMessage } from "../pipeline/message";
import { writeBlock } from "../pipeline/store-writer";
import { deadLetterMessage } from "./dead-letter-topic";
import type { WorkerMetrics } from "./metrics";
import { cutAtBoundaries } from "./offset-blocks";
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
/** Messages of one partition's batch that go into an insert. */
type Part = { batch: PartitionBatch; messages: ConsumedMessage[] };

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
 * waits `flushMs` and is then stored as it is, in one insert with the other partitions'
 * ends (a cut that a redelivery after a crash may not repeat: its events are then stored
 * again, never lost, and the merges remove the repeat).
 * While the store fails, the worker retries with backoff and commits nothing; the
 * consumer fetches nothing new for that partition meanwhile, because its handler has
 * not returned.
 */
export class KafkaIngestWorker {
  /** Per partition, the start of a block waiting for the rest: read (resolved) but neither stored nor committed. */
  private readonly held = new Map<string, Held>();
  /** Starts of blocks at partitions' ends, waiting to go in one insert. */
  private ends: Array<{ part: Part; done: () => void; failed: (e: unknown) => void }> = [];
  private endsTimer: NodeJS.Timeout | undefined;
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
        await this.store([{ batch, messages: block.messages }]);
        next = block.nextOffset;
      }
      if (cut.tail.length > 0 && atEnd) {
        // Nothing more to read for now: the start of the block goes as it is, with other partitions' ends.
        await this.gatherEnd({ batch, messages: cut.tail }, tailSince);
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

  /** Stores at once what waits at partitions' ends; handlers storing a block finish it. */
  async drain(): Promise<void> {
    this.stopping = true;
    if (this.endsTimer) {
      clearTimeout(this.endsTimer);
      await this.flushEnds();
    }
  }

  /**
   * Stores the start of a block at a partition's end together with those of the other
   * partitions that reach theirs within `flushMs`: one insert for all of them, as a trickle
   * of live events would otherwise make one small insert per partition (too many for one
   * embedded engine to keep up with). Such a cut depends on timing, not offsets; see the
   * class comment for what that costs after a crash.
   */
  private gatherEnd(part: Part, since: number): Promise<void> {
    return new Promise((done, failed) => {
      this.ends.push({ part, done, failed });
      if (this.endsTimer) return;
      this.endsTimer = setTimeout(() => void this.flushEnds(), this.stopping ? 0 : Math.max(0, since + this.o.flushMs - Date.now()));
    });
  }

  private async flushEnds(): Promise<void> {
    const group = this.ends;
    this.ends = [];
    this.endsTimer = undefined;
    try {
      await this.store(group.map((w) => w.part));
      for (const w of group) w.done();
    } catch (e) {
      for (const w of group) w.failed(e);
    }
  }

  /** One insert holding these parts, with a token naming their offsets. */
  private async store(parts: readonly Part[]): Promise<void> {
    const messages: InboundMessage[] = [];
    const headersByOffset = new Map<string, Record<string, string>>();
    for (const { batch, messages: consumed } of parts) {
      for (const m of consumed) {
        const origin = { source: "kafka", topic: batch.topic, partition: batch.partition, offset: m.offset, key: m.key?.toString("utf8"), headers: m.headers };
        headersByOffset.set(`${batch.partition}:${m.offset}`, m.headers);
        messages.push({ payload: m.value ? new Uint8Array(m.value.buffer, m.value.byteOffset, m.value.byteLength) : new Uint8Array(0), origin });
      }
    }
    this.o.metrics.consumed += messages.length;
    const prepared = buildBatch(messages, this.o.maxEventBytes);
    // The token names the offsets (writeBlock adds a hash of the event ids, so a topic created
    // again under the same name can never have its blocks taken for the old ones).
    const ranges = parts
      .map(({ batch, messages: m }) => `${batch.topic}/${batch.partition}/${m[0]?.offset}-${m[m.length - 1]?.offset}`)
      .sort()
      .join(",");
    const batches = parts.map((p) => p.batch);
    const written = await this.retry(batches, () => writeBlock(this.o.ch, prepared, `kafka:${ranges}`));
    if (prepared.deadLetters.length > 0) {
      const dlq = prepared.deadLetters.map((d) => deadLetterMessage(d, headersByOffset.get(`${d.partition}:${d.offset}`) ?? {}));
      await this.retry(batches, () => this.o.producer.send(this.o.dlqTopic, dlq));
    }
    const stored = Date.now();
    for (const { messages: consumed } of parts) for (const m of consumed) if (m.timestamp > 0) this.o.metrics.observeLatency(stored - m.timestamp);
    this.o.metrics.inserted += written.inserted;
    this.o.metrics.deadLettered += written.deadLettered;
    // A redelivered block is heard again; the live floor ignores an event id it has seen (lib/live/reducer.ts).
    if (this.o.onEvents && prepared.events.length > 0) this.o.onEvents(prepared.events);
  }

  /** Retries `fn` with exponential backoff, heartbeating so the group keeps the partitions meanwhile. */
  private async retry<T>(batches: readonly PartitionBatch[], fn: () => Promise<T>): Promise<T> {
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
