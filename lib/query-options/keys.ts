/** Shared pieces of the dashboards' query keys and refresh policy. */

/** Periods that hold "now" change as calls arrive; they are refetched this often. */
export const LIVE_REFETCH_MS = 30_000;

/** A filter list in a query key: order does not change the answer, so it must not change the key. */
export function sorted(ids: readonly string[] | undefined): string[] {
  return [...(ids ?? [])].sort();
}
