import { getEnv, type Env } from "../lib/env";
import { closeClickHouse, getClickHouse } from "../lib/store/client";
import { createOperatorClient } from "../lib/store/operator-sql/operator-client";
import { runOperatorQuery } from "../lib/store/operator-sql/run-operator-query";
import { OperatorSocketUnavailable, queryOperatorSocket } from "../lib/runtime/operator-socket-client";
import { runCli } from "./run-cli";
import { openStore } from "./store-access";

/**
 * npm run ch -- "SELECT ..." : read-only SQL over the product's tables, rows as JSON
 * lines (docs/operator-sql.md). Embedded: through the running server's Unix socket
 * (chDB allows one process per data directory; found from DATA_DIR, whatever the
 * server's port), or the store itself when no server runs. ClickHouse server: as
 * CLICKHOUSE_READONLY_USER when set. Every path checks the query the same way
 * (lib/store/operator-sql).
 */
async function embedded(env: Env, sql: string): Promise<unknown[]> {
  try {
    return await queryOperatorSocket(env.DATA_DIR, sql);
  } catch (e) {
    if (!(e instanceof OperatorSocketUnavailable)) throw e;
  }
  try {
    return await runOperatorQuery(await openStore(env, { migrate: false }), sql);
  } finally {
    await closeClickHouse();
  }
}

async function server(env: Env & { CLICKHOUSE_URL: string }, sql: string): Promise<unknown[]> {
  const user = env.CLICKHOUSE_READONLY_USER;
  if (!user) {
    console.error(`ch: CLICKHOUSE_READONLY_USER is unset, querying as ${env.CLICKHOUSE_USER} (see docs/operator-sql.md)`);
    try {
      return await runOperatorQuery(await getClickHouse(env), sql);
    } finally {
      await closeClickHouse();
    }
  }
  const ch = createOperatorClient({ ...env, CLICKHOUSE_READONLY_USER: user });
  try {
    return await runOperatorQuery(ch, sql, { readonlyByUser: true });
  } finally {
    await ch.close();
  }
}

runCli(async () => {
  const sql = process.argv.slice(2).join(" ");
  if (!sql.trim()) throw new Error('usage: npm run ch -- "SELECT ..."');
  const env = getEnv();
  const url = env.CLICKHOUSE_URL;
  const rows = url === undefined ? await embedded(env, sql) : await server({ ...env, CLICKHOUSE_URL: url }, sql);
  for (const row of rows) console.log(JSON.stringify(row));
});
