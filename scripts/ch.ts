import { getEnv, type Env } from "../lib/env";
import { closeClickHouse, getClickHouse } from "../lib/store/client";
import { readOnlyQuery } from "../lib/store/read-only-query";
import { ensureInternalToken } from "../lib/runtime/internal-token";
import { runCli } from "./run-cli";

/**
 * npm run ch -- "SELECT ..." : read-only SQL against the configured store, rows as
 * JSON lines. With the embedded store held by a running `npm start`, the query goes
 * to that server (chDB allows one process per data directory).
 */
async function viaServer(env: Env, sql: string): Promise<unknown[]> {
  const res = await fetch(`http://127.0.0.1:${env.PORT}/api/internal/sql`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-internal-token": ensureInternalToken(env.DATA_DIR) },
    body: JSON.stringify({ sql }),
  });
  const body = (await res.json()) as { rows?: unknown[]; error?: string };
  if (!res.ok || !body.rows) throw new Error(body.error ?? `server answered ${res.status}`);
  return body.rows;
}

const isLockError = (e: unknown) =>
  /lock|Another server instance|Failed to create connection/i.test(String((e as Error)?.message ?? e) + String((e as { cause?: Error })?.cause?.message ?? ""));

runCli(async () => {
  const sql = process.argv.slice(2).join(" ");
  if (!sql.trim()) throw new Error('usage: npm run ch -- "SELECT ..."');
  const env = getEnv();
  let rows: unknown[];
  try {
    rows = await readOnlyQuery(await getClickHouse(env), sql);
    await closeClickHouse();
  } catch (e) {
    if (!env.embedded || !isLockError(e)) throw e;
    rows = await viaServer(env, sql);
  }
  for (const row of rows) console.log(JSON.stringify(row));
});
