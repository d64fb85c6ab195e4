import { test, expect, signIn } from "./support";
import { downloadCsv, tableText } from "./table-text";
import { E2E_EXPORT_MAX_ROWS } from "../playwright.config";

/** The CSV a table offers must hold the rows and columns the table shows. */

test("the queues and agents CSVs have the rows and columns of their tables, in the page's order", async ({ page }) => {
  await signIn(page, "manager");
  await page.goto("/queues?period=yesterday&sort=service_level&dir=asc");
  const queues = page.getByTestId("queues-table");
  await expect(queues.locator("tbody tr").first()).toBeVisible();
  const href = await page.getByTestId("csv-link").getAttribute("href");
  expect(href).toContain("sort=service_level&dir=asc");
  const csv = await downloadCsv(page, href ?? "");
  expect(csv).toEqual(await tableText(queues));
  expect(csv.length).toBeGreaterThan(1);

  await page.goto("/agents?period=yesterday");
  const agents = page.getByTestId("agents-table");
  await expect(agents.locator("tbody tr").first()).toBeVisible();
  const [agentsHref] = await page.getByTestId("csv-link").evaluateAll((links) => links.map((l) => l.getAttribute("href")));
  expect(await downloadCsv(page, agentsHref ?? "")).toEqual(await tableText(agents));
});

test("the contacts CSV holds the whole list in the page's order; quoting and formula guards hold", async ({ page }) => {
  await signIn(page, "supervisor");
  await page.goto("/contacts?period=yesterday&filter=abandon");
  const table = page.getByTestId("contacts-table");
  await expect(table.locator("tbody tr").first()).toBeVisible();
  const total = Number(await page.getByTestId("contacts-total").getAttribute("data-value"));
  const href = await page.getByTestId("csv-link").getAttribute("href");
  const res = await page.request.get(href ?? "");
  expect(res.headers()["content-type"]).toContain("text/csv");
  expect(res.headers()["content-disposition"]).toMatch(/^attachment; filename="contacts-/);
  const text = await res.text();
  expect(text.endsWith("\r\n")).toBe(true);
  // Caller numbers start with "+": a spreadsheet would run them as formulas unless quoted.
  expect(text).toMatch(/,'\+\d+,/);
  const csv = await downloadCsv(page, href ?? "");
  expect(csv.length).toBe(total + 1);
  // The file adds the ids beside the names the page shows, for joining in a spreadsheet.
  expect(csv[0]?.slice(-2)).toEqual(["Queue id", "Agent id"]);
  const shown = await tableText(table);
  expect(csv.slice(0, shown.length).map((r) => r.slice(0, -2))).toEqual(shown);
});

test("a contacts CSV over the export limit says so on the page, in its headers and in its last line", async ({ page }) => {
  await signIn(page, "supervisor");
  await page.goto("/contacts?period=yesterday");
  const total = Number(await page.getByTestId("contacts-total").getAttribute("data-value"));
  expect(total).toBeGreaterThan(E2E_EXPORT_MAX_ROWS);
  await expect(page.getByTestId("export-cut-notice")).toContainText(E2E_EXPORT_MAX_ROWS.toLocaleString("en"));
  const href = await page.getByTestId("csv-link").getAttribute("href");
  const res = await page.request.get(href ?? "");
  expect(res.headers()["x-export-total"]).toBe(String(total));
  expect(res.headers()["x-export-cut"]).toBe(String(E2E_EXPORT_MAX_ROWS));
  const lines = (await res.text()).trimEnd().split("\r\n");
  expect(lines).toHaveLength(1 + E2E_EXPORT_MAX_ROWS + 1);
  expect(lines.at(-1)).toMatch(new RegExp(`^# cut at ${E2E_EXPORT_MAX_ROWS} contacts`));

  await page.goto("/contacts?period=yesterday&filter=abandon");
  await expect(page.getByTestId("contacts-total")).toBeVisible();
  await expect(page.getByTestId("export-cut-notice")).toHaveCount(0);
});

test("the trends table's CSV matches the chart's numbers", async ({ page }) => {
  await signIn(page, "manager");
  await page.goto("/trends?period=yesterday");
  await page.getByText("Show the numbers as a table").click();
  const table = page.getByTestId("trend-table");
  await expect(table.locator("tbody tr")).toHaveCount(96);
  const href = await page.getByTestId("csv-link").first().getAttribute("href");
  expect(await downloadCsv(page, href ?? "")).toEqual(await tableText(table));
  await page.screenshot({ path: test.info().outputPath("trends.png"), fullPage: true });
  await page.getByRole("button", { name: "Service level" }).click();
  await expect(page).toHaveURL(/heat=sl/);
  await expect(page.getByTestId("heatmap")).toHaveAttribute("data-metric", "sl");
  await page.screenshot({ path: test.info().outputPath("trends-heatmap-sl.png"), fullPage: true });
});
