import http from "node:http";
import path from "node:path";

/**
 * Where the web process answers operator SQL (npm run ch, the e2e suites): a Unix
 * domain socket, never TCP, in a directory only the server's user may enter.
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
export function queryOperatorSocket(dataDir: string, sql: string): Promise<unknown[]> {
  const body = JSON.stringify({ sql });
  return new Promise((resolve, reject) => {
    const req = http.request(
      // agent: false, a connection per query: a pooled one may belong to a server that has since stopped.
      {
        socketPath: operatorSocketPath(dataDir),
        agent: false,
        path: "/sql",
        method: "POST",
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", reject);
        res.on("end", () => {
          try {
            const parsed = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { rows?: unknown[]; error?: string };
            if (res.statusCode === 200 && parsed.rows) resolve(parsed.rows);
            else reject(new Error(parsed.error ?? `server answered ${res.statusCode}`));
          } catch {
            reject(new Error(`server answered ${res.statusCode} with a body that is not JSON`));
          }
        });
      },
    );
    req.on("error", (e: NodeJS.ErrnoException) => {
      const absent = e.code === "ENOENT" || e.code === "ECONNREFUSED";
      reject(absent ? new OperatorSocketUnavailable(`no server is listening on ${operatorSocketPath(dataDir)}`) : e);
    });
    req.end(body);
  });
}
