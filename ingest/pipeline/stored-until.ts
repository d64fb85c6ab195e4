import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { queryRows, sqlNumber } from "@/lib/store/query-rows";

const LAST_SQL = "SELECT toUnixTimestamp64Milli(max(time)) AS t FROM cti_events WHERE tenant_id = {tenant:String}";

/** Where the stored history of a tenant ends (epoch ms; 0 when there is none): a platform resumes after it. */
export async function lastStoredTime(ch: ClickHouseClient, tenant: string): Promise<number> {
  const [row] = await queryRows(ch, LAST_SQL, { tenant }, z.object({ t: sqlNumber }), { kind: "ingest" });
  return row?.t ?? 0;
}
