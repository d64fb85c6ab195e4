import http from "node:http";
import path from "node:path";

/**
 * Where the web process answers the command-line tools (npm run ch, the imports,
 * npm run kpi, the e2e suites): a Unix domain socket, never TCP, in a directory only
 * the server's user may enter, found from DATA_DIR alone (no port, no token).
 */
export const operatorSocketDir = (dataDir: string) => path.resolve(dataDir, "run");
export const operatorSocketPath = (dataDir: string) => path.join(operatorSocketDir(dataDir), "operator.sock");

/** Nobody listens on the socket (no server running, or a stale file): the caller may open the store itself. */
export class OperatorSocketUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OperatorSocketUnavailable";
  }
}

/** Sends one read-only query to the running server over its socket; the rows, or the server's reason for refusing. */
export async function queryOperatorSocket(dataDir: string, sql: string): Promise<unknown[]> {
  const answer = (await callOperatorSocket(dataDir, "/sql", { sql })) as { rows?: unknown };
  if (!Array.isArray(answer.rows)) throw new Error("the server answered without rows");
  return answer.rows;
}

/**
 * One request to the running server's operator socket (server/operator-routes.ts): its JSON
 * answer, or an Error with the server's reason. OperatorSocketUnavailable when nobody listens.
 */
export function callOperatorSocket(dataDir: string, route: string, body: unknown): Promise<unknown> {
  const text = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      // agent: false, a connection per request: a pooled one may belong to a server that has since stopped.
      {
        socketPath: operatorSocketPath(dataDir),
        agent: false,
        path: route,
        method: "POST",
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(text) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", reject);
        res.on("end", () => {
          let parsed: unknown;
          try {
            parsed = JSON.parse(Buffer.concat(chunks).toString("utf8"));
          } catch {
            return reject(new Error(`server answered ${res.statusCode} with a body that is not JSON`));
          }
          if (res.statusCode === 200) return resolve(parsed);
          const error = (parsed as { error?: unknown } | null)?.error;
          reject(new Error(typeof error === "string" ? error : `server answered ${res.statusCode}`));
        });
      },
    );
    req.on("error", (e: NodeJS.ErrnoException) => {
      const absent = e.code === "ENOENT" || e.code === "ECONNREFUSED";
      reject(absent ? new OperatorSocketUnavailable(`no server is listening on ${operatorSocketPath(dataDir)}`) : e);
    });
    req.end(text);
  });
}

/** Whether a server answers on DATA_DIR's operator socket (a stale socket file, from a server that died, is no server). */
export async function serverIsRunning(dataDir: string): Promise<boolean> {
  try {
    await callOperatorSocket(dataDir, "/hello", {});
    return true;
  } catch (e) {
    if (e instanceof OperatorSocketUnavailable) return false;
    throw e;
  }
}
