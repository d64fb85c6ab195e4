import { QUERY_LIMITS, timeLimit, type QueryKind } from "./query-limits";

/**
 * A query stopped by its kind's limit (query-limits.ts). The store floor cannot
 * know about domain errors; lib/errors turns this into one (a 503 that says which
 * limit and what to do).
 */
export class QueryLimitExceeded extends Error {
  constructor(
    readonly kind: QueryKind,
    readonly limit: "time" | "memory",
    readonly seconds: number,
    options?: { cause?: unknown },
  ) {
    const l = QUERY_LIMITS[kind];
    const what = limit === "time" ? `its ${seconds} s time limit` : `its ${Math.round(l.memoryBytes / 1024 ** 2)} MiB memory limit`;
    super(`the query exceeded ${what}; ${l.advice}`, options);
    this.name = "QueryLimitExceeded";
  }
}

// ClickHouse's error codes (src/Common/ErrorCodes.cpp); @clickhouse/client and chdb/connection both put them in `code` as text.
const TIME_CODES = new Set(["159", "160"]); // TIMEOUT_EXCEEDED, TOO_SLOW
const MEMORY_CODES = new Set(["241"]); // MEMORY_LIMIT_EXCEEDED

/** The limit a store error reports, if it is one of ours. */
export function limitExceeded(e: unknown, kind: QueryKind, maxSeconds?: number): QueryLimitExceeded | undefined {
  const code = typeof e === "object" && e !== null && "code" in e ? String((e as { code: unknown }).code) : "";
  if (TIME_CODES.has(code)) return new QueryLimitExceeded(kind, "time", timeLimit(kind, maxSeconds), { cause: e });
  if (MEMORY_CODES.has(code)) return new QueryLimitExceeded(kind, "memory", timeLimit(kind, maxSeconds), { cause: e });
  return undefined;
}
