import type { ClickHouseClient } from "@clickhouse/client";

/** Where the stored history of a tenant ends (epoch ms; 0 when there is none): a platform resumes after it. */
export async function lastStoredTime(ch: ClickHouseClient, tenant: string): Promise<number> {
  const rs = await ch.query({
    query: "SELECT toUnixTimestamp64Milli(max(time)) AS t FROM cti_events WHERE tenant_id = {tenant:String}",
    query_params: { tenant },
    format: "JSONEachRow",
  });
  const [row] = await rs.json<{ t: string | number }>();
  return Number(row?.t ?? 0);
}
