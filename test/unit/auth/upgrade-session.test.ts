import fs from "node:fs";
import type { IncomingMessage } from "node:http";
import os from "node:os";
import path from "node:path";
import type { Account, User } from "next-auth";
import { encode } from "next-auth/jwt";
import { beforeAll, describe, expect, it } from "vitest";
import { SessionRegistry } from "@/lib/auth/sessions/registry";
import { memorySessionStore } from "./memory-session-store";

/**
 * The session cookie on a raw WebSocket upgrade (the monitoring relay), which never
 * passes through next-auth's handlers: decoded under either cookie name or in chunks,
 * and resolved through the session registry like every other request.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "upgrade-session-"));
const usersFile = path.join(dir, "users.json");
const secret = "a-test-secret-that-is-long-enough-0123456789";
Object.assign(process.env, { AUTH_USERS_FILE: usersFile, DEMO_MODE: "false", NEXTAUTH_SECRET: secret, NEXTAUTH_URL: "http://localhost:3000", DATA_DIR: dir });
const registry = new SessionRegistry({ store: memorySessionStore() });
(globalThis as Record<symbol, unknown>)[Symbol.for("cc-supervisor.session-registry")] = registry;

const { authOptions } = await import("@/lib/auth/options");
const { upgradeSessionUser } = await import("@/lib/auth/upgrade-session");

beforeAll(() =>
  fs.writeFileSync(usersFile, JSON.stringify({ users: [{ username: "sam", name: "Sam", role: "supervisor", passwordHash: "scrypt$16384$8$1$AA==$AA==" }] })),
);

async function cookieFor(user: User & { role?: string }): Promise<{ cookie: string; sid: string }> {
  const account = { provider: "credentials", type: "credentials", providerAccountId: user.id } as Account;
  const token = await authOptions().callbacks!.jwt!({ token: {}, user, account });
  return { cookie: await encode({ token, secret }), sid: String(token.sid) };
}

const upgrade = (cookieHeader: string) => ({ headers: { cookie: cookieHeader } }) as IncomingMessage;

describe("the session cookie on a WebSocket upgrade", () => {
  it("resolves the signed-in user under either cookie name, or from chunks, among other cookies", async () => {
    const { cookie, sid } = await cookieFor({ id: "sam", name: "Sam", role: "supervisor" });
    const expected = { id: "sam", name: "Sam", role: "supervisor", sessionId: sid };
    expect(await upgradeSessionUser(upgrade(`theme=dark; next-auth.session-token=${cookie}`), secret)).toEqual(expected);
    expect(await upgradeSessionUser(upgrade(`__Secure-next-auth.session-token=${cookie}`), secret)).toEqual(expected);
    const half = Math.floor(cookie.length / 2);
    expect(await upgradeSessionUser(upgrade(`next-auth.session-token.0=${cookie.slice(0, half)}; next-auth.session-token.1=${cookie.slice(half)}`), secret)).toEqual(
      expected,
    );
  });

  it("is nobody without a cookie, with one sealed by another secret, or once the session is revoked", async () => {
    const { cookie, sid } = await cookieFor({ id: "sam", name: "Sam", role: "supervisor" });
    expect(await upgradeSessionUser(upgrade(""), secret)).toBeNull();
    expect(await upgradeSessionUser(upgrade(`next-auth.session-token=${cookie}`), `${secret}-other`)).toBeNull();
    expect(await upgradeSessionUser(upgrade("next-auth.session-token=junk"), secret)).toBeNull();
    await registry.revoke(sid, "test");
    expect(await upgradeSessionUser(upgrade(`next-auth.session-token=${cookie}`), secret)).toBeNull();
  });
});
