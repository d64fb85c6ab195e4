import { setTimeout as sleep } from "node:timers/promises";
import type { CtiEvent } from "@/lib/events";
import { DEFAULT_MAX_FUTURE_MS } from "@/lib/events/future-time";
import { QueueLogMapper } from "../queue-log";
import { readLines } from "../queue-log/line-source";
import type { LineError } from "../queue-log/record";
import type { PlatformContext } from "../platform/adapter";

/**
 * Asterisk's queue_log as the adapter's events, for a product that can read the file (on the
 * PBX's host, or a mount of it): the same importer as `npm run import:queue-log --follow`,
 * inside the web process, which the embedded store needs (one process per chDB, so the CLI
 * cannot write beside the web server).
 *
 * The mapper reads the file from its first line (a call's state needs its earlier lines). The
 * events from a minute before the store's end (`storedUntil`) on are delivered, the older ones
 * not again: queue_log counts whole seconds and Asterisk writes some lines a little late, so the
 * last minute may hold lines not stored yet, and delivering one twice is harmless (event ids
 * come from the lines, so the store keeps one of each). Until the first
 * catch-up the events go as history, in batches; after it, as they come, through `live`.
 * Lines the importer cannot use are counted in the log: the CLI is the place for dead letters.
 */
export type QueueLogTailOptions = {
  file: string;
  tenantId: string;
  source: string;
  wrapUpSeconds: number;
  pollMs?: number;
  /** The first wait before delivering live events again after a refusal; it doubles up to RETRY_MAX_MS. */
  retryMs?: number;
};

const BATCH = 5_000;
/** How far before the store's end lines are delivered again (see above). */
const REDELIVER_MS = 60_000;
const RETRY_MS = 1_000;
const RETRY_MAX_MS = 30_000;

export class QueueLogTail {
  private stopped = false;
  private running: Promise<void> | undefined;
  /** Cuts a wait between delivery attempts short when stopping. */
  private readonly stopping = new AbortController();

  constructor(private readonly opts: QueueLogTailOptions) {}

  /** Resolves once the file's lines so far are delivered; following goes on until stop(). */
  async start(ctx: PlatformContext): Promise<void> {
    const storedUntil = await ctx.storedUntil();
    const from = storedUntil - REDELIVER_MS;
    // A line dated far ahead is refused before it touches the mapper's state (the pipeline would refuse its events anyway).
    const clock = { now: Date.now, maxFutureMs: DEFAULT_MAX_FUTURE_MS };
    const mapper = new QueueLogMapper({ tenantId: this.opts.tenantId, source: this.opts.source, wrapUpSeconds: this.opts.wrapUpSeconds, clock });
    let caughtUp!: () => void;
    let failed!: (e: unknown) => void;
    const ready = new Promise<void>((resolve, reject) => ((caughtUp = resolve), (failed = reject)));
    let live = false;
    let pending: CtiEvent[] = [];
    let delivered = 0;
    const refused: LineError[] = [];
    ctx.backfill.started(storedUntil, Date.now());
    const send = async () => {
      const batch = pending.filter((e) => e.time >= from);
      pending = [];
      if (refused.length > 0) {
        ctx.log(`asterisk: ${refused.length} queue_log line(s) not imported, e.g. line ${refused[0]?.lineNo}: ${refused[0]?.detail}`);
        refused.length = 0;
      }
      if (batch.length === 0) return;
      delivered += batch.length;
      if (live) await this.deliverLive(ctx, batch);
      else {
        await ctx.events.history(batch);
        ctx.backfill.advanced(batch.at(-1)?.time ?? storedUntil, Date.now(), delivered);
      }
    };
    this.running = (async () => {
      for await (const next of readLines(this.opts.file, { follow: true, pollMs: this.opts.pollMs, stopped: () => this.stopped })) {
        if (next === null) {
          await send();
          if (!live) {
            live = true;
            ctx.backfill.finished(delivered);
            caughtUp();
          }
          if (this.stopped) break;
          continue;
        }
        if ("error" in next) {
          refused.push(next.error);
          continue;
        }
        const r = mapper.push(next.line, next.lineNo);
        pending.push(...r.events);
        refused.push(...r.errors);
        if (pending.length >= BATCH) await send();
        if (this.stopped) break;
      }
    })().catch((e: unknown) => {
      ctx.log(`asterisk: reading ${this.opts.file} stopped: ${(e as Error).message}`);
      failed(e);
    });
    await ready;
    ctx.log(`asterisk: following ${this.opts.file} (${delivered} events delivered at start)`);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping.abort();
    await this.running;
  }

  /**
   * Live events, delivered until the sink takes them: a refusal (the store down a while) is
   * logged and tried again after a growing wait, and the file is not read further meanwhile, so
   * no line is lost and the order holds. Stopping ends the attempts; the next start reads the
   * file again from the store's end.
   */
  private async deliverLive(ctx: PlatformContext, batch: CtiEvent[]): Promise<void> {
    let wait = this.opts.retryMs ?? RETRY_MS;
    for (let attempt = 1; ; attempt++) {
      try {
        await ctx.events.live(batch);
        if (attempt > 1) ctx.log(`asterisk: delivered ${batch.length} queue_log event(s) from ${this.opts.file} at attempt ${attempt}`);
        return;
      } catch (e) {
        if (this.stopped) return;
        ctx.log(
          `asterisk: delivering ${batch.length} queue_log event(s) from ${this.opts.file} failed (attempt ${attempt}): ${(e as Error).message}; following paused, trying again in ${wait} ms`,
        );
      }
      try {
        await sleep(wait, undefined, { signal: this.stopping.signal });
      } catch {
        return; // stopping
      }
      wait = Math.min(wait * 2, RETRY_MAX_MS);
    }
  }
}
