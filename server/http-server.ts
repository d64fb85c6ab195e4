import http from "node:http";
import next from "next";
import { assertWebAuthConfig, EnvError, getEnv, type Env } from "../lib/env";
import { refuseUpgrade, upgradeHandlerFor } from "../lib/http/upgrade-handlers";

/**
 * The production HTTP server `npm start` runs: Next.js's request handler for every
 * request, as `next start` would, plus WebSocket upgrades, which Next.js route
 * handlers cannot take (the monitoring relay, server/monitor-relay.ts). Next's
 * instrumentation runs in this same process during prepare(), so the runtime, the
 * platform registry and the relay's handler are on this process's globalThis.
 */
export async function serveNext(opts: { port: number; dir?: string }): Promise<http.Server> {
  const server = http.createServer();
  // Next attaches its own upgrade listener to the server it is given (or the request's): it only serves
  // development hot reload and would end any other upgrade it matched to a route, so it gets a stand-in.
  const app = next({ dev: false, dir: opts.dir ?? process.cwd(), port: opts.port, httpServer: upgradeStandIn() });
  await app.prepare();
  const handle = app.getRequestHandler();
  server.on("request", (req, res) => {
    // A rejection left unhandled would end the process (Node 20): answer 500 and carry on.
    handle(req, res).catch((e: unknown) => {
      console.error("http: request failed", e);
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  });
  server.on("upgrade", (req, socket, head) => {
    const handler = upgradeHandlerFor(req.url);
    if (handler) handler(req, socket, head);
    else refuseUpgrade(socket, 404, "no WebSocket here");
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, () => resolve());
  });
  return server;
}

/** An http.Server that is never started, for Next's upgrade listener to sit on. */
function upgradeStandIn(): http.Server {
  return http.createServer();
}

/** What `npm start` (after its build check) and the Docker image (scripts/serve.ts) run: production mode, as `next start` sets it, until a signal. */
export async function runProductionServer(port: number): Promise<void> {
  // The CSP and React's build depend on it.
  Object.assign(process.env, { NODE_ENV: "production" });
  await serveNext({ port });
  console.log(`Listening on http://localhost:${port}`);
  // As `next start` does: a signal ends the process (128 + the signal's number).
  process.on("SIGINT", () => process.exit(130));
  process.on("SIGTERM", () => process.exit(143));
}

/** The web server's settings, checked; a bad one ends the process with its message (a server that cannot sign anyone in must not start). */
export function webEnvOrExit(): Env {
  try {
    const env = getEnv();
    assertWebAuthConfig(env);
    return env;
  } catch (e) {
    console.error(e instanceof EnvError ? e.message : e);
    process.exit(1);
  }
}
