/**
 * The origin (scheme://host[:port]) a request was made to, for next-auth's redirects
 * and cookie names. next-auth v4 falls back to http://localhost:3000 when
 * NEXTAUTH_URL is unset, whatever host the browser used; this is what we give it
 * instead (app/api/auth/[...nextauth]/route.ts).
 *
 * - NEXTAUTH_URL set: its origin, always.
 * - Otherwise the Host header, over http (`next start` itself speaks only http).
 * - With AUTH_TRUST_PROXY, X-Forwarded-Host and X-Forwarded-Proto (their first
 *   entries) instead: only a proxy the operator put in front may say which host and
 *   scheme the browser used. Without it a client could name any host it likes.
 *
 * The scheme rule is next-auth's own (anything but "http" is https), because
 * next-auth derives the session cookie's name from the same header when it reads a
 * session outside the auth route; both must agree on `__Secure-` or not.
 */
export type HeaderSource = { get(name: string): string | null };
export type OriginSettings = { nextauthUrl?: string; trustProxy: boolean };

const first = (value: string | null) => value?.split(",")[0]?.trim() || undefined;

/** host[:port]: a DNS name, IPv4 or [IPv6] literal; nothing that could smuggle a path or credentials in. */
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

export function requestOrigin(headers: HeaderSource, settings: OriginSettings): { origin: string } | { error: string } {
  if (settings.nextauthUrl) return { origin: new URL(settings.nextauthUrl).origin };
  const host = (settings.trustProxy ? first(headers.get("x-forwarded-host")) : undefined) ?? headers.get("host")?.trim();
  if (!host) return { error: "the request names no host (Host header missing)" };
  if (!HOST.test(host)) return { error: `the request's host is not a host name: ${JSON.stringify(host.slice(0, 100))}` };
  const proto = settings.trustProxy ? (first(headers.get("x-forwarded-proto")) ?? "http") : "http";
  return { origin: `${proto === "http" ? "http" : "https"}://${host.toLowerCase()}` };
}

/** Whether the session cookie is Secure (and `__Secure-` named), as next-auth decides it from the origin. */
export const secureCookies = (origin: string) => origin.startsWith("https://");
