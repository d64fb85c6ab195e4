import { test, expect, signIn } from "./support";
import { ROLES } from "../lib/auth/roles";
import { roleLabel } from "../components/auth/capability-text";

for (const role of ROLES) {
  test(`${role} signs in and sees the overview`, async ({ page }) => {
    await signIn(page, role);
    await expect(page).toHaveURL((url) => url.pathname === "/");
    await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page");
    await expect(page.getByTestId("current-user")).toContainText(roleLabel(role));
    for (const id of ["offered", "answered", "abandon_rate", "asa", "aht", "service_level"]) {
      await expect(page.locator(`[data-kpi="${id}"] [data-testid="kpi-value"]`)).toBeVisible();
    }
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    await page.screenshot({ path: test.info().outputPath(`overview-${role}.png`), fullPage: true });
    // Yesterday is a whole simulated day, so this screenshot shows a full chart whatever the hour.
    await page.getByRole("button", { name: "Yesterday" }).click();
    await expect(page.getByTestId("period-caption")).toContainText("Yesterday");
    await expect(page.locator('[data-kpi="offered"]')).toHaveAttribute("aria-busy", "false");
    await expect(page.getByRole("img", { name: /^Calls per 15 minutes/ })).toBeVisible();
    await page.screenshot({ path: test.info().outputPath(`overview-${role}-yesterday.png`), fullPage: true });
  });
}

test("signing out returns to the sign-in page and the overview then asks to sign in", async ({ page }) => {
  await signIn(page, "qa");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin/);
  await expect(page.getByLabel("Username")).toBeVisible();
});
