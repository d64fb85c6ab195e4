import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { DemoSignIn } from "@/lib/auth/demo-users";

/**
 * The next-auth route as the browser meets it (app/api/auth/[...nextauth]/route.ts):
 * real next-auth, real users file and scrypt, a fresh configuration per test.
 */
type Route = (request: NextRequest, context: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;

const saved = { ...process.env };
let route: Route;
let manager: DemoSignIn;

async function setUp(env: Record<string, string>): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "signin-route-"));
  for (const k of ["NEXTAUTH_URL", "AUTH_TRUST_PROXY", "AUTH_TRUST_HOST", "NEXTAUTH_SECRET", "CLICKHOUSE_URL", "DEMO_MODE", "AUTH_USERS_FILE", "OIDC_ISSUER"])
    delete process.env[k];
  Object.assign(process.env, { DATA_DIR: dir, ...env });
  // The configuration and the auth options are parsed once per module instance: take fresh ones.
  vi.resetModules();
  const { ensureDemoUsers } = await import("@/lib/auth/demo-users");
  const made = await ensureDemoUsers(dir);
  if (!made.created) throw new Error("expected fresh demo users");
  manager = made.signIns.find((s) => s.role === "manager")!;
  route = (await import("@/lib/auth/auth-route")).authRoute;
}

class Browser {
  private readonly cookies = new Map<string, string>();
  constructor(
    private readonly origin: string,
    private readonly extraHeaders: Record<string, string> = {},
  ) {}

  async call(method: "GET" | "POST", action: string, form?: Record<string, string>): Promise<Response> {
    const url = new URL(`/api/auth/${action}`, this.origin);
    const headers: Record<string, string> = { host: url.host, ...this.extraHeaders };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    if (form) headers["content-type"] = "application/x-www-form-urlencoded";
    const request = new NextRequest(url, { method, headers, body: form ? new URLSearchParams(form).toString() : undefined });
    const res = await route(request, { params: Promise.resolve({ nextauth: action.split("/") }) });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const at = pair!.indexOf("=");
      this.cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    return res;
  }

  async csrf(): Promise<string> {
    return ((await (await this.call("GET", "csrf")).json()) as { csrfToken: string }).csrfToken;
  }

  /** As next-auth/react's signIn("credentials", { redirect: false }) posts it. */
  async signIn(username: string, password: string): Promise<{ status: number; url: string; setCookies: string[] }> {
    const csrfToken = await this.csrf();
    const res = await this.call("POST", "callback/credentials", { username, password, csrfToken, callbackUrl: "/", json: "true" });
    return { status: res.status, url: ((await res.json()) as { url: string }).url, setCookies: res.headers.getSetCookie() };
  }
}

const error = (url: string) => new URL(url).searchParams.get("error");

beforeEach(() => {
  vi.useRealTimers();
});
afterEach(() => {
  process.env = { ...saved };
  vi.useRealTimers();
});

describe("base URL with NEXTAUTH_URL unset", () => {
  it("sign-out and sign-in redirect to the host the browser used, not http://localhost:3000", async () => {
    await setUp({});
    const browser = new Browser("http://cc.example.org:8080");
    const signOut = await browser.call("POST", "signout", { csrfToken: await browser.csrf(), callbackUrl: "/signin", json: "true" });
    expect(((await signOut.json()) as { url: string }).url).toBe("http://cc.example.org:8080/signin");
    const signInPage = await new Browser("http://cc.example.org:8080").call("GET", "signin");
    expect(signInPage.headers.get("location")).toBe(`/signin?callbackUrl=${encodeURIComponent("http://cc.example.org:8080")}`);
  });

  it("ignores forwarded host and scheme from a proxy nobody said to trust; the cookie stays plain", async () => {
    await setUp({});
    const browser = new Browser("http://10.0.0.5:3000", { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" });
    const signedIn = await browser.signIn(manager.username, manager.password);
    expect(signedIn.status).toBe(200);
    expect(new URL(signedIn.url).origin).toBe("http://10.0.0.5:3000");
    const session = signedIn.setCookies.find((c) => c.includes("next-auth.session-token="));
    expect(session).toMatch(/^next-auth\.session-token=/);
    expect(session).not.toMatch(/;\s*Secure/i);
  });

  it("behind a trusted TLS proxy, takes its host and makes the session cookie Secure and __Secure- named", async () => {
    await setUp({ AUTH_TRUST_PROXY: "true" });
    const browser = new Browser("http://app:3000", { "x-forwarded-host": "cc.example.org", "x-forwarded-proto": "https", "x-forwarded-for": "203.0.113.9" });
    const signedIn = await browser.signIn(manager.username, manager.password);
    expect(new URL(signedIn.url).origin).toBe("https://cc.example.org");
    const session = signedIn.setCookies.find((c) => c.includes("session-token="));
    expect(session).toMatch(/^__Secure-next-auth\.session-token=/);
    expect(session).toMatch(/;\s*Secure/i);
    expect(session).toMatch(/;\s*HttpOnly/i);
  });

  it("with an https NEXTAUTH_URL, the cookie is Secure whatever the request says", async () => {
    await setUp({ NEXTAUTH_URL: "https://cc.example.org" });
    const signedIn = await new Browser("http://10.0.0.5:3000").signIn(manager.username, manager.password);
    expect(new URL(signedIn.url).origin).toBe("https://cc.example.org");
    expect(signedIn.setCookies.find((c) => c.includes("session-token="))).toMatch(/^__Secure-next-auth\.session-token=.*;\s*Secure/i);
  });

  it("answers a request whose Host is not a host name with a 400 saying so", async () => {
    await setUp({});
    const res = await route(new NextRequest("http://x/api/auth/csrf", { headers: { host: "bad host" } }), { params: Promise.resolve({ nextauth: ["csrf"] }) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/host/);
  });
});

describe("sign-in lockout through the route", () => {
  it("five wrong passwords lock the account: the 6th attempt, with the right password, is refused with when to retry; after the pause it works", async () => {
    await setUp({});
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-03-02T09:00:00Z") });
    const browser = new Browser("http://127.0.0.1:3000");
    for (let i = 0; i < 5; i++) {
      const wrong = await browser.signIn(manager.username, `wrong-${i}`);
      expect([wrong.status, error(wrong.url)]).toEqual([401, "CredentialsSignin"]);
    }
    const refused = await browser.signIn(manager.username, manager.password);
    expect(refused.status).toBe(401);
    expect(error(refused.url)).toBe("SignInLocked:60");
    expect(refused.setCookies.some((c) => c.includes("session-token="))).toBe(false);

    vi.setSystemTime(new Date("2026-03-02T09:00:59Z"));
    expect(error((await browser.signIn(manager.username, manager.password)).url)).toBe("SignInLocked:1");
    vi.setSystemTime(new Date("2026-03-02T09:01:00Z"));
    const ok = await browser.signIn(manager.username, manager.password);
    expect(ok.status).toBe(200);
    expect(ok.setCookies.some((c) => c.startsWith("next-auth.session-token="))).toBe(true);
  });
});
