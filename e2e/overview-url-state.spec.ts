import { test, expect, signIn } from "./support";

/** Calls the live simulator may complete while one test runs (the e2e centre is busy around the clock). */
const LIVE_MARGIN = 60;

const offeredOf = async (page: import("@playwright/test").Page) => Number(await page.locator('[data-kpi="offered"]').getAttribute("data-value"));

test("period and queue live in the URL, change the numbers, and survive a reload", async ({ page }) => {
  await signIn(page, "supervisor");
  await page.goto("/?period=yesterday");
  const offered = page.locator('[data-kpi="offered"]');
  await expect(offered).toHaveAttribute("aria-busy", "false");
  const yesterday = await offeredOf(page);
  expect(yesterday).toBeGreaterThan(0);

  // Last 7 days holds yesterday and more (the simulator has filled three days).
  await page.getByRole("button", { name: "Last 7 days" }).click();
  await expect(page).toHaveURL(/[?&]period=last7/);
  await expect(page.getByRole("button", { name: "Last 7 days" })).toHaveAttribute("aria-pressed", "true");
  await expect.poll(() => offeredOf(page)).toBeGreaterThan(yesterday);
  await expect(offered).toHaveAttribute("aria-busy", "false");
  const week = await offeredOf(page);
  await expect(page.getByRole("heading", { name: "Calls per hour" })).toBeVisible();

  // One queue: a share of all queues.
  const queue = page.getByLabel("Queue");
  await expect(queue).toBeEnabled();
  const firstQueue = await queue.locator("option").nth(1).getAttribute("value");
  expect(firstQueue).toBeTruthy();
  await queue.selectOption(firstQueue ?? "");
  await expect(page).toHaveURL(new RegExp(`[?&]queue=${encodeURIComponent(firstQueue ?? "")}(&|$)`));
  await expect.poll(() => offeredOf(page)).toBeLessThan(week);
  await expect(offered).toHaveAttribute("aria-busy", "false");
  const weekOneQueue = await offeredOf(page);
  expect(weekOneQueue).toBeGreaterThan(0);

  // The URL alone restores the view.
  await page.reload();
  await expect(page.getByRole("button", { name: "Last 7 days" })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByLabel("Queue")).toHaveValue(firstQueue ?? "");
  // "Last 7 days" includes today, where the live simulator keeps adding calls: the same view
  // shows the same numbers plus at most the few calls that ended meanwhile.
  await expect(offered).toHaveAttribute("aria-busy", "false");
  await expect.poll(() => offeredOf(page)).toBeGreaterThanOrEqual(weekOneQueue);
  expect(await offeredOf(page)).toBeLessThanOrEqual(weekOneQueue + LIVE_MARGIN);

  // Back to all queues.
  await page.getByLabel("Queue").selectOption("");
  await expect(page).not.toHaveURL(/[?&]queue=/);
  await expect.poll(() => offeredOf(page)).toBeGreaterThanOrEqual(week);
  expect(await offeredOf(page)).toBeLessThanOrEqual(week + LIVE_MARGIN);
});
