import type { IncomingMessage } from "node:http";
import { decode } from "next-auth/jwt";
import type { SessionUser } from "./session-user";
import { resolveSessionUser } from "./sessions/resolve-user";

/** next-auth's session cookie, under both its names: which one a browser holds depends on how the site is reached (lib/auth/options.ts). */
const COOKIE_NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

/**
 * The signed-in user behind a raw Node request's session cookie (a WebSocket upgrade,
 * which never reaches next-auth's route handlers), resolved like every other request:
 * the cookie names a session, the session registry says whether it still stands and
 * for whom (lib/auth/sessions/resolve-user.ts).
 */
export async function upgradeSessionUser(req: IncomingMessage, secret: string): Promise<SessionUser | null> {
  const cookies = parseCookies(req.headers.cookie ?? "");
  for (const name of COOKIE_NAMES) {
    const value = cookieValue(cookies, name);
    if (!value) continue;
    const token = await decode({ token: value, secret }).catch(() => null);
    if (token) return resolveSessionUser(token.sid, token.sub);
  }
  return null;
}

/** The cookie, or its chunks joined in order (next-auth splits a cookie past 4 kB into name.0, name.1, ...). */
function cookieValue(cookies: Record<string, string>, name: string): string | undefined {
  if (cookies[name]) return cookies[name];
  const chunks: string[] = [];
  for (let i = 0; cookies[`${name}.${i}`] !== undefined; i++) chunks.push(cookies[`${name}.${i}`] ?? "");
  return chunks.length > 0 ? chunks.join("") : undefined;
}

function parseCookies(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    try {
      out[name] = decodeURIComponent(value);
    } catch {
      out[name] = value;
    }
  }
  return out;
}
