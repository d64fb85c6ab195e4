import http, { type IncomingMessage } from "node:http";
import { markPeerStamped, PEER_HEADER } from "@/lib/auth/client-address";

const KEY = Symbol.for("cc-supervisor.peer-address-patch");
type Holder = { [KEY]?: boolean };

/**
 * Stamps every HTTP request this process serves with its socket's peer address
 * (PEER_HEADER), overwriting whatever the client put there. Next.js hands route
 * handlers no socket, and its `X-Forwarded-For` keeps a client-supplied value, so
 * without this a client could pick the address the sign-in throttle counts it by.
 *
 * `next start` creates its http.Server before instrumentation runs, so the stamp
 * goes on the prototype's `emit`, which every server instance uses for "request".
 */
export function stampPeerAddresses(): void {
  const holder = globalThis as Holder;
  if (holder[KEY]) return;
  holder[KEY] = true;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "request") {
      const req = args[0] as IncomingMessage;
      req.headers[PEER_HEADER] = req.socket.remoteAddress ?? "unknown";
    }
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  } as typeof emit;
  markPeerStamped();
}
