import type { ClickHouseClient } from "@clickhouse/client";
import type { Env } from "../lib/env";
import { operatorSocketPath, serverIsRunning } from "../lib/runtime/operator-socket-client";
import { closeClickHouse, getClickHouse } from "../lib/store/client";
import { migrate } from "../sql/migrate";

/**
 * How a command-line tool reaches the product's data. Embedded chDB admits one
 * process per data directory, so while a server runs on DATA_DIR a tool asks it over
 * its operator socket (server/operator-routes.ts), found from DATA_DIR alone, whatever
 * port the server serves on; with no server there, or with a ClickHouse server
 * (CLICKHOUSE_URL), the tool opens the store itself.
 */
export type StoreAccess = { via: "server"; dataDir: string } | { via: "store"; ch: ClickHouseClient; close(): Promise<void> };

export async function reachStore(env: Env, o: { migrate: boolean }): Promise<StoreAccess> {
  if (env.embedded && (await serverIsRunning(env.DATA_DIR))) return { via: "server", dataDir: env.DATA_DIR };
  return { via: "store", ch: await openStore(env, o), close: closeClickHouse };
}

/** The store opened by this process; a data directory it cannot open gets a sentence saying what to do. */
export async function openStore(env: Env, o: { migrate: boolean }): Promise<ClickHouseClient> {
  let ch: ClickHouseClient;
  try {
    ch = await getClickHouse(env);
  } catch (e) {
    if (!env.embedded) throw e;
    // chDB prints its own reason (usually "Cannot lock file": another process holds the directory) and
    // throws only "Failed to create connection". Held, yet nobody answered on the socket: a server still
    // starting (migrating), or another tool writing.
    throw new Error(
      `cannot open the store in ${env.DATA_DIR} (${(e as Error).message}); if another process holds it, no server answers on ${operatorSocketPath(env.DATA_DIR)}: a server still starting (try again once it listens) or another import running`,
      { cause: e },
    );
  }
  if (o.migrate) await migrate(ch);
  return ch;
}
