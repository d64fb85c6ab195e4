import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Page } from "playwright";
import { signInAs, startBenchServer } from "./bench-server";
import { runCli } from "../scripts/run-cli";
import { numArg } from "./cli-args";
import { percentile } from "./percentile";

/**
 * npm run bench:monitor:browser [-- --clicks 15]: click to first audio in Chromium, the
 * product as `npm start` runs it (simulator, relay, AudioWorklet player), with the fake
 * media devices the e2e tests use. Each round a supervisor clicks Listen on the newest
 * call in conversation and the page measures, on its own clock: the start request's
 * answer (the baseline: what the page cannot be faster than), the first audio frame off
 * the WebSocket, the player starting to play (its jitter buffer filled: first audio), and
 * the first report of audible output (RMS over 0.003 in a quarter second: the call may be
 * between words); then Stop. Goal: click to first audio, p95 under 1 s.
 */
const PORT = 3400;
const GOAL_MS = 1_000;

type Round = { apiMs: number; firstFrameMs: number; playingMs: number; audibleMs: number };

/** One click on Listen, timed in the page (performance.now at the click, then at each milestone, polled every animation frame). */
async function round(page: Page): Promise<Round> {
  const newest = page.locator('tr[data-call-id][data-state="talking"]').last();
  await newest.waitFor({ timeout: 120_000 });
  const callId = (await newest.getAttribute("data-call-id")) ?? "";
  // That call's row from now on (the newest talking call changes as calls come and go).
  const controls = page.locator(`tr[data-call-id="${callId}"]`).getByTestId("monitor-controls");
  const answered = page.waitForResponse((r) => r.url().endsWith("/api/monitor/sessions") && r.request().method() === "POST");
  const clickedAt = await controls.getByRole("button", { name: `Listen to call ${callId}` }).evaluate((b: HTMLElement) => {
    const t = performance.now();
    b.click();
    return t;
  });
  const api = await answered;
  const apiAt = await page.evaluate(() => performance.now());
  if (!api.ok()) throw new Error(`start refused: ${api.status()}`);
  const selector = `tr[data-call-id="${callId}"] [data-testid="monitor-controls"]`;
  const when = (attr: string, above: number) =>
    page
      .waitForFunction(
        ([sel, name, min]) => {
          const v = Number(document.querySelector(sel as string)?.getAttribute(name as string) ?? 0);
          return v > (min as number) ? performance.now() : false;
        },
        [selector, attr, above] as const,
        { polling: "raf", timeout: 15_000 },
      )
      .then((h) => h.jsonValue() as Promise<number>);
  const [firstFrameAt, playingAt, audibleAt] = await Promise.all([when("data-frames-received", 0), when("data-audio-starts", 0), when("data-audio-rms", 0.003)]);
  await controls.getByRole("button", { name: "Stop" }).click();
  await page.locator(`${selector}[data-monitor-status="live"]`).waitFor({ state: "detached", timeout: 15_000 });
  // The API's answer was seen by this process after the page had it: an upper bound, fair as a baseline.
  return { apiMs: Math.min(apiAt, firstFrameAt) - clickedAt, firstFrameMs: firstFrameAt - clickedAt, playingMs: playingAt - clickedAt, audibleMs: audibleAt - clickedAt };
}

function line(name: string, values: readonly number[], goal?: number): string {
  const s = [...values].sort((a, b) => a - b);
  const p95 = percentile(s, 95);
  return `${name.padEnd(38)}: p50 ${percentile(s, 50).toFixed(0)} ms, p95 ${p95.toFixed(0)} ms${goal ? `   goal p95 < ${goal} ms${p95 < goal ? "" : "  (missed)"}` : ""}`;
}

async function main(): Promise<void> {
  const clicks = numArg("clicks", 15);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-monitor-browser-"));
  console.log(`bench:monitor:browser: ${clicks} clicks, server on :${PORT} (data in ${dataDir})`);
  const server = await startBenchServer(PORT, dataDir, { SIM_BACKFILL_DAYS: "1", SIM_RECORDING_DAYS: "0" });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", "--autoplay-policy=no-user-gesture-required"],
  });
  try {
    const page = await (await browser.newContext()).newPage();
    await signInAs(page, `http://127.0.0.1:${PORT}`, dataDir, "supervisor");
    await page.goto(`http://127.0.0.1:${PORT}/wallboard`);
    await page.getByTestId("live-status").filter({ hasText: "Live" }).waitFor({ timeout: 120_000 });
    await round(page); // warm-up: the worklet modules load once per page
    const rounds: Round[] = [];
    for (let i = 0; i < clicks; i++) rounds.push(await round(page));
    const report: [string, (r: Round) => number, number?][] = [
      ["click -> start answered (baseline)", (r) => r.apiMs],
      ["click -> first audio frame", (r) => r.firstFrameMs],
      ["click -> first audio (player starts)", (r) => r.playingMs, GOAL_MS],
      ["first audio - start answered", (r) => r.playingMs - r.apiMs],
      ["click -> audible (speech, not a gap)", (r) => r.audibleMs],
    ];
    for (const [name, of, goal] of report) console.log(line(name, rounds.map(of), goal));
  } finally {
    await browser.close();
    server.kill("SIGTERM");
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

runCli(main);
