import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type Cookie } from "playwright";
import { runCli } from "../scripts/run-cli";
import { signInAs, startBenchServer } from "./bench-server";
import { numArg, strArg } from "./cli-args";
import { percentile } from "./percentile";

/**
 * npm run bench:first-load [-- --runs 20] [--url http://127.0.0.1:3000 --data-dir ./data]:
 * the overview's time to content on a first visit, against the sign-in page's in the
 * same run. Each run opens a fresh browser context holding nothing but the session
 * cookie (no time-zone cookie, no zone choice, empty cache), so the server renders
 * the page knowing only the centre's zone. Time to content is read in the page: the
 * moment (from navigation start) the first KPI value, or the sign-in form's
 * username box, enters the document, seen by a MutationObserver installed before any
 * of the page's own scripts. Without --url it starts the product on a fresh data
 * directory; with it, it uses the running one (its DATA_DIR holds the demo sign-ins).
 */
const PORT = 3401;
const OVERVIEW_CONTENT = '[data-testid="kpi-value"]';
const SIGNIN_CONTENT = "input#username";

type ContentWindow = Window & { __contentAt?: number };

async function timeToContent(browser: Browser, url: string, selector: string, cookies: Cookie[]): Promise<number> {
  const context = await browser.newContext({ timezoneId: "America/New_York" });
  try {
    await context.addCookies(cookies);
    await context.addInitScript((sel: string) => {
      const w = window as ContentWindow;
      const seen = new MutationObserver(() => {
        if (w.__contentAt !== undefined || !document.querySelector(sel)) return;
        w.__contentAt = performance.now();
        seen.disconnect();
      });
      seen.observe(document, { childList: true, subtree: true });
    }, selector);
    const page = await context.newPage();
    await page.goto(url, { waitUntil: "commit" });
    const at = await page.waitForFunction(() => (window as ContentWindow).__contentAt ?? false, undefined, { timeout: 60_000, polling: 50 });
    return (await at.jsonValue()) as number;
  } finally {
    await context.close();
  }
}

function line(name: string, values: readonly number[]): string {
  const s = [...values].sort((a, b) => a - b);
  return `${name.padEnd(44)}: p50 ${percentile(s, 50).toFixed(0).padStart(5)} ms, p95 ${percentile(s, 95).toFixed(0).padStart(5)} ms`;
}

async function main(): Promise<void> {
  const runs = numArg("runs", 20);
  const url = strArg("url");
  const ownDir = url ? null : fs.mkdtempSync(path.join(os.tmpdir(), "bench-first-load-"));
  const dataDir = ownDir ?? strArg("data-dir") ?? "./data";
  const base = url ?? `http://127.0.0.1:${PORT}`;
  console.log(`bench:first-load: ${runs} first visits each, ${url ? `the product at ${url}` : `the product started on :${PORT} (data in ${dataDir})`}`);
  const server = ownDir ? await startBenchServer(PORT, ownDir, { SIM_BACKFILL_DAYS: "1", SIM_RECORDING_DAYS: "0", CENTRE_TIME_ZONE: "Europe/London" }) : null;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  try {
    const signInContext = await browser.newContext();
    await signInAs(await signInContext.newPage(), base, dataDir, "supervisor");
    const session = (await signInContext.cookies()).filter((c) => c.name.includes("session-token"));
    await signInContext.close();
    if (session.length === 0) throw new Error("signing in left no session cookie");

    // One of each first, untimed: the server's first render of a route loads its code.
    await timeToContent(browser, `${base}/signin`, SIGNIN_CONTENT, []);
    await timeToContent(browser, `${base}/`, OVERVIEW_CONTENT, session);
    const signin: number[] = [];
    const overview: number[] = [];
    for (let i = 0; i < runs; i++) {
      // Interleaved, so a slow moment of the machine weighs on both alike.
      signin.push(await timeToContent(browser, `${base}/signin`, SIGNIN_CONTENT, []));
      overview.push(await timeToContent(browser, `${base}/`, OVERVIEW_CONTENT, session));
    }
    console.log(line("sign-in page, time to form (baseline)", signin));
    console.log(line("overview, first visit, time to first KPI", overview));
    const ratio =
      percentile(
        [...overview].sort((a, b) => a - b),
        50,
      ) /
      percentile(
        [...signin].sort((a, b) => a - b),
        50,
      );
    console.log(`overview / sign-in at p50: ${ratio.toFixed(2)}x`);
  } finally {
    await browser.close();
    server?.kill("SIGTERM");
    if (ownDir) fs.rmSync(ownDir, { recursive: true, force: true });
  }
}

runCli(main);
