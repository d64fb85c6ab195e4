import { test, expect, demoSignIn } from "./support";
import { E2E_PORT } from "../playwright.config";

// The e2e server runs without NEXTAUTH_URL (playwright.config.ts), as a default install does: the base URL is inferred.

test("with NEXTAUTH_URL unset, signing in and out on another host name stays on that host", async ({ page }) => {
  const origin = `http://localhost:${E2E_PORT}`;
  const { username, password } = demoSignIn("manager");
  await page.goto(`${origin}/signin`);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  expect(new URL(page.url()).origin).toBe(origin);
  await page.getByRole("button", { name: "Sign out" }).click();
  // Before: http://localhost:3000/signin, whatever host had been used.
  await page.waitForURL((url) => url.pathname === "/signin");
  expect(new URL(page.url()).origin).toBe(origin);
  await expect(page.getByLabel("Username")).toBeVisible();
});

test("next-auth's redirects name the Host used, and ignore forwarded headers no proxy was trusted to send", async ({ request }) => {
  const host = `cc.example.test:${E2E_PORT}`;
  const res = await request.get("/api/auth/signin", { headers: { host, "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" }, maxRedirects: 0 });
  expect(res.status()).toBe(302);
  const location = new URL(res.headers()["location"]!, "http://placeholder");
  expect(location.pathname).toBe("/signin");
  expect(location.searchParams.get("callbackUrl")).toBe(`http://${host}`);
});

test("five wrong passwords pause sign-in for that name, and the sign-in page says until when", async ({ page }) => {
  // A name of its own, so no account the other specs sign in with is paused.
  const username = `nobody-${Date.now()}`;
  await page.goto("/signin");
  await page.getByLabel("Username").fill(username);
  const alert = page.getByRole("alert").filter({ hasText: /Wrong username or password|Too many failed sign-ins/ });
  // Each try waits for the server's answer, so the message checked is that try's.
  const attempt = async (password: string) => {
    await page.getByLabel("Password").fill(password);
    const answered = page.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials"));
    await page.getByRole("button", { name: "Sign in" }).click();
    await answered;
  };
  for (let i = 0; i < 5; i++) {
    await attempt(`wrong-${i}`);
    await expect(alert).toHaveText("Wrong username or password.");
  }
  await attempt("anything");
  await expect(alert).toHaveText(/^Too many failed sign-ins\. Try again in 1 minute \(at \d{2}:\d{2}:\d{2}( [AP]M)?\)\.$/);
  await expect(page).toHaveURL((url) => url.pathname === "/signin");
});
