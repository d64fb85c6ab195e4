import type { ClickHouseClient } from "@clickhouse/client";

/**
 * Runs an operator's ad-hoc SELECT with readonly=1, so the engine itself refuses
 * writes, DDL and setting changes, whatever the text says. Rows come back as
 * parsed JSON objects.
 */
export async function readOnlyQuery(ch: ClickHouseClient, sql: string): Promise<unknown[]> {
  const query = sql.trim().replace(/;\s*$/, "");
  if (query.length === 0) throw new Error("empty query");
  const rs = await ch.query({ query, format: "JSONEachRow", clickhouse_settings: { readonly: "1" } });
  return rs.json<unknown>();
}
