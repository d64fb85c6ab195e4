import type { Page } from "@playwright/test";
import { test, expect, signIn } from "./support";

/** Opens a tile's explain panel and follows its contacts link for one side; returns the count the panel promised. */
async function followContacts(page: Page, kpi: string, side: "value" | "numerator" | "denominator"): Promise<number> {
  const tile = page.locator(`[data-kpi="${kpi}"]`);
  await expect(tile).toHaveAttribute("aria-busy", "false");
  await tile.getByText("Explain").click();
  const link = tile.locator(`[data-contacts="${side}"]`);
  const count = Number(await link.getAttribute("data-count"));
  await link.getByRole("link").click();
  await expect(page).toHaveURL(/\/contacts\?/);
  return count;
}

test("each explain link opens the contacts it counts, as many as it says", async ({ page }) => {
  await signIn(page, "manager");
  await page.goto("/?period=yesterday");
  await expect(page.locator('[data-kpi="offered"]')).toHaveAttribute("aria-busy", "false");
  const offered = Number(await page.locator('[data-kpi="offered"]').getAttribute("data-value"));

  // Explain shows the formula, the version, the inputs and the thresholds in force.
  const sl = page.locator('[data-kpi="service_level"]');
  await expect(sl).toHaveAttribute("aria-busy", "false");
  await sl.getByText("Explain").click();
  await expect(sl.locator('[data-part="version"]')).toHaveText(/^v\d+$/);
  await expect(sl.locator('[data-part="numerator"]')).toBeVisible();
  await expect(sl.locator('[data-part="denominator"]')).toBeVisible();
  await expect(sl.locator("[data-queue]")).toHaveCount(5);
  await expect(sl.locator('[data-queue="support"]')).toContainText(/T = \d+ s/);
  await page.screenshot({ path: test.info().outputPath("overview-explain.png"), fullPage: true });
  await page.keyboard.press("Escape");

  for (const [kpi, side] of [
    ["abandon_rate", "numerator"],
    ["abandon_rate", "denominator"],
    ["service_level", "numerator"],
    ["service_level", "denominator"],
    ["aht", "denominator"],
    ["short_abandoned", "value"],
  ] as const) {
    await page.goto("/?period=yesterday");
    const promised = await followContacts(page, kpi, side);
    await expect(page.getByTestId("contacts-total"), `${kpi} ${side}`).toHaveAttribute("data-value", String(promised));
    if (kpi === "abandon_rate" && side === "denominator") expect(promised).toBe(offered);
  }
  // The last list opened: its rows are the ones counted (short abandons, with the flag set).
  const rows = page.getByTestId("contacts-table").locator("tbody tr");
  const shown = await rows.count();
  expect(shown).toBeGreaterThan(0);
  await expect(page.getByTestId("contacts-table").locator('tbody [data-col="short_abandon"][data-value="false"]')).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath("contacts.png"), fullPage: true });
});

test("the contacts list pages through the whole list and sorts by the store", async ({ page }) => {
  await signIn(page, "manager");
  await page.goto("/contacts?period=yesterday");
  const total = Number(await page.getByTestId("contacts-total").getAttribute("data-value"));
  expect(total).toBeGreaterThan(50);
  await expect(page.getByTestId("contacts-table").locator("tbody tr")).toHaveCount(50);
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await expect(page).toHaveURL(/[?&]page=2/);
  await expect(page.getByTestId("contacts-total")).toContainText("rows 51–100");

  await page.getByRole("button", { name: /^Wait/ }).click();
  await expect(page).toHaveURL(/sort=wait_ms&dir=desc/);
  await expect(page).not.toHaveURL(/page=2/);
  const waits = await page
    .getByTestId("contacts-table")
    .locator('tbody [data-col="wait_ms"]')
    .evaluateAll((c) => c.map((x) => Number(x.getAttribute("data-value"))));
  expect(waits).toEqual([...waits].sort((a, b) => b - a));

  await page.getByLabel("List", { exact: true }).selectOption("abandon");
  await expect(page).toHaveURL(/filter=abandon/);
  await expect(page.getByTestId("contacts-table").locator('tbody [data-col="outcome"]').first()).toHaveText("Abandoned");
});
