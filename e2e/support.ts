import { test as base, expect, type Page, type APIRequestContext } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { E2E_DATA_DIR, E2E_PORT } from "../playwright.config";
import type { Role } from "../lib/auth/roles";

type SignIn = { username: string; password: string; role: Role };

/** The demo sign-ins the server made for this data directory (as printed at start-up). */
export function demoSignIn(role: Role): SignIn {
  const all = JSON.parse(fs.readFileSync(path.join(E2E_DATA_DIR, "demo-sign-ins.json"), "utf8")) as SignIn[];
  const found = all.find((s) => s.role === role);
  if (!found) throw new Error(`no demo sign-in for ${role}`);
  return found;
}

/** Read-only SQL against the running server's store, the same path `npm run ch` takes. */
export async function sql<T>(request: APIRequestContext, query: string): Promise<T[]> {
  const token = fs.readFileSync(path.join(E2E_DATA_DIR, ".internal-token"), "utf8").trim();
  const res = await request.post("/api/internal/sql", { data: { sql: query }, headers: { "x-internal-token": token } });
  const body = (await res.json()) as { rows?: T[]; error?: string };
  if (!res.ok() || !body.rows) throw new Error(`sql failed: ${body.error ?? res.status()}`);
  return body.rows;
}

/** The local operator token the server keeps in its data directory (what `npm run ch` presents). */
export function internalToken(): string {
  return fs.readFileSync(path.join(E2E_DATA_DIR, ".internal-token"), "utf8").trim();
}

/**
 * Waits until the simulator has filled the history, so the numbers under test are
 * settled. The fill's state is a detail /api/health shows only to admins and local
 * operators, so this presents the operator token.
 */
async function waitForHistory(request: APIRequestContext): Promise<void> {
  const headers = { "x-internal-token": internalToken() };
  await expect
    .poll(async () => ((await (await request.get("/api/health", { headers })).json()) as { backfill?: { state: string } }).backfill?.state, {
      timeout: 600_000,
      intervals: [1000],
    })
    .toBe("done");
}

export async function signIn(page: Page, role: Role): Promise<void> {
  const { username, password } = demoSignIn(role);
  await page.goto("/signin");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
}

export const test = base.extend<object, { history: void }>({
  history: [
    async ({ playwright }, use) => {
      const request = await playwright.request.newContext({ baseURL: `http://127.0.0.1:${E2E_PORT}` });
      await waitForHistory(request);
      await request.dispose();
      await use();
    },
    { scope: "worker", auto: true, timeout: 600_000 },
  ],
});
export { expect };
