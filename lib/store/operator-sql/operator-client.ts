import { createClient, type ClickHouseClient } from "@clickhouse/client";
import type { Env } from "../../env";

/**
 * A client for npm run ch against a ClickHouse server as CLICKHOUSE_READONLY_USER:
 * the user's grants and settings profile bound what it can do, whatever the query
 * check misses. Only the output setting the product's client uses is sent; the
 * profile is readonly = 2, which allows that but no writes (docs/operator-sql.md).
 */
export function createOperatorClient(env: Env & { CLICKHOUSE_URL: string; CLICKHOUSE_READONLY_USER: string }): ClickHouseClient {
  return createClient({
    url: env.CLICKHOUSE_URL,
    username: env.CLICKHOUSE_READONLY_USER,
    password: env.CLICKHOUSE_READONLY_PASSWORD,
    database: env.CLICKHOUSE_DATABASE,
    clickhouse_settings: { date_time_output_format: "iso" },
  });
}
