import type { ClickHouseClient } from "@clickhouse/client";

/**
 * Runs an operator's ad-hoc query so that it can only read: the text is placed in a
 * subquery (`SELECT * FROM (...)`), where ClickHouse's grammar admits no INSERT, DDL
 * or SET. The `readonly` setting would say the same more simply, but on embedded
 * chDB settings stick to the one shared session, so it would make the whole process
 * read-only (ingest included). Rows come back as parsed JSON objects.
 */
export async function readOnlyQuery(ch: ClickHouseClient, sql: string): Promise<unknown[]> {
  const query = sql.trim().replace(/;\s*$/, "");
  if (query.length === 0) throw new Error("empty query");
  if (query.includes(";")) throw new Error("one statement at a time");
  const rs = await ch.query({ query: `SELECT * FROM (\n${query}\n)`, format: "JSONEachRow" });
  return rs.json<unknown>();
}
