import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { DemoSignIn } from "@/lib/auth/demo-users";
import { authRouteWith, Browser as RouteBrowser, type Route } from "../helpers/auth-route";

const saved = { ...process.env };
let route: Route;
let manager: DemoSignIn;

async function setUp(env: Record<string, string>): Promise<void> {
  const made = await authRouteWith(env);
  route = made.route;
  manager = made.signIns.find((s) => s.role === "manager")!;
}

/** A browser on the route of the current test. */
class Browser extends RouteBrowser {
  constructor(origin: string, extraHeaders: Record<string, string> = {}) {
    super(route, origin, extraHeaders);
  }
}

const error = (url: string) => new URL(url).searchParams.get("error");

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

  it("behind a trusted TLS proxy, the first session read after a start (before any auth route call) finds the __Secure- cookie", async () => {
    await setUp({ AUTH_TRUST_PROXY: "true" });
    const proxied = { host: "app:3000", "x-forwarded-host": "cc.example.org", "x-forwarded-proto": "https" };
    const signedIn = await new Browser("http://app:3000", proxied).signIn(manager.username, manager.password);
    const [name, ...value] = signedIn.setCookies
      .find((c) => c.startsWith("__Secure-next-auth.session-token="))!
      .split(";")[0]!
      .split("=");
    // A restart: fresh modules, and next-auth not yet asked anything in this process.
    delete process.env.AUTH_TRUST_HOST;
    vi.resetModules();
    const { authOptions } = await import("@/lib/auth/options");
    const { getServerSession } = await import("next-auth");
    const req = { headers: proxied, cookies: { [name!]: value.join("=") } };
    const res = { getHeader: () => undefined, setHeader: () => undefined };
    const session = await getServerSession(req as never, res as never, authOptions());
    expect(session?.user).toMatchObject({ name: "Demo Manager" });
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
