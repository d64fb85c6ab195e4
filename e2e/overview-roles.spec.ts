import { test, expect, signIn } from "./support";
import { ROLES } from "../lib/auth/roles";

const ROLE_LABELS = { admin: "Admin", manager: "Manager", supervisor: "Supervisor", qa: "Quality analyst" } as const;

for (const role of ROLES) {
  test(`${role} signs in and sees the overview`, async ({ page }) => {
    await signIn(page, role);
    await expect(page).toHaveURL((url) => url.pathname === "/");
    await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page");
    await expect(page.getByTestId("current-user")).toContainText(ROLE_LABELS[role]);
    for (const id of ["offered", "answered", "abandon_rate", "asa", "aht", "service_level"]) {
      await expect(page.locator(`[data-kpi="${id}"] [data-testid="kpi-value"]`)).toBeVisible();
    }
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    await page.screenshot({ path: test.info().outputPath(`overview-${role}.png`), fullPage: true });
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
