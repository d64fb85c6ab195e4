import type { CtiEvent } from "@/lib/events";

export interface LiveSimulatorOptions {
  /** Anything that can be advanced to a wall-clock time: the ContactCentreSim. */
  sim: { advanceTo(t: number): CtiEvent[] };
  /** Receives each non-empty batch. A returned promise is awaited before the next batch. */
  onEvents: (events: CtiEvent[]) => void | Promise<void>;
  tickMs?: number;
  now?: () => number;
  /** Where a failing onEvents is reported; its batch is not retried (the sink owns retries). */
  onError?: (error: unknown) => void;
}

export interface LiveSimulator {
  /** Stops ticking; resolves once a batch being delivered has been handled. */
  stop(): Promise<void>;
  /** Ticks as soon as the current task ends rather than at the next interval: a command waiting in the engine runs now. */
  nudge(): void;
}

/**
 * Drives the engine by the wall clock: every tick it advances to now() and hands
 * over what happened. While a batch is still being handled, ticks are skipped:
 * the next one simply covers a longer stretch, so a slow sink never gets
 * overlapping deliveries and no events are dropped.
 */
export function startLiveSimulator(opts: LiveSimulatorOptions): LiveSimulator {
  const { sim, onEvents, tickMs = 200, now = Date.now } = opts;
  const onError = opts.onError ?? ((e: unknown) => console.error("live simulator: event sink failed", e));
  let inFlight: Promise<void> | undefined;
  let stopped = false;

  const tick = (): void => {
    if (stopped || inFlight) return;
    const events = sim.advanceTo(now());
    if (events.length === 0) return;
    try {
      const result = onEvents(events);
      if (result instanceof Promise) {
        inFlight = result.catch(onError).finally(() => {
          inFlight = undefined;
        });
      }
    } catch (e) {
      onError(e);
    }
  };

  const timer = setInterval(tick, tickMs);
  return {
    nudge: () => void setImmediate(tick),
    async stop() {
      stopped = true;
      clearInterval(timer);
      await inFlight;
    },
  };
}
