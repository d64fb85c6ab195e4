/**
 * The Kafka surface the product uses, in its own terms. Only kafkajs-adapter.ts
 * knows kafkajs; swapping the client means rewriting that one file.
 */
export type ConsumedMessage = {
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, string>;
  /** Broker or producer timestamp, epoch ms. */
  timestamp: number;
};

export type PartitionBatch = {
  topic: string;
  partition: number;
  messages: ConsumedMessage[];
  highWatermark: string;
  /** The offset this fetch started from: where the previous batch was resolved to, or the committed offset. */
  fetchedOffset: string;
  /** The batch's last offset, counting records the client does not hand over (transaction markers). */
  lastOffset: string;
  /**
   * True once the batch must not be acted on: the client was told to read the partition from
   * elsewhere (a seek), or a heartbeat found this member no longer in the group (it lost its
   * partitions in a rebalance). Commits are fenced by the group anyway; this also stops stores.
   */
  isStale(): boolean;
  isRunning(): boolean;
  heartbeat(): Promise<void>;
  /** Marks messages up to `offset` as processed, so the consumer fetches past them. */
  resolve(offset: string): void;
};

export type BatchHandler = (batch: PartitionBatch) => Promise<void>;

export interface BatchConsumer {
  /** Joins the group and calls `handler` for each fetched partition batch; concurrency = partitions in flight. */
  run(handler: BatchHandler, concurrency: number): Promise<void>;
  /** Commits the group's offset; `metadata` goes with it (a cut written ahead, offset-blocks.ts). */
  commit(topic: string, partition: number, nextOffset: string, metadata?: string): Promise<void>;
  /** Makes the next fetch of the partition start at `offset` (the committed one, after a failed batch). */
  rewind(topic: string, partition: number, offset: string): void;
  /** The group's committed offset for a partition and its metadata, as the broker holds them now. */
  committed(topic: string, partition: number): Promise<{ offset: string; metadata: string | null } | undefined>;
  /** Stops fetching, waits for running handlers, leaves the group. */
  stop(): Promise<void>;
  onGroupJoin(listener: () => void): void;
  /** A rebalance began: this member stops fetching until it has joined again. */
  onRebalancing(listener: () => void): void;
  /** The client gave up (restart false) or will restart itself (restart true). */
  onCrash(listener: (error: Error, restart: boolean) => void): void;
}

export type OutgoingMessage = { key: string | Buffer | null; value: string | Buffer | null; headers?: Record<string, string> };

export interface MessageProducer {
  send(topic: string, messages: OutgoingMessage[]): Promise<void>;
  stop(): Promise<void>;
}

export interface TopicAdmin {
  ensureTopic(topic: string, partitions: number): Promise<void>;
  stop(): Promise<void>;
}
