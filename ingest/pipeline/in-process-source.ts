import type { IngestPipeline } from "./pipeline";
import type { InboundMessage } from "./message";

export type SourceOptions = { batchSize: number; flushMs: number; maxRetryDelayMs?: number; onError?: (e: unknown) => void };

/**
 * The in-process event bus of the embedded shape: producers push messages, which are
 * flushed to the pipeline on size or time. A message leaves the buffer only after
 * the store confirmed it; a failed flush is retried with backoff, so nothing pushed
 * is lost while the process lives.
 */
export class InProcessSource {
  private buffer: InboundMessage[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private retryDelay = 0;
  private closed = false;

  constructor(
    private readonly pipeline: IngestPipeline,
    private readonly options: SourceOptions,
  ) {}

  push(messages: readonly InboundMessage[]): void {
    if (this.closed) throw new Error("source is closed");
    for (const m of messages) this.buffer.push(m);
    if (this.buffer.length >= this.options.batchSize) void this.flush();
    else this.schedule(this.options.flushMs);
  }

  get pending(): number {
    return this.buffer.length;
  }

  /** Flushes everything buffered; one flush at a time, in order. */
  flush(): Promise<void> {
    this.flushing ??= this.flushLoop().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    while (this.buffer.length > 0) {
      await this.flush();
      if (this.buffer.length > 0) await new Promise((r) => setTimeout(r, this.retryDelay));
    }
  }

  private schedule(delay: number): void {
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, delay);
  }

  private async flushLoop(): Promise<void> {
    while (this.buffer.length > 0) {
      const batch = this.buffer.slice(0, this.options.batchSize);
      try {
        await this.pipeline.ingest(batch);
        this.buffer.splice(0, batch.length);
        this.retryDelay = 0;
      } catch (e) {
        this.options.onError?.(e);
        this.retryDelay = Math.min(Math.max(this.retryDelay * 2, 100), this.options.maxRetryDelayMs ?? 10_000);
        this.schedule(this.retryDelay);
        return;
      }
    }
  }
}
