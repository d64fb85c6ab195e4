import type { ClickHouseClient } from "@clickhouse/client";
import type { Env } from "@/lib/env";
import type { RuntimeStatus } from "@/lib/runtime/status";
import { getClickHouse } from "@/lib/store/client";
import { migrate } from "@/sql/migrate";

/** The store, migrated; a failed migration is recorded for /api/health and stops start-up. */
export async function openStore(env: Env, status: RuntimeStatus, log: (line: string) => void): Promise<ClickHouseClient> {
  const ch = await getClickHouse(env);
  try {
    const report = await migrate(ch);
    status.migrations = { state: "ok", applied: report.applied };
    if (report.applied.length > 0) log(`store: applied ${report.applied.length} migration(s)`);
  } catch (e) {
    status.migrations = { state: "failed", applied: [], error: (e as Error).message };
    throw e;
  }
  log(env.embedded ? `store: embedded chDB in ${env.DATA_DIR}` : `store: ClickHouse at ${env.CLICKHOUSE_URL}`);
  return ch;
}
