import type { ClickHouseClient } from "@clickhouse/client";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseEnv, type Env } from "@/lib/env";
import { getClickHouse } from "@/lib/store/client";
import { migrate } from "@/sql/migrate";

/**
 * An embedded chDB store for integration tests, migrated, one per test process
 * (libchdb binds one data directory per process). Tests separate their data by
 * tenant id rather than by database.
 */
let store: Promise<{ ch: ClickHouseClient; env: Env }> | undefined;

export function testStore(): Promise<{ ch: ClickHouseClient; env: Env }> {
  store ??= (async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ccs-test-"));
    const env = parseEnv({ DATA_DIR: dir });
    const ch = await getClickHouse(env);
    await migrate(ch);
    return { ch, env };
  })();
  return store;
}

let counter = 0;
/** A tenant id no other test in this process uses. */
export function freshTenant(prefix = "t"): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}`;
}

export async function queryRows<T>(ch: ClickHouseClient, query: string, params: Record<string, unknown> = {}): Promise<T[]> {
  const rs = await ch.query({ query, query_params: params, format: "JSONEachRow" });
  return rs.json<T>();
}
