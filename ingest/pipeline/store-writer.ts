import type { ClickHouseClient } from "@clickhouse/client";
import { contentToken, rowsScope, type Batch, type LookupScope } from "./batch";
import type { DeadLetterRow } from "./dead-letter";
import { queryJson } from "@/lib/store/query-rows";
import { storeInsert } from "@/lib/store/store-call";

const INGEST = { kind: "ingest" } as const;

/** Gaps wider than this start a new time window in the "already stored?" lookup. */
const WINDOW_GAP_MS = 60_000;
const MAX_WINDOWS = 16;

/** Pure: the time windows covering these rows, so the lookup reads only those ranges. */
export function timeWindows(times: readonly number[]): Array<[number, number]> {
  if (times.length === 0) return [];
  // Sources mostly deliver in time order; checking that costs far less than a sort.
  const sorted = isAscending(times) ? times : [...times].sort((a, b) => a - b);
  const windows: Array<[number, number]> = [];
  let start = sorted[0] as number;
  let end = start;
  for (const t of sorted) {
    if (t - end > WINDOW_GAP_MS) {
      windows.push([start, end]);
      start = t;
    }
    end = t;
  }
  windows.push([start, end]);
  // Too many scattered windows: one covering range is cheaper than a huge OR.
  return windows.length > MAX_WINDOWS ? [[sorted[0] as number, sorted[sorted.length - 1] as number]] : windows;
}

function isAscending(values: readonly number[]): boolean {
  for (let i = 1; i < values.length; i++) if ((values[i] as number) < (values[i - 1] as number)) return false;
  return true;
}

/**
 * Event ids the store holds in the scope's tenants and time windows; writeBatch keeps
 * those that are in its batch, and drops those events before insert. Dropping them
 * keeps a re-delivered event from being stored, derived and announced again: the
 * raw and derived tables collapse a repeat only when they merge (every FINAL read
 * pays for it until then), a repeated state piece would mark its day as changed
 * (so its daily totals are computed again), and listeners would hear it twice.
 */
export async function storedEventIds(ch: ClickHouseClient, scope: LookupScope): Promise<Set<string>> {
  const windows = timeWindows(scope.times);
  if (windows.length === 0) return new Set();
  const params: Record<string, unknown> = { tenants: scope.tenants };
  const ranges = windows.map(([a, b], i) => {
    params[`a${i}`] = a;
    params[`b${i}`] = b;
    return `(time >= fromUnixTimestamp64Milli({a${i}:Int64}, 'UTC') AND time <= fromUnixTimestamp64Milli({b${i}:Int64}, 'UTC'))`;
  });
  const found = await queryJson(
    ch,
    `SELECT toString(event_id) AS id FROM cti_events WHERE tenant_id IN {tenants:Array(String)} AND (${ranges.join(" OR ")})`,
    params,
    "JSONCompactEachRow",
    INGEST,
  );
  const ids = new Set<string>();
  for (const row of found) if (Array.isArray(row) && typeof row[0] === "string") ids.add(row[0]);
  return ids;
}

export type WriteResult = { inserted: number; alreadyStored: Set<string>; deadLettered: number };

/**
 * Writes one batch: new events (with a content-derived deduplication token, so a
 * retry of the same rows is dropped whole) and its dead letters. Resolves only
 * after ClickHouse has confirmed both inserts; the caller acknowledges after that.
 */
export async function writeBatch(
  ch: ClickHouseClient,
  batch: Batch,
  origin: string,
  lookup: Promise<Set<string>> = storedEventIds(ch, rowsScope(batch.rows)),
): Promise<WriteResult> {
  // The lookup returns every id in the batch's time windows, and may have been asked before validation: only this batch's rows count.
  const found = await lookup;
  const stored = found.size === 0 ? found : new Set(batch.rows.filter((r) => found.has(r.event_id)).map((r) => r.event_id));
  const fresh = stored.size === 0 ? batch.rows : batch.rows.filter((r) => !stored.has(r.event_id));
  if (fresh.length > 0) {
    await storeInsert(ch, "cti_events", fresh, {
      ...INGEST,
      settings: {
        insert_deduplicate: 1,
        // Tenant and id: the same id under two tenants is two rows, and must not share a token.
        insert_deduplication_token: contentToken(
          origin,
          fresh.map((r) => `${r.tenant_id}/${r.event_id}`),
        ),
      },
    });
  }
  await writeDeadLetters(ch, batch.deadLetters, origin);
  return { inserted: fresh.length, alreadyStored: stored, deadLettered: batch.deadLetters.length };
}

/** Stores dead letters; a retry of the same ones (same source position and bytes) is dropped whole. */
export async function writeDeadLetters(ch: ClickHouseClient, rows: readonly DeadLetterRow[], origin: string): Promise<void> {
  if (rows.length === 0) return;
  await storeInsert(ch, "dead_letters", rows, {
    ...INGEST,
    settings: {
      insert_deduplicate: 1,
      insert_deduplication_token: contentToken(
        `${origin}:dlq`,
        rows.map((d) => `${d.topic}/${d.partition}/${d.offset}/${d.payload_base64}`),
      ),
    },
  });
}
