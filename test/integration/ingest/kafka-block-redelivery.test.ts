import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ClickHouseClient } from "@clickhouse/client";
import type { CtiEvent } from "@/lib/events";
import { ContactCentreSim, loadSimulatorConfig } from "@/ingest/simulator";
import { KafkaIngestWorker } from "@/ingest/kafka/ingest-worker";
import { WorkerMetrics } from "@/ingest/kafka/metrics";
import type { BatchConsumer, ConsumedMessage, MessageProducer, PartitionBatch } from "@/ingest/kafka/types";
import { expectedDerivedSums, storedDerivedSums, withMergesStopped } from "../helpers/derived-sums";
import { freshTenant, queryRows, testStore } from "../helpers/store";

/**
 * The Kafka worker's crash gap, made to happen on purpose against the real engine: a block's
 * raw events are committed to cti_events and some of its views' parts are not, the worker
 * dies before committing the offset, and a new worker reads the partition again from the
 * last commit, in batches of other sizes. Every table fed by the events must then hold what
 * the events give, once: computed from the events themselves, not from the views' SQL.
 * No broker: the consumer is the worker's own BatchConsumer interface, fed in offset order as
 * kafkajs feeds it (each fetch starts where the last batch was resolved to; a restart, at the
 * last commit).
 */
const TOPIC = "cti.events";
const BLOCK = 500;
let ch: ClickHouseClient;

function simulate(tenant: string, minEvents: number): CtiEvent[] {
  const config = loadSimulatorConfig();
  const sim = new ContactCentreSim({ ...config, tenantId: tenant, behaviours: { ...config.behaviours, recordings: true } }, { seed: 9, startTime: Date.UTC(2026, 3, 2) });
  const events: CtiEvent[] = [];
  while (events.length < minEvents) for (const e of sim.advanceTo(sim.now + 3_600_000)) events.push(e);
  return events;
}

const asMessages = (events: readonly CtiEvent[]): ConsumedMessage[] =>
  events.map((e, i) => ({ offset: String(i), key: null, value: Buffer.from(JSON.stringify(e)), headers: {}, timestamp: 0 }));

/** One partition's consumer: remembers commits and where the next fetch starts. */
class Partition {
  committed = 0n;
  metadata: string | null = null;
  resolved = 0n;
  /** Which commits die (the process killed just before them). */
  commitFails: (next: bigint, metadata: string | undefined) => boolean = () => false;
  /** How many messages have been produced so far (the high watermark). */
  visible: number;
  constructor(private readonly messages: readonly ConsumedMessage[]) {
    this.visible = messages.length;
  }

  readonly consumer: BatchConsumer = {
    run: async () => undefined,
    commit: async (_topic, _partition, next, metadata) => {
      if (this.commitFails(BigInt(next), metadata)) throw new Error("killed before the commit");
      this.committed = BigInt(next);
      this.metadata = metadata ?? null;
    },
    committed: async () => ({ offset: this.committed.toString(), metadata: this.metadata }),
    rewind: (_topic, _partition, offset) => {
      this.resolved = BigInt(offset);
    },
    stop: async () => undefined,
    onGroupJoin: () => undefined,
    onRebalancing: () => undefined,
    onCrash: () => undefined,
  };

  /** A fetch of at most `size` messages from where the last one was resolved. */
  batch(size: number): PartitionBatch {
    const messages = this.messages.slice(Number(this.resolved), Math.min(this.visible, Number(this.resolved) + size));
    return {
      topic: TOPIC,
      partition: 0,
      messages,
      highWatermark: String(this.visible),
      fetchedOffset: String(this.resolved),
      lastOffset: messages[messages.length - 1]?.offset ?? "-1",
      isStale: () => false,
      isRunning: () => true,
      heartbeat: async () => undefined,
      resolve: (offset) => {
        this.resolved = BigInt(offset) + 1n;
      },
    };
  }

  /** A restart: the next fetch starts from the last commit. */
  restart(): void {
    this.resolved = this.committed;
  }

  get done(): boolean {
    return this.resolved >= BigInt(this.visible);
  }
}

const producer: MessageProducer = { send: async () => undefined, stop: async () => undefined };

function worker(partition: Partition): KafkaIngestWorker {
  return new KafkaIngestWorker({
    ch,
    consumer: partition.consumer,
    producer,
    dlqTopic: "cti.events.dlq",
    metrics: new WorkerMetrics(),
    blockOffsets: BLOCK,
    flushMs: 5,
    maxEventBytes: 65_536,
    log: () => undefined,
    maxRetryDelayMs: 10,
  });
}

/** Feeds the partition to the worker to its end, in batches of the given sizes (cycled). */
async function consumeAll(partition: Partition, w: KafkaIngestWorker, sizes: readonly number[]): Promise<void> {
  for (let i = 0; !partition.done; i++) {
    if (i > 10_000) throw new Error("the worker made no progress");
    await w.handle(partition.batch(sizes[i % sizes.length] as number));
  }
}

type Counts = { rows: string; ids: string; legs: string; segments: string; searchable: string; byCall: string };
async function stored(tenant: string) {
  const [c] = await queryRows<Counts>(
    ch,
    `SELECT
      (SELECT count() FROM cti_events WHERE tenant_id = {t:String}) AS rows,
      (SELECT uniqExact(event_id) FROM cti_events WHERE tenant_id = {t:String}) AS ids,
      (SELECT uniqExact(leg_id) FROM contact_segments WHERE tenant_id = {t:String} AND outcome != '') AS legs,
      (SELECT count() FROM transcript_segments WHERE tenant_id = {t:String}) AS segments,
      (SELECT count() FROM transcript_search WHERE tenant_id = {t:String}) AS searchable,
      (SELECT count() FROM recordings_by_call WHERE tenant_id = {t:String}) AS byCall`,
    { t: tenant },
  );
  return {
    rows: Number(c?.rows),
    ids: Number(c?.ids),
    exitedLegs: Number(c?.legs),
    transcriptSegments: Number(c?.segments),
    searchSegments: Number(c?.searchable),
    recordingsByCall: Number(c?.byCall),
    derived: await storedDerivedSums(ch, tenant),
  };
}

/** The same figures from the events alone. */
function expected(events: readonly CtiEvent[]) {
  const count = (type: string) => events.filter((e) => e.type === type).length;
  return {
    rows: events.length,
    ids: events.length,
    exitedLegs: count("call.queue_exited"),
    transcriptSegments: count("transcript.segment"),
    searchSegments: count("transcript.segment"),
    recordingsByCall: count("recording.started"),
    derived: expectedDerivedSums(events),
  };
}

beforeAll(async () => {
  ({ ch } = await testStore());
});

/**
 * Views detached while the third block is stored stand for a crash between the raw part's
 * commit and theirs: those tables have no part of the block and no record of one, exactly
 * as after kill -9 there. Views on the raw table and on the entry table, and some of a
 * table's views but not the others (contact_segments), so the redelivery must both fill
 * and drop within one table.
 */
const CRASHED_VIEWS = [
  "mv_segments_cleared",
  "mv_segments_acw",
  "mv_calls_ended",
  "mv_agent_state_pieces",
  "mv_agent_rings",
  "mv_transcript_segments",
  "mv_transcript_search",
];

async function attachViews(): Promise<void> {
  for (const view of CRASHED_VIEWS) {
    const [found] = await queryRows<{ n: string }>(ch, "SELECT count() AS n FROM system.tables WHERE database = currentDatabase() AND name = {v:String}", { v: view });
    if (Number(found?.n) === 0) await ch.command({ query: `ATTACH TABLE ${view}` });
  }
}

afterAll(async () => {
  await attachViews();
});

describe("the Kafka worker after a crash between the raw part's commit and its views'", () => {
  it("redelivered from the last commit in other batch sizes, stores every table's part of the block once", async () => {
    const tenant = freshTenant("kafka-gap");
    const events = simulate(tenant, 3_000);
    const partition = new Partition(asMessages(events));
    const first = worker(partition);

    await withMergesStopped(ch, async () => {
      // Two blocks stored and committed; the start of the third is held.
      await first.handle(partition.batch(1_100));
      expect(partition.committed).toBe(BigInt(2 * BLOCK));
      // The third block: raw events stored, some views' parts not, and the process dies before its commit.
      for (const view of CRASHED_VIEWS) await ch.command({ query: `DETACH TABLE ${view}` });
      partition.commitFails = () => true;
      await expect(first.handle(partition.batch(BLOCK - 100))).rejects.toThrow("killed");
      await attachViews();
      const third = events.slice(0, 3 * BLOCK);
      const gap = await stored(tenant);
      expect(gap.rows).toBe(third.length);
      expect(gap.derived.segmentTalkMs).toBeLessThan(expected(third).derived.segmentTalkMs);
      expect(gap.derived.stateMs).toBeLessThan(expected(third).derived.stateMs);
      expect(gap.transcriptSegments).toBeLessThan(expected(third).transcriptSegments);
      expect(partition.committed).toBe(BigInt(2 * BLOCK));

      partition.commitFails = () => false;
      partition.restart();
      await consumeAll(partition, worker(partition), [777, 1_234, 64]);
      expect(await stored(tenant)).toEqual(expected(events));

      // Everything read once more from the start (a lost commit), in yet other sizes: nothing is stored twice.
      partition.committed = 0n;
      partition.restart();
      await consumeAll(partition, worker(partition), [2_048, 333]);
      expect(await stored(tenant)).toEqual(expected(events));
    });
  }, 120_000);

  it("stores what it held when a commit fails and the same worker goes on (the client fetches again from where it was told, past the held messages)", async () => {
    const tenant = freshTenant("kafka-held");
    const events = simulate(tenant, 1_500);
    const partition = new Partition(asMessages(events));
    const end = BLOCK + 300;
    partition.visible = end;
    const w = worker(partition);
    await withMergesStopped(ch, async () => {
      // A whole block, then the start of the next held past the batch's end (resolved, not stored).
      await w.handle(partition.batch(BLOCK + 200));
      expect([partition.committed, partition.resolved]).toEqual([BigInt(BLOCK), BigInt(BLOCK + 200)]);
      // The end cut's commit fails (a broker timeout, not a lost membership): the handler throws.
      let failures = 1;
      partition.commitFails = (_next, metadata) => metadata !== undefined && failures-- > 0;
      await expect(w.handle(partition.batch(500))).rejects.toThrow("killed");
      // The same worker carries on from wherever the next fetch starts.
      await consumeAll(partition, w, [250, 400]);
      expect(await stored(tenant)).toEqual(expected(events.slice(0, end)));
    });
  }, 120_000);

  it("makes again the cut it stored at the partition's end, when the commit after it was lost and more has arrived since", async () => {
    const tenant = freshTenant("kafka-cut-ahead");
    const events = simulate(tenant, 2_000);
    const partition = new Partition(asMessages(events));
    // Produced so far: two whole blocks and the start of a third, which is stored as it is at the end.
    const end = 2 * BLOCK + 250;
    partition.visible = end;
    // The process dies after storing that cut, just before committing past it.
    partition.commitFails = (next, metadata) => next === BigInt(end) && metadata === undefined;

    await withMergesStopped(ch, async () => {
      await expect(consumeAll(partition, worker(partition), [700, 300])).rejects.toThrow("killed");
      const early = events.slice(0, end);
      expect(await stored(tenant)).toEqual(expected(early));
      expect(partition.committed).toBe(BigInt(2 * BLOCK));

      // The rest arrives; a new member reads from the last commit, in batches that reach past the cut.
      partition.commitFails = () => false;
      partition.visible = events.length;
      partition.restart();
      await consumeAll(partition, worker(partition), [900, 1_500]);
      expect(await stored(tenant)).toEqual(expected(events));
    });
  }, 120_000);
});
