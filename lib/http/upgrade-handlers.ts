import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";

/**
 * WebSocket upgrades the web process answers itself. Next.js route handlers cannot
 * take an upgrade, so the HTTP server `npm start` runs (server/http-server.ts) hands
 * each upgrade to the handler registered here for its path, from whichever module
 * instance registered it (the runtime, inside Next's server bundle): the registry
 * lives on globalThis.
 */
export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

const KEY = Symbol.for("cc-supervisor.upgrade-handlers");
type Holder = { [KEY]?: Map<string, UpgradeHandler> };

function handlers(): Map<string, UpgradeHandler> {
  const holder = globalThis as Holder;
  holder[KEY] ??= new Map();
  return holder[KEY];
}

/** Registers the handler for one path; returns the function that removes it. */
export function setUpgradeHandler(path: string, handler: UpgradeHandler): () => void {
  handlers().set(path, handler);
  return () => {
    if (handlers().get(path) === handler) handlers().delete(path);
  };
}

/** The handler for a request's path (its query string aside), if any. */
export function upgradeHandlerFor(url: string | undefined): UpgradeHandler | undefined {
  const path = (url ?? "").split("?")[0] ?? "";
  return handlers().get(path);
}

/** Refuses an upgrade with a plain HTTP answer (the browser's WebSocket sees only that it failed; the status is for logs and tests). */
export function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  const text = { 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 503: "Service Unavailable" }[status] ?? "Error";
  if (socket.writable)
    socket.end(
      `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`,
    );
  socket.destroy();
}
