import { setTimeout as sleep } from "node:timers/promises";

export type RetryOptions = {
  firstDelayMs: number;
  maxDelayMs: number;
  /** Aborting ends the wait at once: the result is then undefined. */
  signal: AbortSignal;
  onRetry: (error: Error, delayMs: number) => void;
  /** Errors that retrying cannot cure (a migration refused, say) are thrown instead. */
  isFatal?: (error: unknown) => boolean;
};

/**
 * Calls `attempt` until it succeeds, waiting twice as long after each failure: for a
 * store or broker that is still coming up, which the process waits for rather than
 * giving up on. Shutdown must not wait for it, hence the signal.
 */
export async function retryUntil<T>(attempt: () => Promise<T>, o: RetryOptions): Promise<T | undefined> {
  for (let delay = o.firstDelayMs; !o.signal.aborted; delay = Math.min(delay * 2, o.maxDelayMs)) {
    try {
      return await attempt();
    } catch (e) {
      if (o.isFatal?.(e)) throw e;
      o.onRetry(e instanceof Error ? e : new Error(String(e)), delay);
      try {
        await sleep(delay, undefined, { signal: o.signal });
      } catch {
        return undefined; // aborted while waiting
      }
    }
  }
  return undefined;
}
