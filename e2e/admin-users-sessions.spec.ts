import type { Page } from "@playwright/test";
import { test, expect, signIn, demoSignIn } from "./support";

/**
 * Server-side sessions, end to end: an admin adds a user in the app, that user signs
 * in, and every change the admin makes (role, revocation, removal) applies to the
 * user's very next request and ends their open live stream; a cookie copied before
 * sign-out is refused after it.
 */
const password = "e2e-password-0123";

async function signInAs(page: Page, username: string) {
  await page.goto("/signin");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
}

type StreamWindow = { streamStatus?: number; streamState?: string };

/** Opens /api/live/stream in the page and records when its body ends. */
async function openStream(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as StreamWindow;
    w.streamState = "connecting";
    void fetch("/api/live/stream")
      .then(async (r) => {
        w.streamStatus = r.status;
        const reader = (r.body as ReadableStream<Uint8Array>).getReader();
        const text = new TextDecoder();
        let seen = "";
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          seen += text.decode(value);
          if (seen.includes("event: snapshot")) w.streamState = "open";
        }
        w.streamState = "ended";
      })
      .catch(() => (w.streamState = "failed"));
  });
  await expect.poll(() => page.evaluate(() => (window as unknown as StreamWindow).streamState)).toBe("open");
}

const streamState = (page: Page) => page.evaluate(() => (window as unknown as StreamWindow).streamState);

test("an admin's changes to a user apply to that user's next request and end their live stream", async ({ page, browser }) => {
  const username = `e2e-sam-${Date.now().toString(36)}`;
  await signIn(page, "admin");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  await page.getByRole("button", { name: "Add a user" }).click();
  const form = page.getByRole("form", { name: "New user" });
  await form.getByLabel("Username").fill(username);
  await form.getByLabel("Name", { exact: true }).fill("Sam Example");
  await form.getByLabel("Role").selectOption("supervisor");
  await form.getByLabel("Password", { exact: true }).fill(password);
  await form.getByRole("button", { name: "Add user" }).click();
  const row = page.locator(`[data-user="${username}"]`);
  await expect(row.getByTestId("user-role")).toHaveText("Supervisor");

  const samContext = await browser.newContext();
  const sam = await samContext.newPage();
  await signInAs(sam, username);
  expect((await sam.request.get("/api/admin/users")).status()).toBe(403);

  // Promoted: the very next call has the new role (the cookie was not renewed meanwhile).
  await row.getByRole("button", { name: `Edit ${username}` }).click();
  await page
    .getByRole("form", { name: `Edit ${username}` })
    .getByLabel("Role")
    .selectOption("admin");
  await page
    .getByRole("form", { name: `Edit ${username}` })
    .getByRole("button", { name: "Save" })
    .click();
  await expect(row.getByTestId("user-role")).toHaveText("Admin");
  expect((await sam.request.get("/api/admin/users")).status()).toBe(200);

  // Revoked from the sessions list: the next call is signed out.
  await row.getByRole("button", { name: `Sessions of ${username}` }).click();
  await page.getByTestId(`sessions-${username}`).getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByText(`No session: ${username} is signed out everywhere.`)).toBeVisible();
  expect((await sam.request.get("/api/teams")).status()).toBe(401);

  // Signed in again, with the live floor open; then removed: the stream ends and the next call is refused.
  await signInAs(sam, username);
  await test.step("open the live stream", () => openStream(sam));
  page.once("dialog", (d) => void d.accept());
  await row.getByRole("button", { name: `Remove ${username}` }).click();
  await expect(row).toHaveCount(0);
  await test.step("the stream ends", () => expect.poll(() => streamState(sam)).toBe("ended"));
  expect((await sam.request.get("/api/teams")).status()).toBe(401);
  await samContext.close();
});

test("a session cookie copied before sign-out is refused after it", async ({ page, browser }) => {
  await signIn(page, "supervisor");
  const copied = await page.context().cookies();
  const thief = await browser.newContext();
  await thief.addCookies(copied);
  expect((await thief.request.get("/api/teams")).status()).toBe(200);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  expect((await thief.request.get("/api/teams")).status()).toBe(401);
  await thief.close();
  // The user can sign in again as before.
  await page.getByLabel("Username").fill(demoSignIn("supervisor").username);
  await page.getByLabel("Password").fill(demoSignIn("supervisor").password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
});
