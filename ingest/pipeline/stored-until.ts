import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { queryRows, sqlNumber } from "@/lib/store/query-rows";

// Only up to now: an event dated ahead (stored before INGEST_MAX_FUTURE_MS existed, or from a clock ahead
// within it) must not be taken for the end of history, or a platform would resume after it and, for a
// simulator, produce nothing until the clock got there (one event dated 2100 stopped it for good).
const LAST_SQL = `SELECT toUnixTimestamp64Milli(max(time)) AS t FROM cti_events
WHERE tenant_id = {tenant:String} AND time <= fromUnixTimestamp64Milli({now:Int64})`;

/** Where the stored history of a tenant ends, up to `now` (epoch ms; 0 when there is none): a platform resumes after it. */
export async function lastStoredTime(ch: ClickHouseClient, tenant: string, now: number = Date.now()): Promise<number> {
  const [row] = await queryRows(ch, LAST_SQL, { tenant, now }, z.object({ t: sqlNumber }), { kind: "ingest" });
  return row?.t ?? 0;
}
