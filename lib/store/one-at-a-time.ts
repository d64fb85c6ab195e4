import type { createClient } from "@clickhouse/client";
import { randomUUID } from "node:crypto";

export type ClientConnection = NonNullable<NonNullable<Parameters<typeof createClient>[0]>["connection"]>;

/**
 * The embedded engine's connection, one call at a time, so that a caller who has
 * gone away stops costing the store. What chDB 3.4 can and cannot do about that
 * (node_modules/chdb/index.js):
 *
 * - a single-shot query cannot be interrupted: an abort only rejects the caller's
 *   promise, and the engine runs the query to its end (or its limit, query-limits.ts);
 * - the engine runs one query at a time anyway (one session), and chdb queues
 *   parameterised ones in a chain, but it dispatches a queued query whose caller
 *   already left once that caller's signal has fired only on some paths.
 *
 * So the queue is ours: a call whose signal fired while it waited is never sent
 * (the slot goes to the next caller), a running call's caller is answered at once
 * while the slot stays taken until the engine is really done (the engine is told
 * nothing, since it could not stop), and long work is split into short queries by
 * its owner (an export's pages) so that it can stop between them.
 *
 * And a chDB flaw: a query stopped by its time limit after it had produced output
 * leaves that output behind, and the next query's result starts with it (seen
 * with `SELECT sleepEachRow(1) FROM numbers(5)` under max_execution_time=2: the
 * next `SELECT 1` answered two rows). After any failed call the queue runs one
 * throw-away query before the next caller's, so no caller reads another's rows.
 */
export function oneAtATime(inner: ClientConnection): { connection: ClientConnection; exclusive: <R>(work: () => Promise<R>) => Promise<R> } {
  let tail: Promise<unknown> = Promise.resolve();

  const drain = () => inner.command({ query: "SELECT 1", query_id: randomUUID() }).catch(() => undefined);

  function run<P extends { abort_signal?: AbortSignal }, R>(params: P, call: (p: P) => Promise<R>): Promise<R> {
    const signal = params.abort_signal;
    const turn = tail.then(async () => {
      signal?.throwIfAborted();
      try {
        return await call({ ...params, abort_signal: undefined });
      } catch (e) {
        await drain();
        throw e;
      }
    });
    tail = turn.catch(() => undefined);
    return signal ? answerOnAbort(turn, signal) : turn;
  }

  const connection: ClientConnection = {
    ping: (p) => run(p, (q) => inner.ping(q)),
    query: (p) => run(p, (q) => inner.query(q)),
    insert: (p) => run(p, (q) => inner.insert(q)),
    command: (p) => run(p, (q) => inner.command(q)),
    exec: (p) => run(p, (q) => inner.exec(q)),
    close: async () => {
      await tail;
      await inner.close();
    },
  };
  // Work on the engine that does not go through the connection (chDB's raw insert) takes its turn too.
  return { connection, exclusive: (work) => run({}, work) };
}

/** The work's own result, or the signal's reason as soon as it fires (the work itself goes on). */
function answerOnAbort<R>(work: Promise<R>, signal: AbortSignal): Promise<R> {
  return new Promise<R>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
