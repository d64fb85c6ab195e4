import type { Page } from "@playwright/test";
import { test, expect, signIn, sql } from "./support";

/**
 * Issue 13 D against the running product: the wallboard's centre totals and its service
 * level over the last 15 / 30 / 60 minutes, alerts that appear when an admin sets a limit
 * low, managers watching the floor without its controls, and each queue's service-level
 * target in red / amber / green on the dashboards.
 */

type AlertLimits = { settings: { notReadyMaxS: number; afterCallWorkMaxS: number; waitingMaxS: number; targetBreach: boolean }; version: number };

async function openWallboard(page: Page): Promise<void> {
  await page.goto("/wallboard");
  await expect(page.getByTestId("live-status")).toHaveText("Live");
}

const numberIn = async (page: Page, testId: string) => Number(await page.getByTestId(testId).innerText());

test("the wallboard shows the centre's totals and the service level of the last 15, 30 and 60 minutes beside the day's", async ({ page }) => {
  await signIn(page, "supervisor");
  await openWallboard(page);
  const totals = page.locator('[data-section="totals"]');
  await expect(totals.getByRole("heading", { name: "Centre" })).toBeVisible();
  for (const id of ["total-waiting", "total-longest-wait", "total-agents", "total-answered", "total-abandoned", "total-service-level"]) {
    await expect(totals.getByTestId(id)).toBeVisible();
  }
  // The e2e simulator's centre has answered calls by now; the centre's figure is a percentage.
  await expect.poll(() => numberIn(page, "total-answered-value"), { timeout: 60_000 }).toBeGreaterThan(0);
  await expect(totals.getByTestId("total-service-level-value")).toHaveText(/^\d+(\.\d)?%$/);
  // Logged-on agents: each counted once, as many as the agent tiles.
  await expect.poll(async () => (await numberIn(page, "total-agents-value")) === (await page.locator("[data-agent-id]").count()), { timeout: 15_000 }).toBe(true);

  const recent = totals.getByTestId("recent-service-level");
  await expect(recent.locator("dt")).toHaveText(["Last 15 min", "Last 30 min", "Last 60 min"]);
  // Every queue card has them too, with its target said in words.
  const card = page.locator("[data-queue-id]").first();
  await expect(card.getByTestId("recent-service-level").locator("dt")).toHaveText(["Last 15 min", "Last 30 min", "Last 60 min"]);
  await expect(card.getByTestId("target-badge")).toContainText(/target \d+(\.\d+)?%/);

  // Sections are named for TV paging; the agent tiles say the call by state and queue, never by its id.
  await expect(page.locator("[data-section]")).toHaveCount(5);
  const onCall = page.locator("[data-agent-id][data-call-state]").first();
  if ((await onCall.count()) > 0) {
    const text = await onCall.innerText();
    const callIds = await page.locator("tr[data-call-id]").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-call-id") ?? ""));
    for (const id of callIds) expect(text).not.toContain(id);
  }
  await page.screenshot({ path: test.info().outputPath("wallboard-totals.png"), fullPage: true });
});

test("an alert appears when an admin sets a limit low, names the agent, and the change is audited", async ({ page }) => {
  await signIn(page, "admin");
  const before = (await (await page.request.get("/api/admin/wallboard-alerts")).json()) as AlertLimits;

  // Bad input is refused and says why.
  const bad = await page.request.put("/api/admin/wallboard-alerts", { data: { settings: { ...before.settings, afterCallWorkMaxS: -5 } } });
  expect(bad.status()).toBe(400);
  expect(((await bad.json()) as { error: string }).error).toMatch(/^settings\.afterCallWorkMaxS: /);

  await page.goto("/wallboard/alerts");
  await page.getByLabel(/Agent in after-call work for at least/).fill("1");
  await page.getByLabel(/Agent in not-ready for at least/).fill("1");
  await page.getByRole("button", { name: "Save limits" }).click();
  await expect(page.getByRole("status")).toContainText(`Saved as v${before.version + 1}`);

  await openWallboard(page);
  // In the e2e simulator agents wrap up after every call; with a 1 s limit one of them is soon alerted.
  const alert = page.locator('[data-testid="alert"][data-kind="after_call_work"], [data-testid="alert"][data-kind="not_ready"]').first();
  await expect(alert).toBeVisible({ timeout: 60_000 });
  const subject = await alert.getByTestId("alert-subject").innerText();
  const names = await page.locator("[data-agent-id]").getByTestId("agent-name").allInnerTexts();
  expect(names).toContain(subject);
  // The sound is the viewer's choice, off until turned on.
  await expect(page.getByTestId("alert-sound")).toHaveAttribute("aria-pressed", "false");
  await page.getByTestId("alert-sound").click();
  await expect(page.getByTestId("alert-sound")).toHaveAttribute("aria-pressed", "true");
  await page.screenshot({ path: test.info().outputPath("wallboard-alerts.png"), fullPage: true });

  const audited = await sql<{ details: string }>(
    page.request,
    `SELECT details FROM audit_log WHERE tenant_id = 'demo' AND action = 'wallboard_alerts.update' ORDER BY at DESC LIMIT 1`,
  );
  expect(JSON.parse(audited[0]?.details ?? "{}")).toMatchObject({ after: { afterCallWorkMaxS: 1, notReadyMaxS: 1 }, version: before.version + 1 });

  // Back to what it was, so other specs see the usual board.
  const reset = await page.request.put("/api/admin/wallboard-alerts", { data: { settings: before.settings, expectedVersion: before.version + 1 } });
  expect(reset.status()).toBe(200);
});

test("a manager sees the wallboard read-only: no monitoring, state or settings controls", async ({ page }) => {
  await signIn(page, "manager");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Wallboard" }).click();
  await expect(page).toHaveURL(/\/wallboard$/);
  await expect(page.getByTestId("live-status")).toHaveText("Live");
  await expect(page.locator("[data-agent-id]").first()).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('tr[data-call-id][data-state="talking"]').first()).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId("monitor-controls")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Listen|^Whisper|^Barge|Set state/ })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Thresholds" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Alert limits" })).toHaveCount(0);
  expect((await page.request.post("/api/monitor/sessions", { data: { callId: "any", mode: "listen" } })).status()).toBe(403);
  expect((await page.request.get("/api/admin/wallboard-alerts")).status()).toBe(403);
  await page.goto("/wallboard/alerts");
  await expect(page).toHaveURL(/\/forbidden\?need=admin/);
  await page.screenshot({ path: test.info().outputPath("wallboard-manager.png"), fullPage: true });
});

test("each queue's service-level target shows as red / amber / green, in words, on the tiles, the queues table and the trend", async ({ page }) => {
  await signIn(page, "manager");
  const targets = (await (await page.request.get("/api/targets")).json()) as { amberBandPts: number; queues: { queueId: string; targetPct: number }[] };
  expect(targets.amberBandPts).toBe(5);
  const first = targets.queues[0];
  expect(first).toBeDefined();

  await page.goto("/queues");
  // Each queue judged by its own target; the totals row (tfoot) has no target of its own.
  const cells = page.locator('[data-testid="queues-table"] tbody td[data-col="sl_against_target"]');
  await expect(cells.first()).toBeVisible();
  for (const text of await cells.allInnerTexts()) expect(text).toMatch(/^(✓ On target|▲ Just below target|✕ Below target|– No data yet)$/);

  await page.goto(`/queues/${encodeURIComponent(first!.queueId)}`);
  const tile = page.locator('[data-kpi="service_level"]');
  await expect(tile.getByTestId("target-badge")).toContainText(`target ${first!.targetPct}%`);
  await expect(page.getByTestId("sl-target-line")).toContainText(`target ${first!.targetPct}%`);
  await expect(page.getByTestId("queue-settings")).toContainText(`target ${first!.targetPct}%`);
});

test("an admin's target change is a new settings version, audited, and judges the queue at once", async ({ page }) => {
  await signIn(page, "admin");
  type Queue = { id: string; name: string; slThresholdS: number; slVariant: string; shortAbandonS: number; slTargetPct: number; definitionVersion: number };
  const defs = (await (await page.request.get("/api/definitions")).json()) as { queues: Queue[] };
  // Not "support": dashboards-definitions.spec.ts changes that one.
  const queue = defs.queues.find((q) => q.id !== "support");
  if (!queue) throw new Error("no queue besides support");

  await page.goto("/definitions");
  const row = page.locator(`[data-testid="definitions-table"] tr[data-queue="${queue.id}"]`);
  // A target of 0 % is met by any service level: green whatever the simulator did.
  await row.getByLabel(`Service-level target for ${queue.name}, percent`).fill("0");
  await row.getByRole("button", { name: `Save ${queue.name}` }).click();
  await expect(page.getByTestId("save-status")).toHaveText(`Saved ${queue.name} as settings v${queue.definitionVersion + 1}.`);
  await expect(page.getByTestId("definition-changes")).toContainText(`target ${queue.slTargetPct} → 0%`);

  const audited = await sql<{ details: string }>(
    page.request,
    `SELECT details FROM audit_log WHERE tenant_id = 'demo' AND action = 'queue_definition.update' AND target = 'queue:${queue.id}' ORDER BY at DESC LIMIT 1`,
  );
  expect(JSON.parse(audited[0]?.details ?? "{}")).toMatchObject({
    before: { slTargetPct: queue.slTargetPct },
    after: { slTargetPct: 0, definitionVersion: queue.definitionVersion + 1 },
  });

  await page.goto("/queues?period=yesterday");
  const cell = page.locator(`[data-testid="queues-table"] tr[data-row="${queue.id}"] [data-col="sl_against_target"]`);
  await expect(cell).toHaveText("✓ On target");
  await expect(cell).toHaveAttribute("data-tone", "green");

  // The wallboard's card judges today's service level by the same target, at once: at 100 % anything
  // under 95 % is red (critical) and from 95 % amber; its own colour must agree with its badge.
  const put = (slTargetPct: number, expectedVersion: number) =>
    page.request.put(`/api/definitions/${encodeURIComponent(queue.id)}`, {
      data: { slThresholdS: queue.slThresholdS, slVariant: queue.slVariant, shortAbandonS: queue.shortAbandonS, slTargetPct, expectedVersion },
    });
  expect((await put(100, queue.definitionVersion + 1)).status()).toBe(200);
  await page.goto("/wallboard");
  const card = page.locator(`li[data-queue-id="${queue.id}"]`);
  await expect(card.getByTestId("target-badge")).toContainText("target 100%");
  // Value and colour read in one go, so a live update cannot fall between them.
  const shown = await card.getByTestId("service-level").evaluate((el) => ({ level: el.getAttribute("data-level"), text: el.querySelector("p")?.textContent ?? "" }));
  const pct = /(\d+(?:\.\d+)?)%/.exec(shown.text)?.[1];
  const expected = pct === undefined || Number(pct) >= 100 ? "normal" : Number(pct) >= 95 ? "warning" : "critical";
  expect(shown.level, `service level "${shown.text}" against a 100 % target`).toBe(expected);

  // Back as it was.
  expect((await put(queue.slTargetPct, queue.definitionVersion + 2)).status()).toBe(200);
});
