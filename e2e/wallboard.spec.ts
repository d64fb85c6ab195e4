import type { Page } from "@playwright/test";
import { test, expect, signIn, sql } from "./support";
import { E2E_PORT } from "../playwright.config";

/**
 * The live wallboard against the running product: the simulator (config/simulator.e2e.json,
 * a flat, busy day so calls arrive whatever the hour) feeds the in-process pipeline, whose
 * listener drives the live floor; the browser gets it over SSE. Expected values come from
 * the raw events via SQL, never from the wallboard's own code.
 */

type Seen = Record<string, number>;

/** Records when each call row first appears in the DOM (browser clock, same machine as the server). */
async function watchCallRows(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: Record<string, number> = {};
    (window as unknown as { __callSeen: Record<string, number> }).__callSeen = seen;
    const scan = () => {
      for (const el of document.querySelectorAll("[data-call-id]")) {
        const id = el.getAttribute("data-call-id");
        if (id !== null && !(id in seen)) seen[id] = Date.now();
      }
    };
    new MutationObserver(scan).observe(document, { childList: true, subtree: true });
  });
}

const callSeen = (page: Page, callId: string) => page.evaluate((id) => (window as unknown as { __callSeen: Seen }).__callSeen[id] ?? null, callId);

async function openWallboard(page: Page, path = "/wallboard"): Promise<void> {
  await page.goto(path);
  await expect(page.getByTestId("live-status")).toHaveText("Live");
}

/** Agents logged on now, straight from the events: each agent's latest event is not a log-off. */
async function loggedOnAgents(page: Page): Promise<string[]> {
  const rows = await sql<{ agent_id: string }>(
    page.request,
    `SELECT agent_id FROM cti_events
     WHERE tenant_id = 'demo' AND startsWith(type, 'agent.') AND time > now64(3) - INTERVAL 7 DAY
     GROUP BY agent_id HAVING argMax(type, time) != 'agent.logged_off' ORDER BY agent_id`,
  );
  return rows.map((r) => r.agent_id);
}

/** Calls in progress now, straight from the events: offered in the last 4 hours and not yet cleared. */
async function activeCalls(page: Page): Promise<string[]> {
  const rows = await sql<{ call_id: string }>(
    page.request,
    `SELECT call_id FROM cti_events
     WHERE tenant_id = 'demo' AND startsWith(type, 'call.') AND time > now64(3) - INTERVAL 4 HOUR
     GROUP BY call_id HAVING countIf(type = 'call.offered') > 0 AND countIf(type IN ('call.cleared', 'call.failed')) = 0 ORDER BY call_id`,
  );
  return rows.map((r) => r.call_id);
}

const shownIds = (page: Page, attr: "data-agent-id" | "data-call-id") =>
  page.locator(`[${attr}]`).evaluateAll((els, a) => els.map((e) => e.getAttribute(a) ?? "").sort(), attr);

/** Both sides move while we look; equal once within a few tries means they agree. */
async function expectSameAsServer(page: Page, attr: "data-agent-id" | "data-call-id", truth: () => Promise<string[]>): Promise<void> {
  await expect
    .poll(
      async () => {
        const [shown, server] = [await shownIds(page, attr), await truth()];
        return JSON.stringify(shown) === JSON.stringify(server) ? "same" : `shown ${shown.length} vs server ${server.length}`;
      },
      { timeout: 20_000, intervals: [250, 500, 1000] },
    )
    .toBe("same");
}

test("a supervisor sees the live floor: queues, agents and calls as the events say", async ({ page }) => {
  await signIn(page, "supervisor");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Wallboard" }).click();
  await expect(page).toHaveURL(/\/wallboard$/);
  await expect(page.getByRole("heading", { level: 1, name: "Wallboard" })).toBeVisible();
  await expect(page.getByTestId("live-status")).toHaveText("Live");

  const queues = await sql<{ queue_id: string; name: string }>(page.request, "SELECT queue_id, name FROM queues FINAL WHERE tenant_id = 'demo' ORDER BY queue_id");
  expect(queues.length).toBe(5);
  for (const q of queues) {
    const card = page.locator(`[data-queue-id="${q.queue_id}"]`);
    await expect(card.getByRole("heading", { name: q.name })).toBeVisible();
    await expect(card.getByTestId("service-level")).toBeVisible();
  }
  await expectSameAsServer(page, "data-agent-id", () => loggedOnAgents(page));
  await expectSameAsServer(page, "data-call-id", () => activeCalls(page));

  // Today's answered count of one queue, from the queue exits of contacts that entered it today (London).
  const [today] = await sql<{ answered: string }>(
    page.request,
    `SELECT count() AS answered FROM cti_events
     WHERE tenant_id = 'demo' AND type = 'call.queue_exited' AND queue_id = 'support'
       AND JSONExtractString(data, 'reason') = 'answered'
       AND time - toIntervalMillisecond(JSONExtractUInt(data, 'waitMs')) >= toStartOfDay(now64(3), 'Europe/London')`,
  );
  await expect
    .poll(async () => {
      const text = (await page.locator('[data-queue-id="support"] [data-testid="today"]').textContent()) ?? "";
      const shown = Number(/(\d+) answered/.exec(text)?.[1] ?? -1);
      return Math.abs(shown - Number(today?.answered ?? -99)) <= 3; // calls answered between the two reads
    })
    .toBe(true);

  await page.screenshot({ path: test.info().outputPath("wallboard-supervisor.png"), fullPage: true });
});

test("a new simulated call appears on the wallboard within 2 s of the event", async ({ page }) => {
  await watchCallRows(page);
  await signIn(page, "supervisor");
  await openWallboard(page);
  const since = Date.now();
  // The simulator cannot be asked for a call; wait for its next one (about every 20 s with the e2e config).
  let call: { call_id: string; t: string; ing: string } | undefined;
  await expect
    .poll(
      async () => {
        [call] = await sql<{ call_id: string; t: string; ing: string }>(
          page.request,
          `SELECT call_id, toUnixTimestamp64Milli(time) AS t, toUnixTimestamp64Milli(ingested_at) AS ing FROM cti_events
           WHERE tenant_id = 'demo' AND type = 'call.offered' AND time > fromUnixTimestamp64Milli(${since}) ORDER BY time LIMIT 1`,
        );
        return call !== undefined;
      },
      { timeout: 180_000, intervals: [200] },
    )
    .toBe(true);
  if (!call) throw new Error("no new call");
  const eventTime = Number(call.t);
  const callId = call.call_id;
  await expect.poll(() => callSeen(page, callId), { timeout: 5_000, intervals: [50] }).not.toBeNull();
  const shownAt = (await callSeen(page, callId)) ?? Number.NaN;
  const latency = `call ${callId}: event→stored ${Number(call.ing) - eventTime} ms, event→on screen ${shownAt - eventTime} ms`;
  test.info().annotations.push({ type: "latency", description: latency });
  console.log(latency);
  expect(shownAt - eventTime).toBeLessThanOrEqual(2_000);
  const row = page.locator(`[data-call-id="${callId}"]`);
  await expect(row).toBeVisible();
  await row.scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath("wallboard-new-call.png"), fullPage: true });
});

test("a wallboard that lost its connection recovers the full state", async ({ page }) => {
  await watchCallRows(page);
  await signIn(page, "supervisor");
  await openWallboard(page);
  const before = await shownIds(page, "data-call-id");

  // Cut the connection (window.stop() aborts the open stream; offline emulation would not) and refuse
  // new ones, long enough for the floor to move on.
  await page.route("**/api/live/stream", (route) => route.abort("internetdisconnected"));
  await page.evaluate(() => window.stop());
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "reconnecting", { timeout: 20_000 });
  await page.screenshot({ path: test.info().outputPath("wallboard-reconnecting.png"), fullPage: true });
  const cutAt = Date.now();
  // Stay cut off until the floor has really moved on: a new call offered meanwhile.
  await expect
    .poll(
      async () =>
        Number(
          (
            await sql<{ n: string }>(
              page.request,
              `SELECT count() AS n FROM cti_events WHERE tenant_id = 'demo' AND type = 'call.offered' AND time > fromUnixTimestamp64Milli(${cutAt})`,
            )
          )[0]?.n ?? 0,
        ),
      { timeout: 90_000, intervals: [1000] },
    )
    .toBeGreaterThan(0);

  await page.unroute("**/api/live/stream");
  await expect(page.getByTestId("live-status")).toHaveText("Live", { timeout: 30_000 });

  // Whatever changed meanwhile is there: every agent and call the events say, and nothing that ended.
  await expectSameAsServer(page, "data-agent-id", () => loggedOnAgents(page));
  await expectSameAsServer(page, "data-call-id", () => activeCalls(page));
  const offeredWhileCut = await sql<{ call_id: string }>(
    page.request,
    `SELECT call_id FROM cti_events WHERE tenant_id = 'demo' AND type = 'call.offered' AND time > fromUnixTimestamp64Milli(${cutAt})`,
  );
  test.info().annotations.push({ type: "outage", description: `${before.length} calls before, ${offeredWhileCut.length} offered while cut off` });
  await page.screenshot({ path: test.info().outputPath("wallboard-recovered.png"), fullPage: true });
});

test("QA may not see the wallboard or its stream (managers may: wallboard-targets-alerts.spec.ts); signed-out callers are asked to sign in", async ({
  page,
  playwright,
}) => {
  const anonymous = await playwright.request.newContext({ baseURL: `http://127.0.0.1:${E2E_PORT}` });
  expect((await anonymous.get("/api/live/stream")).status()).toBe(401);
  await anonymous.dispose();

  await signIn(page, "qa");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Wallboard" })).toHaveCount(0);
  const stream = await page.request.get("/api/live/stream");
  expect(stream.status()).toBe(403);
  expect(await stream.json()).toEqual({ error: "your role may not use wallboard" });
  expect((await page.request.get(`/api/live/replay?at=${Date.now() - 60_000}`)).status()).toBe(403);
  await page.goto("/wallboard");
  await expect(page).toHaveURL(/\/forbidden\?need=wallboard/);
  await page.goto("/wallboard?tv=1");
  await expect(page).toHaveURL(/\/forbidden\?need=wallboard/);
  await page.screenshot({ path: test.info().outputPath("wallboard-qa-forbidden.png"), fullPage: true });
});

test("TV mode fills the screen in large type with no controls", async ({ page }) => {
  await signIn(page, "supervisor");
  await openWallboard(page, "/wallboard?tv=1");
  const board = page.locator("[data-tv]");
  const box = await board.boundingBox();
  const viewport = page.viewportSize();
  expect(box?.width).toBe(viewport?.width);
  expect(box?.height).toBe(viewport?.height);
  await expect(board.getByRole("link")).toHaveCount(0);
  await expect(board.getByRole("button")).toHaveCount(0);
  const size = await board
    .locator('[data-testid="waiting"] p')
    .first()
    .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(size).toBeGreaterThanOrEqual(36);
  await page.screenshot({ path: test.info().outputPath("wallboard-tv.png") });
});

test("replay shows the floor at a past moment as the events say", async ({ page }) => {
  await signIn(page, "supervisor");
  const at = Date.now() - 20 * 60_000;
  await page.goto(`/wallboard/replay?at=${at}`);
  await expect(page.getByRole("heading", { level: 1, name: "Wallboard replay" })).toBeVisible();
  await expect(page.locator("[data-agent-id]").first()).toBeVisible({ timeout: 30_000 });
  const rows = await sql<{ agent_id: string }>(
    page.request,
    `SELECT agent_id FROM cti_events
     WHERE tenant_id = 'demo' AND startsWith(type, 'agent.') AND time <= fromUnixTimestamp64Milli(${at}) AND time > fromUnixTimestamp64Milli(${at}) - INTERVAL 7 DAY
     GROUP BY agent_id HAVING argMax(type, time) != 'agent.logged_off' ORDER BY agent_id`,
  );
  expect(await shownIds(page, "data-agent-id")).toEqual(rows.map((r) => r.agent_id));
  await page.screenshot({ path: test.info().outputPath("wallboard-replay.png"), fullPage: true });
  expect((await page.request.get("/api/live/replay?at=tomorrow")).status()).toBe(400);
});

test("an admin's thresholds recolour open wallboards at once", async ({ page }) => {
  await signIn(page, "admin");
  await openWallboard(page);
  const card = page.locator('[data-queue-id="sales"]');
  await expect(card).toHaveAttribute("data-level", /normal|warning|critical/);

  const admin = await page.context().newPage();
  await admin.goto("/wallboard/thresholds");
  const row = admin.locator('tr[data-queue-id="sales"]');
  // Zero calls waiting is "critical": the card must turn red whatever the floor does.
  const saved = () => admin.waitForResponse((r) => r.url().endsWith("/api/admin/thresholds") && r.request().method() === "PUT" && r.ok());
  await row.getByLabel("Sales: Calls waiting, warning").fill("0");
  await row.getByLabel("Sales: Calls waiting, critical").fill("0");
  await Promise.all([saved(), row.getByRole("button", { name: "Save" }).click()]);
  await expect(row.getByText("Saved")).toBeVisible();
  await admin.screenshot({ path: test.info().outputPath("wallboard-thresholds.png"), fullPage: true });

  await expect(card).toHaveAttribute("data-level", "critical", { timeout: 5_000 });
  await expect(card.getByTestId("waiting")).toHaveAttribute("data-level", "critical");

  const bad = await page.request.put("/api/admin/thresholds", {
    data: {
      queueId: "sales",
      thresholds: { longestWaitS: { warning: 60, critical: 30 }, waiting: { warning: 1, critical: 2 } },
    },
  });
  expect(bad.status()).toBe(400);
  expect(((await bad.json()) as { error: string }).error).toMatch(/warning wait must not exceed/);

  // Put the built-in defaults back for the other tests.
  await row.getByLabel("Sales: Calls waiting, warning").fill("3");
  await row.getByLabel("Sales: Calls waiting, critical").fill("8");
  await Promise.all([saved(), row.getByRole("button", { name: "Save" }).click()]);
  await admin.close();
});
