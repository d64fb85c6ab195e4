import { test, expect, demoSignIn } from "./support";

test("a wrong password shows an error and stays on the sign-in page", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Username").fill(demoSignIn("manager").username);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  // Filtered: Next.js keeps a route announcer of its own with role=alert.
  await expect(page.getByRole("alert").filter({ hasText: "Wrong username or password." })).toBeVisible();
  await expect(page).toHaveURL((url) => url.pathname === "/signin");
  // The password never travels in the URL.
  expect(page.url()).not.toContain("not-the-password");
});

test("a signed-out visit to the overview leads to sign-in, then to the overview", async ({ page }) => {
  await page.goto("/?period=yesterday");
  await expect(page).toHaveURL(/\/signin/);
  const { username, password } = demoSignIn("manager");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
});

test("without the oidc provider configured there is no single sign-on button", async ({ page }) => {
  await page.goto("/signin");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Single sign-on" })).toHaveCount(0);
});

test("the forbidden page names the missing capability", async ({ page }) => {
  await page.goto("/forbidden?need=admin");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("You can’t open that page");
  await expect(page.locator("[data-capability]")).toHaveText("admin");
});
