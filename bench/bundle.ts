import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { chromium, type Browser } from "@playwright/test";
import { runCli } from "../scripts/run-cli";

/**
 * npm run bench:bundle: first-load JavaScript per route, gzipped, as a browser really
 * loads it from the production build: each route is opened in a fresh browser
 * context (empty cache, signed in as admin) and every same-origin script response is
 * gzipped and summed. Baseline, measured in the same run: the sign-in page, which
 * carries little beyond the framework. Goal: at most 200 KB for every route.
 */
const PORT = 3500;
const BASE = `http://127.0.0.1:${PORT}`;
const BUDGET_KB = 200;
const ROUTES = ["/", "/trends", "/queues", "/agents", "/contacts", "/definitions", "/wallboard", "/wallboard?tv=1", "/wallboard/replay", "/wallboard/thresholds"];

async function waitForHealth(timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${BASE}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error("the server did not come up");
}

async function firstLoadKb(browser: Browser, route: string, storageState?: string): Promise<number> {
  const context = await browser.newContext({ storageState });
  const page = await context.newPage();
  const scripts: Promise<number>[] = [];
  page.on("response", (res) => {
    if (res.request().resourceType() !== "script" || !res.url().startsWith(BASE)) return;
    scripts.push(
      res.body().then(
        (b) => zlib.gzipSync(b).length,
        () => 0,
      ),
    );
  });
  await page.goto(`${BASE}${route}`, { waitUntil: "networkidle" });
  const bytes = (await Promise.all(scripts)).reduce((a, b) => a + b, 0);
  await context.close();
  return bytes / 1024;
}

runCli(async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-bundle-"));
  const server = spawn("npm", ["start"], {
    env: { ...process.env, PORT: String(PORT), DATA_DIR: dataDir, SIM_BACKFILL_DAYS: "1", NEXTAUTH_URL: BASE },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  try {
    await waitForHealth(900_000);
    const signIns = JSON.parse(fs.readFileSync(path.join(dataDir, "demo-sign-ins.json"), "utf8")) as Array<{ username: string; password: string; role: string }>;
    const admin = signIns.find((s) => s.role === "admin");
    if (!admin) throw new Error("no demo admin");
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${BASE}/signin`);
    await page.getByLabel("Username").fill(admin.username);
    await page.getByLabel("Password").fill(admin.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((u) => !u.pathname.startsWith("/signin"));
    const state = path.join(dataDir, "state.json");
    await context.storageState({ path: state });
    await context.close();

    const baseline = await firstLoadKb(browser, "/signin");
    console.log(`bench:bundle: first-load JS per route, gzipped (budget ${BUDGET_KB} KB)`);
    console.log(`  ${"/signin (baseline: framework + sign-in form)".padEnd(46)} ${baseline.toFixed(1).padStart(7)} KB`);
    let worst = 0;
    for (const route of ROUTES) {
      const kb = await firstLoadKb(browser, route, state);
      worst = Math.max(worst, kb);
      console.log(`  ${route.padEnd(46)} ${kb.toFixed(1).padStart(7)} KB   +${(kb - baseline).toFixed(1)} over baseline${kb > BUDGET_KB ? "   OVER BUDGET" : ""}`);
    }
    console.log(`largest route: ${worst.toFixed(1)} KB — goal <= ${BUDGET_KB} KB: ${worst <= BUDGET_KB ? "met" : "NOT met"}`);
  } finally {
    await browser.close();
    if (server.pid) process.kill(-server.pid, "SIGTERM");
  }
});
