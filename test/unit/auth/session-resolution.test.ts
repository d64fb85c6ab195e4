import { describe, expect, it } from "vitest";
import { resolveUser } from "@/lib/auth/sessions/resolve-user";
import type { SessionRecord } from "@/lib/auth/sessions/session-record";
import type { UserRecord } from "@/lib/auth/users-file";

/** Who a session acts for, from the session and the users file: the rules of lib/auth/sessions/resolve-user.ts. */
const now = 1_800_000_000_000;
const session = (over: Partial<SessionRecord> = {}): SessionRecord => ({
  sid: "s1",
  userId: "sam",
  provider: "credentials",
  name: "Sam at sign-in",
  role: "admin",
  createdAt: now - 60_000,
  lastSeenAt: now - 60_000,
  expiresAt: now + 3_600_000,
  clientAddress: "",
  userAgent: "",
  revokedAt: 0,
  revokedBy: "",
  ...over,
});
const entry = (over: Partial<UserRecord> = {}): UserRecord => ({ username: "sam", name: "Sam", role: "supervisor", passwordHash: "scrypt$x", ...over });

describe("resolving a password user's session", () => {
  it("takes the role, scope and name from the users file, not from sign-in", () => {
    expect(resolveUser(session(), entry({ scope: { teams: ["t1"], queues: [] } }), now)).toEqual({
      id: "sam",
      sessionId: "s1",
      name: "Sam",
      role: "supervisor",
      scope: { teams: ["t1"], queues: [] },
    });
  });

  it("carries the user's phone extension from the file, and none when the entry has none", () => {
    expect(resolveUser(session(), entry({ extension: "2001" }), now)).toMatchObject({ id: "sam", extension: "2001" });
    expect(resolveUser(session(), entry(), now)).not.toHaveProperty("extension");
  });

  it("signs out a user removed from the file or disabled", () => {
    expect(resolveUser(session(), undefined, now)).toBeNull();
    expect(resolveUser(session(), entry({ disabled: true }), now)).toBeNull();
  });

  it("signs out an unknown, revoked or expired session", () => {
    expect(resolveUser(undefined, entry(), now)).toBeNull();
    expect(resolveUser(session({ revokedAt: now - 1 }), entry(), now)).toBeNull();
    expect(resolveUser(session({ expiresAt: now }), entry(), now)).toBeNull();
  });
});

describe("resolving a single sign-on user's session", () => {
  const oidc = session({ provider: "oidc", userId: "sam", role: "manager", scope: { teams: [], queues: ["sales"] } });

  it("keeps the role and scope the provider gave at sign-in", () => {
    expect(resolveUser(oidc, undefined, now)).toMatchObject({ role: "manager", scope: { teams: [], queues: ["sales"] }, name: "Sam at sign-in" });
  });

  it("lets a users-file entry with the same id replace them, or shut the user out", () => {
    expect(resolveUser(oidc, entry({ passwordHash: undefined, role: "qa" }), now)).toEqual({ id: "sam", sessionId: "s1", name: "Sam", role: "qa" });
    expect(resolveUser(oidc, entry({ passwordHash: undefined, disabled: true }), now)).toBeNull();
    // The override entry is also where a single sign-on user's phone extension is kept.
    expect(resolveUser(oidc, entry({ passwordHash: undefined, extension: "2005" }), now)).toMatchObject({ role: "supervisor", extension: "2005" });
  });

  it("is never spoken for by a password user's entry that happens to share the id the provider chose", () => {
    const chosenByProvider = session({ provider: "oidc", userId: "admin", role: "qa" });
    expect(resolveUser(chosenByProvider, entry({ username: "admin", role: "admin" }), now)).toMatchObject({ role: "qa" });
    expect(resolveUser(chosenByProvider, entry({ username: "admin", role: "admin", disabled: true }), now)).toMatchObject({ role: "qa" });
  });
});
