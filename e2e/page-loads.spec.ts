import { test, expect, signIn } from "./support";

/**
 * The specs' page loads return once React owns the page (e2e/live-pages.ts), in the
 * test's own page and in pages a test opens itself. Read once, without waiting:
 * a load that returned early would find the server's disabled select.
 */
test("a page load returns with the page live, in the test's page and in a page the test opens", async ({ page, browser }) => {
  await signIn(page, "manager");
  await page.goto("/?period=yesterday");
  expect(await page.locator("html").getAttribute("data-hydrated")).toBe("true");
  expect(await page.getByLabel("Compare with").isEnabled()).toBe(true);

  const other = await browser.newPage();
  await signIn(other, "manager");
  await other.goto("/contacts?period=yesterday");
  expect(await other.getByLabel("List", { exact: true }).isEnabled()).toBe(true);
  await other.reload();
  expect(await other.getByLabel("List", { exact: true }).isEnabled()).toBe(true);
  await other.close();
});
