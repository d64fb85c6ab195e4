import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * The short-lived ticket a browser shows when it opens the monitoring relay's
 * WebSocket (docs/telephony.md): a WebSocket upgrade carries no body and a page
 * cannot add headers to it, so the start (or token) answer hands one out, and the
 * relay checks it together with the session cookie. It is bound to the user, to
 * their sign-in session and to one monitoring session, is good for one purpose
 * (this relay) and about a minute, and its MAC uses a key derived from the auth
 * secret for this purpose alone, so it can never pass as a session cookie or the
 * other way round.
 */

export const MONITOR_TOKEN_TTL_MS = 60_000;
const PURPOSE = "monitor-relay";

export type MonitorTokenClaims = { userId: string; authSessionId: string; monitorSessionId: string };
type Payload = MonitorTokenClaims & { purpose: string; exp: number; nonce: string };

function key(secret: string): Buffer {
  return createHmac("sha256", secret).update("cc-supervisor monitor relay token v1").digest();
}

function mac(secret: string, body: string): Buffer {
  return createHmac("sha256", key(secret)).update(body).digest();
}

export function mintMonitorToken(secret: string, claims: MonitorTokenClaims, now: number, ttlMs = MONITOR_TOKEN_TTL_MS): { token: string; expiresAt: number } {
  const payload: Payload = { ...claims, purpose: PURPOSE, exp: now + ttlMs, nonce: randomBytes(12).toString("base64url") };
  const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
  return { token: `${body}.${mac(secret, body).toString("base64url")}`, expiresAt: payload.exp };
}

export type VerifiedToken = { ok: true; claims: MonitorTokenClaims; nonce: string; expiresAt: number } | { ok: false; problem: string };

/** The token's claims when its MAC, purpose and expiry hold; which one failed otherwise (for the server log, not the client). */
export function verifyMonitorToken(secret: string, token: string, now: number): VerifiedToken {
  const [body, sig, extra] = token.split(".");
  if (!body || !sig || extra !== undefined) return { ok: false, problem: "malformed token" };
  const expected = mac(secret, body);
  const given = Buffer.from(sig, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, problem: "bad signature" };
  let p: Partial<Payload>;
  try {
    p = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as Partial<Payload>;
  } catch {
    return { ok: false, problem: "malformed token" };
  }
  if (p.purpose !== PURPOSE) return { ok: false, problem: "token for another purpose" };
  if (typeof p.exp !== "number" || p.exp <= now) return { ok: false, problem: "token expired" };
  if (typeof p.userId !== "string" || typeof p.authSessionId !== "string" || typeof p.monitorSessionId !== "string" || typeof p.nonce !== "string") {
    return { ok: false, problem: "malformed token" };
  }
  return { ok: true, claims: { userId: p.userId, authSessionId: p.authSessionId, monitorSessionId: p.monitorSessionId }, nonce: p.nonce, expiresAt: p.exp };
}

/** Remembers the tokens already used until they expire, so each opens one connection only. */
export class UsedTokens {
  private readonly used = new Map<string, number>();

  /** True the first time a nonce is shown (and remembered until `expiresAt`), false after. */
  claim(nonce: string, expiresAt: number, now: number): boolean {
    for (const [n, exp] of this.used) if (exp <= now) this.used.delete(n);
    if (this.used.has(nonce)) return false;
    this.used.set(nonce, expiresAt);
    return true;
  }
}
