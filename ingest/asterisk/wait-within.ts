import { CommandFailed } from "@/lib/telephony/commands";

/**
 * Waits for `work` until `signal` aborts, then gives up as a `timeout` while `work` goes on.
 * For work several callers share (a connection being opened) or that must finish whatever the
 * caller's deadline (a session's teardown): the caller's signal bounds only the caller's wait.
 * A rejection of `work` after the caller gave up is handled here, never an unhandled rejection.
 */
export function waitWithin<T>(work: Promise<T>, signal: AbortSignal, what: string): Promise<T> {
  work.catch(() => undefined);
  if (signal.aborted) return Promise.reject(gaveUp(what));
  return new Promise<T>((resolve, reject) => {
    const aborted = () => reject(gaveUp(what));
    signal.addEventListener("abort", aborted, { once: true });
    work.then(
      (v) => {
        signal.removeEventListener("abort", aborted);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener("abort", aborted);
        reject(e);
      },
    );
  });
}

const gaveUp = (what: string) => new CommandFailed("timeout", `gave up waiting for ${what} (it goes on without us)`);
