import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { NextApiRequest, NextApiResponse } from "next";
import type { Account, User } from "next-auth";
import { getServerSession } from "next-auth/next";
import { encode, type JWT } from "next-auth/jwt";
import { beforeAll, describe, expect, it } from "vitest";
import { SessionRegistry } from "@/lib/auth/sessions/registry";
import { memorySessionStore } from "./memory-session-store";

/**
 * Requests through next-auth's own session handling (the cookie decoded, the jwt
 * and session callbacks run) and the resolution every request makes: what a
 * request carrying a given cookie is let do after the user is removed, their role
 * changed, or they signed out. Before server-side sessions the cookie alone
 * decided, so each of these kept the old access.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sessions-"));
const usersFile = path.join(dir, "users.json");
const secret = "a-test-secret-that-is-long-enough-0123456789";
Object.assign(process.env, { AUTH_USERS_FILE: usersFile, DEMO_MODE: "false", NEXTAUTH_SECRET: secret, NEXTAUTH_URL: "http://localhost:3000", DATA_DIR: dir });
(globalThis as Record<symbol, unknown>)[Symbol.for("cc-supervisor.session-registry")] = new SessionRegistry({ store: memorySessionStore() });

const { authOptions } = await import("@/lib/auth/options");
const { userFromSession } = await import("@/lib/auth/sessions/resolve-user");
const { authorize } = await import("@/lib/api/authorize");
const { errorResponse } = await import("@/lib/http/errors");

type Entry = { username: string; name: string; role: string; passwordHash?: string; disabled?: boolean };
const writeUsers = (users: Entry[]) => fs.writeFileSync(usersFile, JSON.stringify({ users }));
const sam: Entry = { username: "sam", name: "Sam", role: "supervisor", passwordHash: "scrypt$16384$8$1$AA==$AA==" };

/** A sign-in as next-auth makes it: the jwt callback with the user the provider returned, then the signed cookie. */
async function signIn(user: User & { role?: string }, provider: string): Promise<{ cookie: string; token: JWT }> {
  const account = { provider, type: provider === "credentials" ? "credentials" : "oauth", providerAccountId: user.id } as Account;
  const token = await authOptions().callbacks!.jwt!({ token: {}, user, account });
  return { cookie: await encode({ token, secret }), token };
}

/** One request with that cookie: who it acts for (null: signed out), and the status a declared endpoint would answer. */
async function request(cookie: string) {
  const cookies: string[] = [];
  const req = { cookies: { "next-auth.session-token": cookie }, headers: {} } as unknown as NextApiRequest;
  const res = { getHeader: () => undefined, setHeader: (_: string, v: string[]) => cookies.push(...v) } as unknown as NextApiResponse;
  const user = await userFromSession(await getServerSession(req, res, authOptions()));
  let status = 200;
  try {
    authorize(user, { capability: "wallboard" });
  } catch (e) {
    status = errorResponse(e).status;
  }
  return { user, status, cleared: cookies.some((c) => c.startsWith("next-auth.session-token=;")) };
}

beforeAll(() => writeUsers([sam]));

describe("a request's session", () => {
  it("acts for a signed-in user with the role from the users file", async () => {
    const { cookie } = await signIn({ id: "sam", name: "Sam", role: "supervisor" }, "credentials");
    expect(await request(cookie)).toMatchObject({ status: 200, user: { id: "sam", role: "supervisor" } });
  });

  it("takes a role change on the very next request", async () => {
    const { cookie } = await signIn({ id: "sam", name: "Sam", role: "supervisor" }, "credentials");
    writeUsers([{ ...sam, role: "qa" }]);
    const r = await request(cookie);
    writeUsers([sam]);
    expect(r.user?.role).toBe("qa");
    expect(r.status).toBe(403); // QA may not open the wallboard
  });

  it("signs a removed user out on the next request and clears the cookie instead of renewing it", async () => {
    const { cookie } = await signIn({ id: "sam", name: "Sam", role: "supervisor" }, "credentials");
    writeUsers([]);
    const r = await request(cookie);
    writeUsers([sam]);
    expect(r).toMatchObject({ user: null, status: 401, cleared: true });
  });

  it("refuses a copy of the cookie once its session signed out", async () => {
    const { cookie, token } = await signIn({ id: "sam", name: "Sam", role: "supervisor" }, "credentials");
    const copy = cookie;
    expect((await request(copy)).status).toBe(200);
    await authOptions().events!.signOut!({ token, session: undefined as never });
    expect(await request(copy)).toMatchObject({ user: null, status: 401, cleared: true });
  });

  it("refuses a cookie naming another user than its session's", async () => {
    const { token } = await signIn({ id: "sam", name: "Sam", role: "supervisor" }, "credentials");
    const forged = await encode({ token: { ...token, sub: "someone-else" }, secret });
    expect((await request(forged)).status).toBe(401);
  });

  it("keeps a single sign-on user's role from sign-in until a users-file entry disables them", async () => {
    const { cookie } = await signIn({ id: "oidc-kim", name: "Kim", role: "supervisor" }, "oidc");
    expect((await request(cookie)).user).toMatchObject({ id: "oidc-kim", role: "supervisor" });
    writeUsers([sam, { username: "oidc-kim", name: "Kim", role: "supervisor", disabled: true }]);
    const r = await request(cookie);
    writeUsers([sam]);
    expect(r).toMatchObject({ user: null, status: 401 });
  });
});
