import type { MembershipState } from "./membership";

/**
 * The worker's counters, exposed as Prometheus text. Plain numbers: a
 * metrics library would add a dependency for a dozen lines.
 */
export class WorkerMetrics {
  /** Where the member stands in its group (membership.ts), kept current by the consumer. */
  membership: MembershipState | undefined;
  consumed = 0;
  inserted = 0;
  alreadyStored = 0;
  deadLettered = 0;
  retries = 0;
  commits = 0;
  batches = 0;
  batchSecondsSum = 0;
  /** Upper bounds (seconds) of the batch latency histogram. */
  private readonly bounds = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
  private readonly buckets = new Array<number>(this.bounds.length).fill(0);
  readonly lag = new Map<string, number>();
  /** When the first batch arrived and the last offset commit finished (epoch ms; 0 = not yet). */
  firstFetchAt = 0;
  lastCommitAt = 0;
  /** Recent produce-to-stored latencies (ms), a ring buffer for quantiles. */
  private readonly latencies = new Float64Array(65_536);
  private latencyCount = 0;

  observeBatch(seconds: number): void {
    this.batches += 1;
    this.batchSecondsSum += seconds;
    this.bounds.forEach((b, i) => {
      if (seconds <= b) this.buckets[i] = (this.buckets[i] ?? 0) + 1;
    });
  }

  /** Produce (message timestamp) to store-confirmed: from then on the event is queryable. */
  observeLatency(ms: number): void {
    this.latencies[this.latencyCount % this.latencies.length] = ms;
    this.latencyCount += 1;
  }

  /** One sort of the recent latencies for all the quantiles asked (a scrape asks for three). */
  latencyQuantiles(qs: readonly number[]): number[] {
    const n = Math.min(this.latencyCount, this.latencies.length);
    if (n === 0) return qs.map(() => Number.NaN);
    const sorted = this.latencies.slice(0, n).sort(); // a typed array sorts numerically
    return qs.map((q) => sorted[Math.min(n - 1, Math.floor(q * n))] ?? Number.NaN);
  }

  setLag(topic: string, partition: number, lag: number): void {
    this.lag.set(`${topic}\u0000${partition}`, lag);
  }

  render(): string {
    const lines: string[] = [];
    const counter = (name: string, help: string, value: number) => {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`, `${name} ${value}`);
    };
    counter("ingest_messages_consumed_total", "Kafka messages handed to the pipeline", this.consumed);
    counter("ingest_events_inserted_total", "events newly stored in ClickHouse", this.inserted);
    counter("ingest_events_already_stored_total", "re-delivered events dropped because the store had them", this.alreadyStored);
    counter("ingest_dead_letters_total", "messages sent to the dead-letter topic and table", this.deadLettered);
    counter("ingest_store_retries_total", "failed store writes retried", this.retries);
    counter("ingest_offset_commits_total", "offset commits after a confirmed insert", this.commits);
    counter("ingest_consumer_rejoins_total", "joins of the consumer group after the first: rebalances and evictions survived", this.membership?.rejoins ?? 0);
    counter("ingest_consumer_restarts_total", "consumers rebuilt after the client gave up", this.membership?.restarts ?? 0);
    lines.push(
      "# HELP ingest_consumer_in_group 1 while the member is in its group and consuming, 0 while it joins",
      "# TYPE ingest_consumer_in_group gauge",
      `ingest_consumer_in_group ${this.membership?.state === "consuming" ? 1 : 0}`,
    );
    lines.push("# HELP ingest_batch_seconds time from a batch's arrival to its offsets' commit", "# TYPE ingest_batch_seconds histogram");
    this.bounds.forEach((b, i) => lines.push(`ingest_batch_seconds_bucket{le="${b}"} ${this.buckets[i] ?? 0}`));
    lines.push(
      `ingest_batch_seconds_bucket{le="+Inf"} ${this.batches}`,
      `ingest_batch_seconds_sum ${this.batchSecondsSum}`,
      `ingest_batch_seconds_count ${this.batches}`,
    );
    lines.push(
      "# HELP ingest_produce_to_stored_seconds latency from the message's Kafka timestamp to the confirmed insert (recent messages)",
      "# TYPE ingest_produce_to_stored_seconds summary",
    );
    const qs = [0.5, 0.95, 0.99];
    this.latencyQuantiles(qs).forEach((ms, i) => lines.push(`ingest_produce_to_stored_seconds{quantile="${qs[i]}"} ${ms / 1000}`));
    lines.push(`ingest_produce_to_stored_seconds_count ${this.latencyCount}`);
    lines.push("# TYPE ingest_first_fetch_timestamp_seconds gauge", `ingest_first_fetch_timestamp_seconds ${this.firstFetchAt / 1000}`);
    lines.push("# TYPE ingest_last_commit_timestamp_seconds gauge", `ingest_last_commit_timestamp_seconds ${this.lastCommitAt / 1000}`);
    lines.push("# TYPE process_max_resident_memory_bytes gauge", `process_max_resident_memory_bytes ${process.resourceUsage().maxRSS * 1024}`);
    lines.push("# HELP ingest_consumer_lag messages behind the partition's high watermark", "# TYPE ingest_consumer_lag gauge");
    for (const [key, lag] of this.lag) {
      const [topic, partition] = key.split("\u0000");
      lines.push(`ingest_consumer_lag{topic="${topic}",partition="${partition}"} ${lag}`);
    }
    return `${lines.join("\n")}\n`;
  }
}
