import { QueryLimitExceeded } from "@/lib/store/query-limit-error";
import { Unavailable, type DomainError } from "./domain-errors";

/**
 * A store failure the caller can act on, in domain terms: a query stopped by its
 * limit (lib/store/query-limits.ts) is "unavailable" (503) with the store's own
 * sentence ("the query exceeded its 20 s time limit; narrow the period or the
 * filters"). The server is fine; this request asked for too much at once.
 */
export function domainErrorOfStore(e: unknown): DomainError | undefined {
  return e instanceof QueryLimitExceeded ? new Unavailable(e.message) : undefined;
}
