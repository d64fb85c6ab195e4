import type { ClickHouseClient } from "@clickhouse/client";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseEnv } from "@/lib/env";
import { getClickHouse } from "@/lib/store/client";
import { MIGRATIONS_DIR, migrate } from "@/sql/migrate";

/**
 * A store of its own, migrated only up to the migration before `migration` (e.g.
 * "0034"), for a test that fills it as an older version would and then runs the rest
 * with migrate(ch). One chDB data directory per process: a file using this must not
 * call testStore().
 */
export async function storeBefore(migration: string): Promise<ClickHouseClient> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `upgrade-${migration}-`));
  const before = path.join(dir, "migrations-before");
  fs.mkdirSync(before);
  for (const f of fs.readdirSync(MIGRATIONS_DIR).filter((f) => f < migration)) fs.copyFileSync(path.join(MIGRATIONS_DIR, f), path.join(before, f));
  const ch = await getClickHouse(parseEnv({ DATA_DIR: path.join(dir, "store") }));
  await migrate(ch, before);
  return ch;
}
