import { describe, expect, it } from "vitest";
import type { OAuthConfig } from "next-auth/providers/oauth";
import type { User } from "next-auth";
import { buildAuthOptions } from "@/lib/auth/options";
import { claim, claimValues, decideOidc, parseOidcPolicy, type Claims, type OidcPolicy, type OidcSettings } from "@/lib/auth/oidc/policy";
import { assertWebAuthConfig, parseEnv } from "@/lib/env";
import { refusalMessage } from "@/lib/auth/sign-in-refusal";

const base: OidcSettings = { OIDC_GROUPS_CLAIM: "groups", OIDC_ROLE_CLAIM: "roles" };
function policy(s: Partial<OidcSettings>): OidcPolicy {
  const parsed = parseOidcPolicy({ ...base, ...s });
  if ("problems" in parsed) throw new Error(parsed.problems.join("; "));
  return parsed.policy;
}

describe("OIDC allow-list", () => {
  const p = policy({ OIDC_ALLOWED_EMAILS: "Boss@Example.com", OIDC_ALLOWED_DOMAINS: "@cc.example.org", OIDC_ALLOWED_GROUPS: "cc-staff" });
  const roles = { roles: ["manager"] };

  it("lets in a listed email (any case), a listed domain (exactly) or a member of a listed group", () => {
    expect(decideOidc({ sub: "1", email: "boss@EXAMPLE.com", ...roles }, p).ok).toBe(true);
    expect(decideOidc({ sub: "2", email: "ana@cc.example.org", ...roles }, p).ok).toBe(true);
    expect(decideOidc({ sub: "3", email: "x@gmail.com", groups: ["other", "cc-staff"], ...roles }, p).ok).toBe(true);
    expect(decideOidc({ sub: "4", groups: "cc-staff", ...roles }, p).ok).toBe(true);
  });

  it("refuses everyone else: other emails and domains, subdomains, look-alikes, no claims at all", () => {
    for (const claims of [
      { sub: "5", email: "ana@gmail.com" },
      { sub: "6", email: "ana@sub.cc.example.org" },
      { sub: "7", email: "ana@evilcc.example.org" },
      { sub: "8", email: "cc.example.org@gmail.com" },
      { sub: "9", groups: ["cc-staff-not"] },
      { sub: "10", groups: { "cc-staff": true } },
      { sub: "11" },
    ] as Claims[]) {
      expect(decideOidc({ ...claims, ...roles }, p)).toMatchObject({ ok: false, code: "OidcNotAllowed" });
    }
  });

  it("does not trust an email the provider says is unverified", () => {
    expect(decideOidc({ sub: "1", email: "boss@example.com", email_verified: false, ...roles }, p)).toMatchObject({ ok: false, code: "OidcNotAllowed" });
    expect(decideOidc({ sub: "1", email: "boss@example.com", email_verified: "false", ...roles }, p)).toMatchObject({ ok: false });
    expect(decideOidc({ sub: "1", email: "boss@example.com", email_verified: true, ...roles }, p).ok).toBe(true);
  });

  it("refuses a token without a subject", () => {
    expect(decideOidc({ email: "boss@example.com", ...roles }, p)).toMatchObject({ ok: false, code: "OidcNotAllowed" });
  });
});

describe("OIDC roles", () => {
  const allow = { OIDC_ALLOWED_DOMAINS: "cc.example.org" };
  const who = { sub: "s1", email: "ana@cc.example.org" };

  it("without a map, takes a claim value that names one of our roles; none is a refusal, not a default", () => {
    const p = policy(allow);
    expect(decideOidc({ ...who, roles: ["staff", "supervisor"] }, p)).toMatchObject({ ok: true, user: { role: "supervisor" } });
    expect(decideOidc({ ...who, roles: "qa" }, p)).toMatchObject({ ok: true, user: { role: "qa" } });
    expect(decideOidc({ ...who, roles: ["root"] }, p)).toMatchObject({ ok: false, code: "OidcNoRole" });
    expect(decideOidc({ ...who }, p)).toMatchObject({ ok: false, code: "OidcNoRole" });
  });

  it("with a map, only mapped values count, and the most able role wins", () => {
    const p = policy({ ...allow, OIDC_ROLE_CLAIM: "groups", OIDC_ROLE_MAP: "cc-qa=qa, cc-sups=supervisor,cc-admins=admin" });
    expect(decideOidc({ ...who, groups: ["cc-qa", "cc-sups"] }, p)).toMatchObject({ ok: true, user: { role: "supervisor" } });
    expect(decideOidc({ ...who, groups: ["cc-admins", "cc-qa"] }, p)).toMatchObject({ ok: true, user: { role: "admin" } });
    // "admin" itself is not a mapped value here.
    expect(decideOidc({ ...who, groups: ["admin"] }, p)).toMatchObject({ ok: false, code: "OidcNoRole" });
  });

  it("reads nested (Keycloak) and namespaced URL (Auth0) claims, and a JSON map for values with commas", () => {
    const keycloak = policy({ ...allow, OIDC_ROLE_CLAIM: "realm_access.roles" });
    expect(decideOidc({ ...who, realm_access: { roles: ["offline_access", "manager"] } }, keycloak)).toMatchObject({ ok: true, user: { role: "manager" } });
    const auth0 = policy({ ...allow, OIDC_ROLE_CLAIM: "https://cc.example.org/roles" });
    expect(decideOidc({ ...who, "https://cc.example.org/roles": ["admin"] }, auth0)).toMatchObject({ ok: true, user: { role: "admin" } });
    const ldap = policy({ ...allow, OIDC_ROLE_CLAIM: "groups", OIDC_ROLE_MAP: '{"cn=cc-sup,ou=groups,dc=example": "supervisor"}' });
    expect(decideOidc({ ...who, groups: ["cn=cc-sup,ou=groups,dc=example"] }, ldap)).toMatchObject({ ok: true, user: { role: "supervisor" } });
  });

  it("uses OIDC_DEFAULT_ROLE only when it is set", () => {
    const p = policy({ ...allow, OIDC_DEFAULT_ROLE: "qa" });
    expect(decideOidc({ ...who, roles: ["nothing-of-ours"] }, p)).toMatchObject({ ok: true, user: { role: "qa" } });
    expect(decideOidc({ ...who, roles: ["manager"] }, p)).toMatchObject({ ok: true, user: { role: "manager" } });
  });

  it("claim values: strings and arrays of strings; other shapes are none", () => {
    expect(claimValues(["a", 1, null, "", "b"])).toEqual(["a", "b"]);
    expect(claimValues("a")).toEqual(["a"]);
    expect(claimValues({ a: 1 })).toEqual([]);
    expect(claimValues(undefined)).toEqual([]);
    expect(claim({ a: { b: ["x"] } }, "a.b")).toEqual(["x"]);
    expect(claim({ a: ["x"] }, "a.0")).toBeUndefined();
  });
});

describe("OIDC scope", () => {
  const p = policy({ OIDC_ALLOWED_DOMAINS: "cc.example.org", OIDC_SCOPE_CLAIM: "cc_scope" });
  const who = { sub: "s1", email: "ana@cc.example.org", roles: ["supervisor"] };

  it("reads teams and queues from an object or a JSON string; absent means the whole centre", () => {
    expect(decideOidc({ ...who, cc_scope: { teams: ["north"], queues: ["billing"] } }, p)).toMatchObject({
      ok: true,
      user: { scope: { teams: ["north"], queues: ["billing"] } },
    });
    expect(decideOidc({ ...who, cc_scope: '{"teams":["south"]}' }, p)).toMatchObject({ ok: true, user: { scope: { teams: ["south"], queues: [] } } });
    const whole = decideOidc(who, p);
    expect(whole.ok && whole.user.scope).toBeUndefined();
  });

  it("refuses a scope claim it cannot read rather than granting the whole centre", () => {
    for (const bad of ["north", "{not json", { teams: "north" }, { teams: [""] }, ["north"]]) {
      expect(decideOidc({ ...who, cc_scope: bad }, p)).toMatchObject({ ok: false, code: "OidcBadScope" });
    }
  });
});

describe("OIDC settings", () => {
  const oidc = { OIDC_ISSUER: "https://login.example.com", OIDC_CLIENT_ID: "cc", OIDC_CLIENT_SECRET: "x" };

  it("refuses to start with OIDC and no allow-list", () => {
    expect(() => assertWebAuthConfig(parseEnv(oidc))).toThrow(/OIDC_ALLOWED_EMAILS \/ OIDC_ALLOWED_DOMAINS \/ OIDC_ALLOWED_GROUPS: at least one is required/);
    expect(() => assertWebAuthConfig(parseEnv({ ...oidc, OIDC_ALLOWED_GROUPS: "cc-staff" }))).not.toThrow();
  });

  it("names bad allow-list entries and role-map pairs", () => {
    const problems = parseOidcPolicy({ ...base, OIDC_ALLOWED_EMAILS: "not-an-email", OIDC_ALLOWED_DOMAINS: "no_dots", OIDC_ROLE_MAP: "a=emperor,b,=qa" });
    expect("problems" in problems && problems.problems).toEqual([
      'OIDC_ALLOWED_EMAILS: "not-an-email" is not an email address',
      'OIDC_ALLOWED_DOMAINS: "no_dots" is not a domain',
      'OIDC_ROLE_MAP: "a" maps to "emperor", not a role of ours (admin, manager, supervisor, qa)',
      'OIDC_ROLE_MAP: "b" is not claimValue=role',
      'OIDC_ROLE_MAP: "=qa" is not claimValue=role',
    ]);
    expect(() => parseEnv({ ...oidc, OIDC_DEFAULT_ROLE: "root" })).toThrow(/OIDC_DEFAULT_ROLE/);
  });

  it("has no default role any more", () => {
    expect(parseEnv(oidc).OIDC_DEFAULT_ROLE).toBeUndefined();
  });
});

describe("the OIDC provider as next-auth calls it", () => {
  const raw = {
    CLICKHOUSE_URL: "http://ch:8123",
    NEXTAUTH_SECRET: "kQ3v9Zt1mW8pR2xL7nB4yH6sD0fJ5cGa",
    OIDC_ISSUER: "https://login.example.com",
    OIDC_CLIENT_ID: "cc",
    OIDC_CLIENT_SECRET: "x",
    OIDC_ALLOWED_GROUPS: "cc-staff",
    OIDC_ROLE_CLAIM: "groups",
    OIDC_ROLE_MAP: "cc-staff=manager,cc-sup=supervisor",
  };
  const env = parseEnv(raw);
  const options = buildAuthOptions(env);
  const provider = options.providers.find((p) => p.id === "oidc") as OAuthConfig<Claims>;
  const signInCallback = options.callbacks?.signIn;
  const tokens = {};

  async function signIn(claims: Claims): Promise<string | boolean> {
    const user = (await provider.profile(claims, tokens)) as User;
    if (!signInCallback) throw new Error("no signIn callback");
    return signInCallback({ user, account: null, profile: claims as never });
  }

  it("lets an allowed person in with the mapped role", async () => {
    const claims = { sub: "u1", name: "Ana", email: "ana@x.org", groups: ["cc-staff", "cc-sup"] };
    expect(await provider.profile(claims, tokens)).toEqual({ id: "u1", name: "Ana", email: "ana@x.org", role: "supervisor" });
    expect(await signIn(claims)).toBe(true);
  });

  it("sends anyone else back to the sign-in page with a reason it can show, and with no role", async () => {
    const outsider = { sub: "u2", email: "eve@x.org", groups: ["other"] };
    expect(await provider.profile(outsider, tokens)).not.toHaveProperty("role");
    expect(await signIn(outsider)).toBe("/signin?error=OidcNotAllowed");
    expect(refusalMessage("OidcNotAllowed")).toMatch(/not allowed into this application/);
    // Allowed by group, but the group maps to no role and there is no default.
    const env2 = parseEnv({ ...raw, OIDC_ROLE_MAP: "cc-sup=supervisor" });
    const p2 = buildAuthOptions(env2).providers.find((p) => p.id === "oidc") as OAuthConfig<Claims>;
    const user = (await p2.profile({ sub: "u3", groups: ["cc-staff"] }, tokens)) as User;
    expect(await signInCallback!({ user, account: null })).toBe("/signin?error=OidcNoRole");
  });
});
