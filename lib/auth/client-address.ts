import type { HeaderSource } from "./request-origin";

/**
 * The client address a sign-in is throttled by.
 *
 * Next.js gives route handlers no socket address, and the `X-Forwarded-For` it
 * passes on is whatever the client sent, if it sent one: a client could name a new
 * address per guess. So the web process stamps every request with its socket's peer
 * address under PEER_HEADER (server/peer-address.ts, replacing any such header the
 * client sent), and this reads that. Behind a trusted proxy (AUTH_TRUST_PROXY) the
 * peer is the proxy, and the client is the last `X-Forwarded-For` entry: the one the
 * proxy itself appended.
 */
export const PEER_HEADER = "x-cc-peer-address";

const STAMPED = Symbol.for("cc-supervisor.peer-address-stamped");
type Holder = { [STAMPED]?: boolean };

/** Set by the web process once every request carries a trustworthy PEER_HEADER. */
export function markPeerStamped(): void {
  (globalThis as Holder)[STAMPED] = true;
}
const peerStamped = () => (globalThis as Holder)[STAMPED] === true;

export function clientAddress(headers: HeaderSource, trustProxy: boolean, stamped: boolean = peerStamped()): string {
  const peer = stamped ? headers.get(PEER_HEADER)?.trim() || undefined : undefined;
  if (trustProxy) {
    const last = headers
      .get("x-forwarded-for")
      ?.split(",")
      .map((a) => a.trim())
      .filter((a) => a.length > 0)
      .at(-1);
    return last ?? peer ?? "unknown";
  }
  return peer ?? "unknown";
}
