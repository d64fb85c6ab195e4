import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { MONITOR_TOKEN_TTL_MS, mintMonitorToken, UsedTokens, verifyMonitorToken } from "@/lib/telephony/monitor-token";

/** The relay's ticket: bound to its claims, good for about a minute, for one purpose, unforgeable without the secret, used once. */

const SECRET = "a-secret-long-enough-for-the-test-0123456789";
const claims = { userId: "sam", authSessionId: "sid-1", monitorSessionId: "ms-1" };
const T = 1_800_000_000_000;

describe("monitor relay tokens", () => {
  it("verify with their claims until they expire, about a minute after minting", () => {
    const { token, expiresAt } = mintMonitorToken(SECRET, claims, T);
    expect(expiresAt).toBe(T + MONITOR_TOKEN_TTL_MS);
    expect(MONITOR_TOKEN_TTL_MS).toBe(60_000);
    const v = verifyMonitorToken(SECRET, token, T + 59_999);
    expect(v.ok && v.claims).toEqual(claims);
    expect(verifyMonitorToken(SECRET, token, T + 60_000)).toEqual({ ok: false, problem: "token expired" });
  });

  it("refuse another secret, a changed claim, a token for another purpose and junk", () => {
    const { token } = mintMonitorToken(SECRET, claims, T);
    expect(verifyMonitorToken(`${SECRET}x`, token, T)).toEqual({ ok: false, problem: "bad signature" });
    const [body, sig] = token.split(".") as [string, string];
    const payload = JSON.parse(Buffer.from(body, "base64url").toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...payload, userId: "eve" })).toString("base64url");
    expect(verifyMonitorToken(SECRET, `${forged}.${sig}`, T)).toEqual({ ok: false, problem: "bad signature" });
    // Signed with the right (derived) key, but minted for some other use: still refused.
    const key = createHmac("sha256", SECRET).update("cc-supervisor monitor relay token v1").digest();
    const other = Buffer.from(JSON.stringify({ ...payload, purpose: "download" })).toString("base64url");
    expect(verifyMonitorToken(SECRET, `${other}.${createHmac("sha256", key).update(other).digest("base64url")}`, T)).toEqual({
      ok: false,
      problem: "token for another purpose",
    });
    // The raw auth secret (what signs session cookies) is not the token's key.
    const raw = createHmac("sha256", SECRET).update(body).digest("base64url");
    expect(verifyMonitorToken(SECRET, `${body}.${raw}`, T)).toEqual({ ok: false, problem: "bad signature" });
    for (const junk of ["", "abc", "a.b.c", `${body}.`]) expect(verifyMonitorToken(SECRET, junk, T).ok).toBe(false);
  });

  it("are each good for one connection", () => {
    const used = new UsedTokens();
    const a = verifyMonitorToken(SECRET, mintMonitorToken(SECRET, claims, T).token, T);
    const b = verifyMonitorToken(SECRET, mintMonitorToken(SECRET, claims, T).token, T);
    if (!a.ok || !b.ok) throw new Error("tokens should verify");
    expect(used.claim(a.nonce, a.expiresAt, T)).toBe(true);
    expect(used.claim(a.nonce, a.expiresAt, T + 1)).toBe(false);
    expect(used.claim(b.nonce, b.expiresAt, T + 1)).toBe(true);
  });
});
