import { test as base, expect, type Page, type APIRequestContext } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { E2E_DATA_DIR, E2E_PORT } from "../playwright.config";
import type { Role } from "../lib/auth/roles";
import { queryOperatorSocket } from "../lib/runtime/operator-socket-client";

type SignIn = { username: string; password: string; role: Role };

/** The demo sign-ins the server made for this data directory (as printed at start-up). */
export function demoSignIn(role: Role): SignIn {
  const all = JSON.parse(fs.readFileSync(path.join(E2E_DATA_DIR, "demo-sign-ins.json"), "utf8")) as SignIn[];
  const found = all.find((s) => s.role === role);
  if (!found) throw new Error(`no demo sign-in for ${role}`);
  return found;
}

/**
 * Read-only SQL against the running server's store, the same path `npm run ch` takes:
 * the server's Unix socket in its data directory (never HTTP). `_request` is kept so
 * specs call it as before.
 */
export async function sql<T>(_request: APIRequestContext, query: string): Promise<T[]> {
  try {
    return (await queryOperatorSocket(E2E_DATA_DIR, query)) as T[];
  } catch (e) {
    throw new Error(`sql failed: ${(e as Error).message}`, { cause: e });
  }
}

/** Signs a request context in (next-auth's credentials callback, with its CSRF token), as a browser's form would. */
export async function signInRequest(request: APIRequestContext, role: Role): Promise<void> {
  const { username, password } = demoSignIn(role);
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await request.post("/api/auth/callback/credentials", { form: { csrfToken, username, password, json: "true" }, maxRedirects: 0 });
  const cookies = (await request.storageState()).cookies;
  if (!cookies.some((c) => c.name.endsWith("next-auth.session-token"))) throw new Error(`API sign-in as ${role} failed: ${res.status()}`);
}

/**
 * Waits until the simulator has filled the history, so the numbers under test are
 * settled. The fill's state is a detail /api/health shows only to admins, so this
 * signs in as the demo admin first.
 */
async function waitForHistory(request: APIRequestContext): Promise<void> {
  await signInRequest(request, "admin");
  await expect
    .poll(async () => ((await (await request.get("/api/health")).json()) as { backfill?: { state: string } }).backfill?.state, {
      timeout: 600_000,
      intervals: [1000],
    })
    .toBe("done");
}

/**
 * On an open wallboard: the newest call in conversation (the one with most of it left), as
 * its row's call id, optionally in one queue. Waits for one to be talking.
 */
export async function newestTalkingCall(page: Page, queueId?: string): Promise<string> {
  const talking = page.locator(`tr[data-call-id][data-state="talking"]${queueId === undefined ? "" : `[data-call-queue-id="${queueId}"]`}`);
  await expect(talking.first()).toBeVisible({ timeout: 120_000 });
  return (await talking.last().getAttribute("data-call-id")) ?? "";
}

export async function signIn(page: Page, role: Role): Promise<void> {
  const { username, password } = demoSignIn(role);
  await page.goto("/signin");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
}

/**
 * Pages show the browser's own zone (UTC in these tests) instead of the centre's
 * (Europe/London, playwright.config.ts): for specs that count a UTC day themselves,
 * which in British summer time is not the centre's day.
 */
export async function showBrowserZone(page: Page): Promise<void> {
  const url = `http://127.0.0.1:${E2E_PORT}`;
  await page.context().addCookies([
    { name: "tz-shown", value: "mine", url },
    { name: "tz", value: "UTC", url },
  ]);
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
