import type { Browser, Page, WebSocketRoute } from "@playwright/test";
import { test, expect, newestTalkingCall, signIn, signInRequest, sql } from "./support";

/**
 * Listen, whisper and barge from the wallboard (docs/telephony.md): the browser gets the
 * call's audio over the relay's WebSocket and plays it, sends the (fake) microphone in
 * whisper on the same connection, and another supervisor's wallboard shows who is on the
 * call and how. What the server received is read from the API and the store, not the page.
 */

const PASSWORD = "e2e-second-supervisor-pw";

/** A second supervisor, made through the admin API, signed in on their own browser context. */
async function secondSupervisor(browser: Browser, admin: Page): Promise<{ page: Page; close: () => Promise<void> }> {
  await signInRequest(admin.request, "admin");
  const username = `e2e-sue-${Date.now().toString(36)}`;
  const { version } = (await (await admin.request.get("/api/admin/users")).json()) as { version: string };
  const made = await admin.request.post("/api/admin/users", {
    data: { expectedVersion: version, username, name: "Sue Second", role: "supervisor", password: PASSWORD },
  });
  expect(made.status(), await made.text()).toBe(200);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/signin");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
  return { page, close: () => context.close() };
}

type Mine = { sessions: { id: string; callId: string; mode: string; connections: number; framesSent: number; micFrames: number }[] };

test("a supervisor listens to a live call, whispers and barges on the same connection and stops; another supervisor sees it", async ({ page, browser }) => {
  const adminPage = await (await browser.newContext()).newPage();
  const sue = await secondSupervisor(browser, adminPage);
  await adminPage.context().close();
  await sue.page.goto("/wallboard");

  await signIn(page, "supervisor");
  await page.goto("/wallboard");
  await expect(page.getByTestId("live-status")).toHaveText("Live");
  const callId = await newestTalkingCall(page);
  const row = page.locator(`tr[data-call-id="${callId}"]`);
  const controls = row.getByTestId("monitor-controls");
  const since = Date.now() - 1_000;

  await controls.getByRole("button", { name: `Listen to call ${callId}` }).click();
  await expect(controls).toHaveAttribute("data-monitor-status", "live");
  await expect(controls.getByRole("status")).toHaveText("Listening");
  // Audio arrives and keeps arriving (50 frames a second), and the player hears more than silence.
  const frames = async () => Number((await controls.getAttribute("data-frames-received")) ?? 0);
  await expect.poll(frames, { timeout: 15_000 }).toBeGreaterThan(50);
  const before = await frames();
  await expect.poll(frames, { timeout: 15_000 }).toBeGreaterThan(before + 50);
  await expect.poll(async () => Number((await controls.getAttribute("data-audio-rms")) ?? 0), { timeout: 15_000 }).toBeGreaterThan(0.003);
  const mine = async () => ((await (await page.request.get("/api/monitor/sessions")).json()) as Mine).sessions;
  await expect.poll(async () => (await mine()).map((s) => [s.callId, s.mode, s.connections])).toEqual([[callId, "listen", 1]]);

  // Every supervisor's wallboard says who is on the call, and how.
  const sueRow = sue.page.locator(`tr[data-call-id="${callId}"]`);
  await expect(sueRow.getByTestId("call-monitors")).toHaveText("Demo Supervisor (listening)");
  await expect(sueRow.getByTestId("monitor-controls")).toHaveAttribute("data-monitor-status", "idle");

  // Whisper: the same socket (the page's connection id and the server's count), and the microphone reaches the server.
  const connection = await controls.getAttribute("data-connection-id");
  expect(connection).toBeTruthy();
  await controls.getByRole("button", { name: "Whisper" }).click();
  await expect(controls).toHaveAttribute("data-monitor-mode", "whisper");
  await expect(sueRow.getByTestId("call-monitors")).toHaveText("Demo Supervisor (whispering)");
  await expect.poll(async () => (await mine())[0]?.micFrames ?? 0, { timeout: 15_000 }).toBeGreaterThan(25);
  await expect.poll(async () => Number((await controls.getAttribute("data-mic-frames-sent")) ?? 0)).toBeGreaterThan(25);
  expect(await controls.getAttribute("data-connection-id")).toBe(connection);
  expect((await mine()).map((s) => [s.mode, s.connections])).toEqual([["whisper", 1]]);

  // Barge: still the same connection; every supervisor sees it.
  await controls.getByRole("button", { name: "Barge" }).click();
  await expect(controls).toHaveAttribute("data-monitor-mode", "barge");
  await expect(controls.getByRole("status")).toHaveText("Barging in");
  await expect(sueRow.getByTestId("call-monitors")).toHaveText("Demo Supervisor (in the call)");
  expect((await mine()).map((s) => [s.mode, s.connections])).toEqual([["barge", 1]]);
  expect(await controls.getAttribute("data-connection-id")).toBe(connection);
  await page.screenshot({ path: test.info().outputPath("monitor-barging.png"), fullPage: true });

  await controls.getByRole("button", { name: "Stop" }).click();
  await expect(controls).toHaveAttribute("data-monitor-status", "idle");
  await expect.poll(mine).toEqual([]);
  await expect(sueRow.getByTestId("call-monitors")).toHaveText("");

  const audit = await sql<{ action: string; mode: string }>(
    page.request,
    `SELECT action, JSONExtractString(details, 'mode') AS mode FROM audit_log
     WHERE tenant_id = 'demo' AND target = 'call:${callId}' AND at >= fromUnixTimestamp64Milli(${since}) ORDER BY at`,
  );
  expect(audit.map((a) => [a.action, a.mode])).toEqual([
    ["monitor.started", "listen"],
    ["monitor.mode_changed", "whisper"],
    ["monitor.mode_changed", "barge"],
    ["monitor.stopped", ""],
  ]);
  await sue.close();
});

test("a manager has no monitoring controls and the API refuses them; a bad request is a 400 saying why", async ({ page, request }) => {
  // Managers watch the wallboard read-only: calls in conversation, and no control on any of them.
  await signIn(page, "manager");
  await page.goto("/wallboard");
  await expect(page.getByTestId("live-status")).toHaveText("Live");
  await newestTalkingCall(page);
  await expect(page.getByTestId("monitor-controls")).toHaveCount(0);
  await signInRequest(request, "manager");
  expect((await request.post("/api/monitor/sessions", { data: { callId: "any", mode: "listen" } })).status()).toBe(403);

  await signInRequest(request, "supervisor");
  const bad = await request.post("/api/monitor/sessions", { data: { callId: "any", mode: "shout" } });
  expect(bad.status()).toBe(400);
  expect(((await bad.json()) as { error: string }).error).toBe('mode: mode must be "listen", "whisper" or "barge"');
  expect((await request.post("/api/monitor/sessions", { data: { callId: "no-such-call", mode: "listen" } })).status()).toBe(404);
});

test("a relay socket that drops reconnects with a fresh token, on the same monitoring session", async ({ page }) => {
  // Every relay socket goes through a route the test can cut, as a network drop would.
  const sockets: WebSocketRoute[] = [];
  await page.routeWebSocket(/\/api\/monitor\/ws/, (ws) => {
    ws.connectToServer();
    sockets.push(ws);
  });
  await signIn(page, "supervisor");
  await page.goto("/wallboard");
  await expect(page.getByTestId("live-status")).toHaveText("Live");
  const callId = await newestTalkingCall(page);
  const controls = page.locator(`tr[data-call-id="${callId}"]`).getByTestId("monitor-controls");
  await controls.getByRole("button", { name: `Listen to call ${callId}` }).click();
  await expect(controls).toHaveAttribute("data-monitor-status", "live");
  const frames = async () => Number((await controls.getAttribute("data-frames-received")) ?? 0);
  await expect.poll(frames, { timeout: 15_000 }).toBeGreaterThan(25);
  const mine = async () => ((await (await page.request.get("/api/monitor/sessions")).json()) as Mine).sessions;
  const [session] = await mine();
  const firstConnection = await controls.getAttribute("data-connection-id");

  await sockets[0]?.close({ code: 4000, reason: "test: the network dropped" });
  await expect.poll(() => controls.getAttribute("data-connection-id"), { timeout: 15_000 }).not.toBe(firstConnection);
  await expect(controls).toHaveAttribute("data-monitor-status", "live");
  expect(sockets.length).toBe(2);
  // The same session on the server, now on its second connection, and the audio flowing again.
  expect((await mine()).map((s) => [s.id, s.connections])).toEqual([[session?.id, 2]]);
  const after = await frames();
  await expect.poll(frames, { timeout: 15_000 }).toBeGreaterThan(after + 25);

  await controls.getByRole("button", { name: "Stop" }).click();
  await expect.poll(mine).toEqual([]);
});
