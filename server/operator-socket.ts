import fs from "node:fs";
import http from "node:http";
import { ZodError } from "zod";
import type { Env } from "@/lib/env";
import { InvalidInput } from "@/lib/errors/domain-errors";
import { describeZodError } from "@/lib/http/errors";
import { operatorSocketDir, operatorSocketPath } from "@/lib/runtime/operator-socket-client";
import { operatorRoutes, type OperatorDeps, type OperatorRoutes } from "./operator-routes";

/** Linux's limit for a socket path (sun_path is 108 bytes with the terminating NUL). */
const MAX_SOCKET_PATH_BYTES = 107;

export type OperatorSocket = { path: string; close(): Promise<void> };

/**
 * The operator channel of the command-line tools (npm run ch, import:queue-log,
 * import:recordings, kpi) while this process holds the embedded store (chDB allows
 * one process per data directory). It is not an HTTP route: it listens on a Unix
 * domain socket in DATA_DIR/run (directory 0700, socket 0600), so only the server's
 * own user (and root) can connect, and nothing listens on a network interface. Those
 * are the people who could read the store's files anyway, so it needs no token, and
 * a tool finds it from DATA_DIR alone, whatever port the web server serves on. With a
 * ClickHouse server there is nothing to share: the tools connect to it directly.
 */
export function startOperatorSocket(env: Env, deps: OperatorDeps, log: (line: string) => void): { stop(): Promise<void> } {
  if (!env.embedded) return { stop: async () => {} };
  const started = listenOperatorSocket(env.DATA_DIR, operatorRoutes(deps)).then(
    (socket) => {
      log(`operator socket (npm run ch, import:queue-log, import:recordings, kpi) on ${socket.path}`);
      return socket;
    },
    (e: unknown) => {
      // The dashboards do not need it: say why and carry on.
      log(`operator socket not started: ${(e as Error).message}`);
      return undefined;
    },
  );
  return { stop: async () => (await started)?.close() };
}

export async function listenOperatorSocket(dataDir: string, routes: OperatorRoutes): Promise<OperatorSocket> {
  const dir = operatorSocketDir(dataDir);
  const file = operatorSocketPath(dataDir);
  if (Buffer.byteLength(file) > MAX_SOCKET_PATH_BYTES) throw new Error(`socket path ${file} is longer than ${MAX_SOCKET_PATH_BYTES} bytes: use a shorter DATA_DIR`);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const st = fs.lstatSync(dir);
  if (!st.isDirectory() || st.uid !== process.getuid?.()) throw new Error(`${dir} must be a directory owned by this user`);
  fs.chmodSync(dir, 0o700);
  removeStaleSocket(file);
  // A client that hangs up mid-request (npm run ch interrupted) must not become an unhandled rejection.
  const server = http.createServer((req, res) => answer(req, res, routes).catch(() => res.destroy()));
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

async function answer(req: http.IncomingMessage, res: http.ServerResponse, routes: OperatorRoutes): Promise<void> {
  const reply = (status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
  const route = req.method === "POST" ? routes[req.url ?? ""] : undefined;
  if (!route) return reply(404, { error: `POST one of ${Object.keys(routes).join(", ")} with a JSON body` });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > route.maxBodyBytes) return reply(413, { error: `body larger than ${route.maxBodyBytes} bytes` });
    chunks.push(chunk);
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    return reply(400, { error: "body must be JSON" });
  }
  try {
    reply(200, await route.run(body));
  } catch (e) {
    if (e instanceof ZodError) return reply(400, { error: describeZodError(e) });
    // The tools print the message: the operator is the server's own user, who reads its log anyway.
    reply(e instanceof InvalidInput ? 400 : 500, { error: (e as Error).message });
  }
}
