import { AsyncLocalStorage } from "node:async_hooks";

/**
 * The abort signal of the request a store call serves. handle() runs each
 * endpoint inside `withRequestSignal(request.signal, ...)`, and every store call
 * made on its behalf (store-call.ts) picks the signal up from here, so a query
 * that has not started when the caller leaves is never run. Passing the signal
 * down by hand would thread it through every KPI function's input for the sake of
 * one I/O edge; async context carries it to the one place that needs it. A call
 * may still pass its own signal (an export's stream, which outlives run()).
 */
const current = new AsyncLocalStorage<AbortSignal>();

export function withRequestSignal<T>(signal: AbortSignal, work: () => T): T {
  return current.run(signal, work);
}

export function requestSignal(): AbortSignal | undefined {
  return current.getStore();
}

/**
 * Runs `work` as no request's: its store calls are not cancelled when the request
 * that happened to start it leaves. For work that outlives or is shared beyond one
 * request (a timer re-checking every open stream, one batched read serving several
 * requests) and for the reads that complete a write already made (an edit's
 * winner read must not stop half-way).
 */
export function outsideRequest<T>(work: () => T): T {
  return current.exit(work);
}
