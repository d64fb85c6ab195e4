import { createHash, generateKeyPairSync, randomBytes, sign } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { authRouteWith, Browser } from "../helpers/auth-route";

/**
 * The whole single sign-on flow, next-auth and openid-client against a tiny OpenID
 * provider on loopback: discovery, the authorization redirect (state and PKCE), the
 * token exchange, an RS256-signed ID token checked against the provider's keys, then
 * our allow-list, role and scope decision.
 */
const CLIENT_ID = "cc-supervisor";
const CLIENT_SECRET = "provider-secret";
const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const b64url = (data: Buffer | string) => Buffer.from(data).toString("base64url");

/** Per authorization code issued: the claims of its ID token and the PKCE challenge it was bound to. */
const pending = new Map<string, { claims: Record<string, unknown>; challenge: string }>();
let issuer = "";
let server: http.Server;

function idToken(claims: Record<string, unknown>): string {
  const now = Math.floor(Date.now() / 1000);
  const header = b64url(JSON.stringify({ alg: "RS256", typ: "JWT", kid: "k1" }));
  const payload = b64url(JSON.stringify({ iss: issuer, aud: CLIENT_ID, iat: now, exp: now + 300, ...claims }));
  return `${header}.${payload}.${b64url(sign("RSA-SHA256", Buffer.from(`${header}.${payload}`), privateKey))}`;
}

function provider(req: http.IncomingMessage, res: http.ServerResponse): void {
  const url = new URL(req.url ?? "/", issuer);
  const json = (status: number, body: unknown): void => {
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  };
  if (url.pathname === "/.well-known/openid-configuration") {
    return json(200, {
      issuer,
      authorization_endpoint: `${issuer}/authorize`,
      token_endpoint: `${issuer}/token`,
      jwks_uri: `${issuer}/jwks`,
      response_types_supported: ["code"],
      subject_types_supported: ["public"],
      id_token_signing_alg_values_supported: ["RS256"],
      code_challenge_methods_supported: ["S256"],
    });
  }
  if (url.pathname === "/jwks") return json(200, { keys: [{ ...publicKey.export({ format: "jwk" }), kid: "k1", use: "sig", alg: "RS256" }] });
  if (url.pathname === "/token" && req.method === "POST") {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      const form = new URLSearchParams(body);
      const basic = Buffer.from((req.headers.authorization ?? "").replace(/^Basic /, ""), "base64").toString();
      const grant = pending.get(form.get("code") ?? "");
      pending.delete(form.get("code") ?? "");
      const verifier = form.get("code_verifier") ?? "";
      if (basic !== `${CLIENT_ID}:${CLIENT_SECRET}` || !grant || b64url(createHash("sha256").update(verifier).digest()) !== grant.challenge) {
        return json(400, { error: "invalid_grant" });
      }
      json(200, { access_token: b64url(randomBytes(16)), token_type: "Bearer", expires_in: 300, id_token: idToken(grant.claims) });
    });
    return;
  }
  json(404, { error: "not found" });
}

beforeAll(async () => {
  server = http.createServer(provider);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

/** Signs in through the provider as a person with these claims; the route's last answer. */
async function singleSignOn(claims: Record<string, unknown>): Promise<{ response: Response; browser: Browser }> {
  const { route } = await authRouteWith({
    OIDC_ISSUER: issuer,
    OIDC_CLIENT_ID: CLIENT_ID,
    OIDC_CLIENT_SECRET: CLIENT_SECRET,
    OIDC_ALLOWED_DOMAINS: "cc.example.org",
    OIDC_ROLE_CLAIM: "groups",
    OIDC_ROLE_MAP: "cc-sups=supervisor,cc-managers=manager",
    OIDC_SCOPE_CLAIM: "cc_scope",
  });
  const browser = new Browser(route, "http://cc.example.org:8080");
  // What next-auth/react's signIn("oidc") posts; the answer names the provider's authorization URL.
  const start = await browser.call("POST", "signin/oidc", { csrfToken: await browser.csrf(), callbackUrl: "/wallboard", json: "true" });
  const authorize = new URL(((await start.json()) as { url: string }).url);
  expect(authorize.origin + authorize.pathname).toBe(`${issuer}/authorize`);
  expect(authorize.searchParams.get("redirect_uri")).toBe("http://cc.example.org:8080/api/auth/callback/oidc");
  // The provider's side of the authorization step: the person signed in there, a code comes back.
  const code = b64url(randomBytes(16));
  pending.set(code, { claims, challenge: authorize.searchParams.get("code_challenge") ?? "" });
  const callback = new URL(authorize.searchParams.get("redirect_uri")!);
  const query = new URLSearchParams({ code, state: authorize.searchParams.get("state") ?? "" });
  return { response: await browser.call("GET", `${callback.pathname.replace("/api/auth/", "")}?${query}`), browser };
}

const sessionCookie = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith("next-auth.session-token="));

describe("single sign-on against a real (tiny) OpenID provider", () => {
  it("lets an allowed person in with the mapped role and scope", async () => {
    const { response, browser } = await singleSignOn({
      sub: "ana-1",
      email: "ana@cc.example.org",
      name: "Ana",
      groups: ["cc-sups"],
      cc_scope: { teams: ["north"] },
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("http://cc.example.org:8080/wallboard");
    expect(sessionCookie(response)).toBeDefined();
    const session = (await (await browser.call("GET", "session")).json()) as { user?: { name?: string; id?: string; sessionId?: string } };
    expect(session.user).toMatchObject({ name: "Ana", id: "ana-1" });
    // The cookie names a session; the role and scope the sign-on decided are the server's record of it.
    const { resolveSessionUser } = await import("@/lib/auth/sessions/resolve-user");
    expect(await resolveSessionUser(session.user?.sessionId, session.user?.id)).toMatchObject({ role: "supervisor", scope: { teams: ["north"], queues: [] } });
  });

  it("refuses someone the provider knows but the allow-list does not, back to the sign-in page with the reason", async () => {
    const { response } = await singleSignOn({ sub: "eve-1", email: "eve@gmail.com", groups: ["cc-sups"] });
    expect(response.headers.get("location")).toBe("/signin?error=OidcNotAllowed");
    expect(sessionCookie(response)).toBeUndefined();
  });

  it("refuses an allowed person with no role of ours (no silent default)", async () => {
    const { response } = await singleSignOn({ sub: "bo-1", email: "bo@cc.example.org", groups: ["everyone"] });
    expect(response.headers.get("location")).toBe("/signin?error=OidcNoRole");
    expect(sessionCookie(response)).toBeUndefined();
  });
});
