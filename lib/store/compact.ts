import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { queryRows, sqlNumber } from "@/lib/store/query-rows";
import { storeCommand } from "@/lib/store/store-call";

const COMPACTION = { kind: "compaction" } as const;

/**
 * Compaction of the tables that KPIs read with FINAL. A contact segment is written
 * as partial rows (one per event kind) and merged with max(); FINAL merges at query
 * time whatever background merges have not, which costs ~3x a plain read when a
 * month is spread over several parts. ClickHouse's merge scheduler has no reason to
 * merge a month's last few large parts, so the store does it: every partition with
 * more than one part gets OPTIMIZE ... FINAL, after which FINAL has nothing to merge.
 * A past month is compacted once (again only if late data arrives); the current
 * month on every round, which at a few hundred thousand contacts a month is a
 * second or two (on chDB, queries and inserts wait meanwhile: one engine session).
 *
 * The same round deletes the daily state totals of fills superseded for a while
 * (migration 0012): readers use only a day's latest fill, and the wait keeps a
 * reader that chose the previous fill just before it was superseded safe.
 */

export const COMPACTED_TABLES = ["contact_segments", "agent_state_pieces"] as const;
export type CompactedTable = (typeof COMPACTED_TABLES)[number];

export type PartitionParts = { table: string; partitionId: string; parts: number };
export type Compaction = { table: CompactedTable; partitionId: string };

const PARTS_SQL = `
SELECT table, partition_id AS partitionId, toUInt32(count()) AS parts
FROM system.parts
WHERE database = currentDatabase() AND active AND has({tables:Array(String)}, table)
GROUP BY table, partition_id
HAVING parts > 1
ORDER BY table, partition_id`;

const MERGING_SQL = `
SELECT DISTINCT table, partition_id AS partitionId
FROM system.merges
WHERE database = currentDatabase() AND has({tables:Array(String)}, table)`;

function isCompactedTable(t: string): t is CompactedTable {
  return (COMPACTED_TABLES as readonly string[]).includes(t);
}

/** Partitions in more than one part and not being merged right now (a running merge is already doing the work). */
export function partitionsToCompact(parts: readonly PartitionParts[], merging: readonly { table: string; partitionId: string }[]): Compaction[] {
  const busy = new Set(merging.map((m) => `${m.table}/${m.partitionId}`));
  const out: Compaction[] = [];
  for (const p of parts) {
    // Partition ids of these tables are YYYYMM; anything else is not ours to interpolate.
    if (p.parts > 1 && isCompactedTable(p.table) && /^\d{6}$/.test(p.partitionId) && !busy.has(`${p.table}/${p.partitionId}`)) {
      out.push({ table: p.table, partitionId: p.partitionId });
    }
  }
  return out;
}

const SUPERSEDED_FILLS_SQL = `
SELECT d.tenant_id AS tenantId, toString(d.day) AS day, toString(d.fill_id) AS fillId
FROM agent_state_daily_done AS d
INNER JOIN
(
  SELECT tenant_id, day, max(computed_at) AS latest
  FROM agent_state_daily_done
  GROUP BY tenant_id, day
) AS l ON l.tenant_id = d.tenant_id AND l.day = d.day
WHERE d.computed_at < l.latest AND l.latest < now64(3) - INTERVAL 10 MINUTE`;

/** Deletes superseded fills' rows, then their done rows; returns how many fills went. */
export async function pruneSupersededFills(ch: ClickHouseClient): Promise<number> {
  const fills = await queryRows(ch, SUPERSEDED_FILLS_SQL, {}, z.object({ tenantId: z.string(), day: z.string(), fillId: z.string() }), COMPACTION);
  if (fills.length === 0) return 0;
  const params = { tenants: fills.map((f) => f.tenantId), days: fills.map((f) => f.day), fillIds: fills.map((f) => f.fillId) };
  const match = "(tenant_id, day, fill_id) IN (SELECT arrayJoin(arrayZip({tenants:Array(String)}, {days:Array(Date)}, {fillIds:Array(UUID)})))";
  await storeCommand(ch, `DELETE FROM agent_state_daily WHERE ${match}`, params, COMPACTION);
  await storeCommand(ch, `DELETE FROM agent_state_daily_done WHERE ${match}`, params, COMPACTION);
  return fills.length;
}

export async function compactOnce(ch: ClickHouseClient): Promise<(Compaction & { ms: number })[]> {
  const params = { tables: [...COMPACTED_TABLES] };
  const [parts, merging] = await Promise.all([
    queryRows(ch, PARTS_SQL, params, z.object({ table: z.string(), partitionId: z.string(), parts: sqlNumber }), COMPACTION),
    queryRows(ch, MERGING_SQL, params, z.object({ table: z.string(), partitionId: z.string() }), COMPACTION),
  ]);
  const done: (Compaction & { ms: number })[] = [];
  for (const c of partitionsToCompact(parts, merging)) {
    const t = performance.now();
    // Identifiers cannot be parameters; both come from the whitelist and the digit check above.
    await storeCommand(ch, `OPTIMIZE TABLE ${c.table} PARTITION ID '${c.partitionId}' FINAL`, {}, COMPACTION);
    done.push({ ...c, ms: Math.round(performance.now() - t) });
  }
  await pruneSupersededFills(ch);
  return done;
}

/**
 * Runs compactOnce every `everyMs` (never two at once), the first round within five
 * minutes so a fresh start's backfill is compacted soon; returns a stop function.
 */
export function startCompaction(ch: ClickHouseClient, everyMs: number, log: (line: string) => void): () => void {
  let running = false;
  const round = async () => {
    if (running) return;
    running = true;
    try {
      const done = await compactOnce(ch);
      if (done.length > 0) log(`store: compacted ${done.map((d) => `${d.table} ${d.partitionId} (${d.ms} ms)`).join(", ")}`);
    } catch (e) {
      log(`store: compaction failed, will retry: ${(e as Error).message.split("\n")[0]}`);
    } finally {
      running = false;
    }
  };
  let timer = setTimeout(
    function tick() {
      void round();
      timer = setTimeout(tick, everyMs);
      timer.unref();
    },
    Math.min(everyMs, 5 * 60_000),
  );
  timer.unref();
  return () => clearTimeout(timer);
}
