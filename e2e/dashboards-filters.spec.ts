import { test, expect, showBrowserZone, signIn } from "./support";
import { yesterdayUtc } from "./raw-kpis";

const offeredOf = async (page: import("@playwright/test").Page) => Number(await page.locator('[data-kpi="offered"]').getAttribute("data-value"));
const supportOffered = async (page: import("@playwright/test").Page) =>
  Number(await page.locator('[data-testid="queues-table"] tr[data-row="support"] [data-col="offered"]').getAttribute("data-value"));

test("the queues page's period and team filters live in the URL and change the numbers", async ({ page }) => {
  await signIn(page, "manager");
  await showBrowserZone(page);
  await page.goto("/queues?period=yesterday");
  await expect.poll(() => supportOffered(page)).toBeGreaterThan(0);
  const yesterday = await supportOffered(page);

  await page.getByRole("button", { name: "Last 7 days" }).click();
  await expect(page).toHaveURL(/[?&]period=last7/);
  await expect.poll(() => supportOffered(page)).toBeGreaterThan(yesterday);

  // A custom span of yesterday alone gives yesterday's numbers again.
  const { from } = yesterdayUtc();
  const day = new Date(from).toISOString().slice(0, 10);
  await page.getByRole("button", { name: "Custom", exact: true }).click();
  await page.getByLabel("From", { exact: true }).fill(day);
  await page.getByLabel("To", { exact: true }).fill(day);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`period=custom&start=${day}&end=${day}`));
  await expect.poll(() => supportOffered(page)).toBe(yesterday);

  // A team keeps only the contacts its agents answered.
  const totalOffered = () =>
    page
      .locator('[data-testid="queues-table"] tbody [data-col="offered"]')
      .evaluateAll((cells) => cells.map((c) => Number(c.getAttribute("data-value"))).reduce((a, b) => a + b, 0));
  const allQueues = await totalOffered();
  const team = page.getByLabel("Team");
  await expect(team).toBeEnabled();
  const firstTeam = await team.locator("option").nth(1).getAttribute("value");
  await team.selectOption(firstTeam ?? "");
  await expect(page).toHaveURL(new RegExp(`[?&]team=${firstTeam}`));
  await expect(page.locator("#team-filter-note")).toBeVisible();
  await expect.poll(totalOffered).toBeLessThan(allQueues);
  expect(await totalOffered()).toBeGreaterThan(0);

  // Sorting is in the URL too.
  await page.getByRole("button", { name: /^Offered/ }).click();
  await expect(page).toHaveURL(/sort=offered&dir=desc/);
  const offered = await page
    .locator('[data-testid="queues-table"] tbody [data-col="offered"]')
    .evaluateAll((cells) => cells.map((c) => Number(c.getAttribute("data-value"))));
  expect(offered).toEqual([...offered].sort((a, b) => b - a));
  await page.reload();
  await expect(page.locator('[data-testid="queues-table"] th[data-col="offered"]')).toHaveAttribute("aria-sort", "descending");
});

test("the overview's team filter is in the URL and narrows the tiles; each tile shows its change and trend", async ({ page }) => {
  await signIn(page, "supervisor");
  await page.goto("/?period=yesterday");
  // The server streams the rendered page into a hidden element that React then moves into place: until it has, its
  // tiles are in the document twice.
  await expect(page.locator('div[hidden][id^="S:"]')).toHaveCount(0);
  const tile = page.locator('[data-kpi="offered"]');
  await expect(tile).toHaveAttribute("aria-busy", "false");
  const all = await offeredOf(page);
  expect(all).toBeGreaterThan(0);
  for (const id of ["offered", "answered", "abandoned", "abandon_rate", "short_abandoned", "asa", "avg_wait", "longest_wait", "service_level", "aht", "transfer_rate"]) {
    await expect(page.locator(`[data-kpi="${id}"] [data-testid="kpi-delta"]`)).toContainText(/vs the day before|no change|no comparison/);
  }
  await expect(page.locator('[data-kpi="offered"] svg.sparkline')).toBeVisible();
  await expect(page.locator('[data-kpi="aht"]')).toContainText(/talk \d+:\d\d · hold \d+:\d\d · ACW \d+:\d\d/);

  const team = page.getByLabel("Team");
  await expect(team).toBeEnabled();
  const firstTeam = await team.locator("option").nth(1).getAttribute("value");
  await team.selectOption(firstTeam ?? "");
  await expect(page).toHaveURL(new RegExp(`[?&]team=${firstTeam}`));
  await expect.poll(() => offeredOf(page)).toBeLessThan(all);
  await expect(tile).toHaveAttribute("aria-busy", "false");
  const teamOffered = await offeredOf(page);
  await page.reload();
  await expect(page.getByLabel("Team")).toHaveValue(firstTeam ?? "");
  await expect(tile).toHaveAttribute("data-value", String(teamOffered));
});
