import type { ClickHouseClient } from "@clickhouse/client";
import type { CtiEvent } from "@/lib/events";
import { insertJsonLines } from "@/lib/store/json-lines-insert";
import { canonicalLine, contentToken, eventsScope, type Batch, type LookupScope } from "./batch";
import type { DeadLetterRow } from "./dead-letter";
import { queryJson } from "@/lib/store/query-rows";
import { limited, storeInsert } from "@/lib/store/store-call";
import { limitSettings } from "@/lib/store/query-limits";
import { writeOriginalSegments } from "@/lib/redaction/originals-store";

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
  lookup: Promise<Set<string>> = storedEventIds(ch, eventsScope(batch.events)),
): Promise<WriteResult> {
  // The lookup returns every id in the batch's time windows, and may have been asked before validation: only this batch's events count.
  const found = await lookup;
  const stored = found.size === 0 ? found : new Set(batch.events.filter((e) => found.has(e.id)).map((e) => e.id));
  return storeBatch(ch, batch, origin, stored);
}

/**
 * Writes every event of the batch, without asking which the store already holds: for
 * sources whose retries repeat the very same insert (the Kafka worker's fixed offset
 * blocks, origin naming the block). A repeat of the insert is then dropped by its token
 * table by table, and a table a crash left without its part of the block (the views run
 * after the raw part is committed) receives it; the lookup would have skipped the whole
 * block as stored, leaving those tables without it for good.
 */
export function writeBlock(ch: ClickHouseClient, batch: Batch, origin: string): Promise<WriteResult> {
  return storeBatch(ch, batch, origin, new Set());
}

async function storeBatch(ch: ClickHouseClient, batch: Batch, origin: string, stored: Set<string>): Promise<WriteResult> {
  const keep = (_: unknown, i: number) => stored.size === 0 || !stored.has((batch.events[i] as CtiEvent).id);
  const events = batch.events.filter(keep);
  // Kept originals first: a masked segment is never stored without the original the settings asked to keep.
  await writeOriginalSegments(ch, batch.originals);
  if (events.length > 0) await insertEvents(ch, events, batch.lines.filter(keep), origin);
  await writeDeadLetters(ch, batch.deadLetters, origin);
  return { inserted: events.length, alreadyStored: stored, deadLettered: batch.deadLetters.length };
}

const NEWLINE = new Uint8Array([0x0a]);
const jsonLines = (lines: readonly Uint8Array[]) => Buffer.concat(lines.flatMap((line) => [line, NEWLINE]));

/**
 * Inserts events through cti_events_in (migration 0016) as JSON lines, `lines[i]`
 * being `events[i]`. The lines are mostly the bytes as received; should the store
 * refuse to read them (JSON that JavaScript accepts but ClickHouse reads
 * differently, e.g. a repeated key or a time written as 1.7e12), the same events go
 * again, encoded afresh from what was validated. The token is the same both times,
 * so if the first attempt did land after all, the second is dropped.
 */
async function insertEvents(ch: ClickHouseClient, events: readonly CtiEvent[], lines: readonly Uint8Array[], origin: string): Promise<void> {
  const settings = {
    // The raw path skips the client's defaults: the ingest kind's limits go with the insert itself.
    ...limitSettings("ingest"),
    input_format_json_read_objects_as_strings: 1,
    // One block per insert, as the client's path gave: the parallel parser cuts a body into several
    // blocks, each committed to cti_events and then to its views in turn, and a crash between those
    // commits leaves events stored whose contacts are not, which the already-stored lookup then keeps
    // the redelivery from repairing (the kill -9 test caught it; see docs/architecture.md).
    input_format_parallel_parsing: 0,
    deduplicate_blocks_in_dependent_materialized_views: 1,
    insert_deduplicate: 1,
    // Tenant and id: the same id under two tenants is two rows, and must not share a token.
    insert_deduplication_token: contentToken(
      origin,
      events.map((e) => `${e.tenantId}/${e.id}`),
    ),
  };
  await limited(INGEST, async () => {
    try {
      await insertJsonLines(ch, "cti_events_in", jsonLines(lines), settings);
    } catch (e) {
      const canonical = events.map(canonicalLine);
      if (canonical.every((line, i) => Buffer.compare(line, lines[i] as Uint8Array) === 0)) throw e;
      await insertJsonLines(ch, "cti_events_in", jsonLines(canonical), settings);
    }
  });
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
        rows.map((d) => `${d.topic}/${d.partition}/${d.offset}/${d.original_size}/${d.payload_base64}`),
      ),
    },
  });
}
