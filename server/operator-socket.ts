import fs from "node:fs";
import http from "node:http";
import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import type { Env } from "@/lib/env";
import { operatorSocketDir, operatorSocketPath } from "@/lib/runtime/operator-socket-client";
import { MAX_OPERATOR_QUERY_CHARS } from "@/lib/store/operator-sql/operator-query-text";
import { runOperatorQuery } from "@/lib/store/operator-sql/run-operator-query";

/** Linux's limit for a socket path (sun_path is 108 bytes with the terminating NUL). */
const MAX_SOCKET_PATH_BYTES = 107;
const bodySchema = z.object({ sql: z.string().min(1).max(MAX_OPERATOR_QUERY_CHARS) });

export type OperatorSocket = { path: string; close(): Promise<void> };

/**
 * Operator SQL for `npm run ch` while this process holds the embedded store (chDB
 * allows one process per data directory). It is not an HTTP route: it listens on a
 * Unix domain socket in DATA_DIR/run (directory 0700, socket 0600), so only the
 * server's own user (and root) can connect, and nothing listens on a network
 * interface. Those are the people who could read the store's files anyway. With a
 * ClickHouse server there is nothing to share: npm run ch connects to it directly.
 */
export function startOperatorSql(env: Env, ch: ClickHouseClient, log: (line: string) => void): { stop(): Promise<void> } {
  if (!env.embedded) return { stop: async () => {} };
  const started = listenOperatorSocket(env.DATA_DIR, (sql) => runOperatorQuery(ch, sql)).then(
    (socket) => {
      log(`operator SQL (npm run ch) on ${socket.path}`);
      return socket;
    },
    (e: unknown) => {
      // The dashboards do not need it: say why and carry on.
      log(`operator SQL socket not started: ${(e as Error).message}`);
      return undefined;
    },
  );
  return { stop: async () => (await started)?.close() };
}

export async function listenOperatorSocket(dataDir: string, run: (sql: string) => Promise<unknown[]>): Promise<OperatorSocket> {
  const dir = operatorSocketDir(dataDir);
  const file = operatorSocketPath(dataDir);
  if (Buffer.byteLength(file) > MAX_SOCKET_PATH_BYTES) throw new Error(`socket path ${file} is longer than ${MAX_SOCKET_PATH_BYTES} bytes: use a shorter DATA_DIR`);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const st = fs.lstatSync(dir);
  if (!st.isDirectory() || st.uid !== process.getuid?.()) throw new Error(`${dir} must be a directory owned by this user`);
  fs.chmodSync(dir, 0o700);
  removeStaleSocket(file);
  // A client that hangs up mid-request (npm run ch interrupted) must not become an unhandled rejection.
  const server = http.createServer((req, res) => answer(req, res, run).catch(() => res.destroy()));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(file, () => resolve());
  });
  fs.chmodSync(file, 0o600);
  return {
    path: file,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        fs.rmSync(file, { force: true });
      }),
  };
}

/** A socket left by a process that died; the embedded store's lock means no live server owns it. */
function removeStaleSocket(file: string): void {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(file);
  } catch {
    return;
  }
  if (!st.isSocket()) throw new Error(`${file} exists and is not a socket`);
  fs.unlinkSync(file);
}

async function answer(req: http.IncomingMessage, res: http.ServerResponse, run: (sql: string) => Promise<unknown[]>): Promise<void> {
  const reply = (status: number, body: object) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
  if (req.method !== "POST" || req.url !== "/sql") return reply(404, { error: 'POST /sql with {"sql": "SELECT ..."}' });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_OPERATOR_QUERY_CHARS * 4 + 1024) return reply(413, { error: "query too long" });
    chunks.push(chunk);
  }
  let sql: string;
  try {
    sql = bodySchema.parse(JSON.parse(Buffer.concat(chunks).toString("utf8"))).sql;
  } catch {
    return reply(400, { error: `body must be JSON: {"sql": "SELECT ..."} with at most ${MAX_OPERATOR_QUERY_CHARS} characters` });
  }
  try {
    reply(200, { rows: await run(sql) });
  } catch (e) {
    // A refusal, or the engine's own complaint about the query (unknown column, a limit reached): the operator's to read.
    reply(400, { error: (e as Error).message });
  }
}
