import { createClient, type ClickHouseClient } from "@clickhouse/client";
import path from "node:path";
import fs from "node:fs";
import type { Env } from "../env";
import { PRIVATE_DIR_MODE, secureDataDir } from "./data-dir";
import { registerChdbRawInsert } from "./json-lines-insert";
import { limitSettings } from "./query-limits";
import { oneAtATime, type ClientConnection } from "./one-at-a-time";

/**
 * The one way to reach the store. With CLICKHOUSE_URL set it is a ClickHouse
 * server over HTTP; without, embedded chDB in this process. libchdb binds one
 * data directory per process, so the client is kept on globalThis: Next.js may
 * load this module more than once (instrumentation bundle, route bundles), and
 * every copy must share the one engine.
 */
const KEY = Symbol.for("cc-supervisor.clickhouse");
type Holder = { [KEY]?: Promise<ClickHouseClient> };

export function chdbPath(env: Env): string {
  return path.resolve(env.DATA_DIR, "chdb");
}

async function create(env: Env): Promise<ClickHouseClient> {
  const settings = {
    // Retries of the same batch carry the same token; a repeat is dropped whole,
    // including what it would have written through materialized views.
    deduplicate_blocks_in_dependent_materialized_views: 1 as const,
    date_time_output_format: "iso" as const,
    // The default since ClickHouse 23; set so an older server behaves the same (see event-row.ts).
    input_format_json_read_objects_as_strings: 1 as const,
    // chDB runs every query in one shared session, where a per-query setting stays set
    // for the queries after it. An insert's deduplication token would then silently
    // drop the next, token-less insert into a table with a deduplication window. Sending
    // an empty token with every query (a query's own settings override this) resets it.
    insert_deduplication_token: "",
    // Every query carries limits; a store call sends its own kind's (lib/store/store-call.ts).
    // These defaults bound a query that names none, and, sent with every query, keep one
    // query's limits from sticking to the next on chDB.
    ...limitSettings("interactive"),
  };
  if (env.CLICKHOUSE_URL) {
    return createClient({
      url: env.CLICKHOUSE_URL,
      username: env.CLICKHOUSE_USER,
      password: env.CLICKHOUSE_PASSWORD,
      database: env.CLICKHOUSE_DATABASE,
      // A server stops a read whose HTTP client went away (an aborted call closes its request).
      clickhouse_settings: { ...settings, cancel_http_readonly_queries_on_client_close: 1 },
    });
  }
  // chDB writes its files with this process's umask: owner only (see data-dir.ts).
  secureDataDir(env.DATA_DIR);
  const dir = chdbPath(env);
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  // Loaded lazily so a server deployment never loads the native library.
  const { createChdbConnection } = await import("chdb/connection");
  // chdb is built against its own copy of @clickhouse/client-common; the runtime
  // contract is the same (chdb's docs name this exact use), only the type identities differ.
  const chdbConnection = createChdbConnection({ path: dir });
  // One call at a time, raw inserts included (one-at-a-time.ts).
  const queue = oneAtATime(chdbConnection as unknown as ClientConnection);
  const client = createClient({ connection: queue.connection, clickhouse_settings: settings });
  registerChdbRawInsert(client, (params) => queue.exclusive(() => chdbConnection.chdb.rawInsert(params)));
  return client;
}

export function getClickHouse(env: Env): Promise<ClickHouseClient> {
  const holder = globalThis as Holder;
  holder[KEY] ??= create(env);
  return holder[KEY];
}

export async function closeClickHouse(): Promise<void> {
  const holder = globalThis as Holder;
  const client = holder[KEY];
  delete holder[KEY];
  if (client) await (await client).close();
}
