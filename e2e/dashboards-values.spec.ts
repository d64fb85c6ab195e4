import { test, expect, showBrowserZone, signIn } from "./support";
import { busiestAgent, queueSettings, rawAgent, rawQueue, yesterdayUtc } from "./raw-kpis";

/**
 * One queue row and one agent row, for yesterday (a whole simulated day, in UTC:
 * the pages show the browser's zone, UTC here), must equal what this test computes itself from
 * the raw CTI events, without the KPI engine.
 */

test("a queue row equals the queue's figures counted from the raw events", async ({ page, request }) => {
  const range = yesterdayUtc();
  const settings = await queueSettings(request, "support");
  const raw = await rawQueue(request, "support", range, settings);
  expect(raw.offered, "the simulated history should hold support calls yesterday").toBeGreaterThan(0);

  await signIn(page, "manager");
  await showBrowserZone(page);
  await page.goto("/queues?period=yesterday");
  await expect(page.getByTestId("period-caption")).toHaveAttribute("data-from", String(range.from));
  const row = page.locator('[data-testid="queues-table"] tr[data-row="support"]');
  const cell = (col: string) => row.locator(`[data-col="${col}"]`);
  await expect(cell("offered")).toHaveAttribute("data-value", String(raw.offered));
  await expect(cell("answered")).toHaveAttribute("data-value", String(raw.answered));
  await expect(cell("abandoned")).toHaveAttribute("data-value", String(raw.abandoned));
  await expect(cell("short_abandoned")).toHaveAttribute("data-value", String(raw.shortAbandoned));
  await expect(cell("longest_wait")).toHaveAttribute("data-value", String(raw.longestWait));
  await expect(cell("offered")).toHaveText(new Intl.NumberFormat("en-US").format(raw.offered));
  expect(Number(await cell("asa").getAttribute("data-value"))).toBeCloseTo(raw.answeredWaitSum / raw.answered, 6);
  expect(Number(await cell("abandon_rate").getAttribute("data-value"))).toBeCloseTo(raw.abandoned / raw.withOutcome, 12);
  expect(Number(await cell("service_level").getAttribute("data-value"))).toBeCloseTo(raw.serviceLevel ?? NaN, 12);
  await expect(cell("sl_threshold")).toHaveAttribute("data-value", String(settings.slThresholdS));
  await expect(cell("settings_version")).toHaveAttribute("data-value", String(settings.version));
  await page.screenshot({ path: test.info().outputPath("queues.png"), fullPage: true });
});

test("an agent row equals the agent's figures counted from the raw events", async ({ page, request }) => {
  const range = yesterdayUtc();
  const agentId = await busiestAgent(request, range);
  const raw = await rawAgent(request, agentId, range);
  expect(raw.handled).toBeGreaterThan(0);

  await signIn(page, "supervisor");
  await showBrowserZone(page);
  await page.goto("/agents?period=yesterday");
  const row = page.locator(`[data-testid="agents-table"] tr[data-row="${agentId}"]`);
  const cell = (col: string) => row.locator(`[data-col="${col}"]`);
  await expect(cell("handled")).toHaveAttribute("data-value", String(raw.handled));
  await expect(cell("transfers")).toHaveAttribute("data-value", String(raw.transfers));
  expect(Number(await cell("aht").getAttribute("data-value"))).toBeCloseTo(raw.aht ?? NaN, 6);
  expect(Number(await cell("occupancy").getAttribute("data-value"))).toBeCloseTo(raw.occupancy ?? NaN, 9);
  // Talk, hold and ACW per handled contact add up to AHT.
  const parts = await Promise.all(["talk", "hold", "acw"].map(async (c) => Number(await cell(c).getAttribute("data-value"))));
  expect(parts.reduce((a, b) => a + b, 0)).toBeCloseTo(raw.aht ?? NaN, 6);
  await page.screenshot({ path: test.info().outputPath("agents.png"), fullPage: true });

  // The agent's page: the same figures, and a state timeline of the day.
  await row.locator('[data-col="agent"] a').click();
  await expect(page).toHaveURL(new RegExp(`/agents/${agentId}\\?`));
  await expect(page.locator('[data-kpi="aht"]')).toHaveAttribute("aria-busy", "false");
  expect(Number(await page.locator('[data-kpi="aht"]').getAttribute("data-value"))).toBeCloseTo(raw.aht ?? NaN, 6);
  await expect(page.getByTestId("state-timeline").locator("[data-state]").first()).toBeAttached();
  await page.getByText(/^Show every interval/).click();
  await expect(page.getByTestId("timeline-table").locator("tbody tr").first()).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("agent.png"), fullPage: true });
});
