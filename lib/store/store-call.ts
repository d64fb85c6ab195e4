import type { ClickHouseClient, ClickHouseSettings } from "@clickhouse/client";
import { limitSettings, type QueryKind } from "./query-limits";
import { limitExceeded } from "./query-limit-error";
import { requestSignal } from "./request-signal";

/**
 * How a store call runs: its kind's limits (default interactive), optionally a
 * tighter time limit, and the signal that cancels it.
 */
export type StoreCallOptions = { kind?: QueryKind; maxSeconds?: number; signal?: AbortSignal };

/**
 * The per-call parameters every query, command and insert carries: its limits and
 * its abort signal. A read without a signal of its own is cancelled with the request
 * it serves (request-signal.ts); a write only by a signal it is given, since a write
 * may be shared (one daily-totals fill serves every widget that asked) or be one
 * step of an edit that should not stop half-way because one caller left.
 */
export function callParams(
  o: StoreCallOptions = {},
  settings: ClickHouseSettings = {},
  read = false,
): { clickhouse_settings: ClickHouseSettings; abort_signal?: AbortSignal } {
  return {
    clickhouse_settings: { ...limitSettings(o.kind ?? "interactive", o.maxSeconds), ...settings },
    abort_signal: o.signal ?? (read ? requestSignal() : undefined),
  };
}

/** Runs a store call, turning an over-limit failure into a QueryLimitExceeded that names the limit. */
export async function limited<T>(o: StoreCallOptions, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    throw limitExceeded(e, o.kind ?? "interactive", o.maxSeconds) ?? e;
  }
}

/** A statement without rows back (DDL, OPTIMIZE, DELETE, INSERT ... SELECT). */
export async function storeCommand(ch: ClickHouseClient, query: string, params: Record<string, unknown> = {}, o: StoreCallOptions = {}): Promise<void> {
  await limited(o, () => ch.command({ query, query_params: params, ...callParams(o) }));
}

/** Rows into a table as JSONEachRow; `settings` adds the insert's own (a deduplication token). */
export async function storeInsert<T>(
  ch: ClickHouseClient,
  table: string,
  values: readonly T[],
  o: StoreCallOptions & { settings?: ClickHouseSettings } = {},
): Promise<void> {
  await limited(o, () => ch.insert({ table, values: [...values], format: "JSONEachRow", ...callParams(o, o.settings) }));
}
