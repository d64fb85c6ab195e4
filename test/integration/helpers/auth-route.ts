import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { vi } from "vitest";
import type { DemoSignIn } from "@/lib/auth/demo-users";
import { testStore } from "./store";

/**
 * The next-auth route as a browser meets it (app/api/auth/[...nextauth]/route.ts),
 * called in-process: real next-auth, the real users file and scrypt, a configuration
 * of the test's own.
 */
export type Route = (request: NextRequest, context: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;

const AUTH_VARIABLES = ["NEXTAUTH_URL", "AUTH_TRUST_PROXY", "AUTH_TRUST_HOST", "NEXTAUTH_SECRET", "CLICKHOUSE_URL", "DEMO_MODE", "AUTH_USERS_FILE"];

/** A fresh data directory with demo users, the given settings, and fresh module instances (the configuration is parsed once per instance). */
export async function authRouteWith(env: Record<string, string>): Promise<{ route: Route; signIns: DemoSignIn[] }> {
  // A sign-in records its session in the store: the process's one embedded store, migrated.
  await testStore();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "signin-route-"));
  for (const k of [...AUTH_VARIABLES, ...Object.keys(process.env).filter((k) => k.startsWith("OIDC_"))]) delete process.env[k];
  Object.assign(process.env, { DATA_DIR: dir, ...env });
  vi.resetModules();
  const { ensureDemoUsers } = await import("@/lib/auth/demo-users");
  const made = await ensureDemoUsers(dir);
  if (!made.created) throw new Error("expected fresh demo users");
  return { route: (await import("@/lib/auth/auth-route")).authRoute, signIns: made.signIns };
}

/** Keeps cookies per origin, as a browser would, and calls /api/auth/* on the route. */
export class Browser {
  private readonly cookies = new Map<string, string>();
  constructor(
    private readonly route: Route,
    private readonly origin: string,
    private readonly extraHeaders: Record<string, string> = {},
  ) {}

  async call(method: "GET" | "POST", pathAndQuery: string, form?: Record<string, string>): Promise<Response> {
    const url = new URL(`/api/auth/${pathAndQuery}`, this.origin);
    const headers: Record<string, string> = { host: url.host, ...this.extraHeaders };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    if (form) headers["content-type"] = "application/x-www-form-urlencoded";
    const request = new NextRequest(url, { method, headers, body: form ? new URLSearchParams(form).toString() : undefined });
    const res = await this.route(request, { params: Promise.resolve({ nextauth: url.pathname.split("/").slice(3) }) });
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
