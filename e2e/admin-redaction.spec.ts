import { test, expect, signIn, signInRequest, sql } from "./support";

/**
 * An admin changes what redaction masks on /admin/redaction: saved as the next
 * version, audited, and read back the same; other roles cannot read or change it.
 * The health endpoint tells the admin whether a recogniser is set up.
 */

test("an admin saves the redaction settings as a new, audited version", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/admin/redaction");
  await expect(page.getByRole("heading", { name: "Redaction" })).toBeVisible();
  const before = (await (await page.request.get("/api/admin/redaction")).json()) as { version: number; kinds: { expiry: boolean } };
  await expect(page.getByText(`Version ${before.version}.`)).toBeVisible();

  await page.getByLabel(/Expiry dates/).setChecked(!before.kinds.expiry);
  const saved = page.waitForResponse((r) => r.url().endsWith("/api/admin/redaction") && r.request().method() === "PUT");
  await page.getByRole("button", { name: "Save" }).click();
  expect((await saved).status()).toBe(200);
  await expect(page.getByRole("status")).toHaveText(`Saved as version ${before.version + 1}.`);

  const after = (await (await page.request.get("/api/admin/redaction")).json()) as { version: number; kinds: { expiry: boolean } };
  expect(after).toMatchObject({ version: before.version + 1, kinds: { expiry: !before.kinds.expiry } });
  const audit = await sql<{ details: string }>(page.request, "SELECT details FROM audit_log WHERE action = 'redaction_settings.update' ORDER BY at DESC LIMIT 1");
  expect(JSON.parse(audit[0]?.details ?? "{}")).toMatchObject({ version: before.version + 1, after: { kinds: { expiry: !before.kinds.expiry } } });

  // A save based on the version before is refused, not applied over the newer one.
  const stale = await page.request.put("/api/admin/redaction", {
    data: { kinds: { card_number: true, security_code: true, expiry: true }, keepOriginal: false, expectedVersion: before.version },
  });
  expect(stale.status()).toBe(409);

  const health = (await (await page.request.get("/api/health")).json()) as { speech?: { state: string } };
  expect(["not_installed", "starting", "ready", "busy", "restarting"]).toContain(health.speech?.state);
});

test("QA may not read or change the redaction settings", async ({ request }) => {
  await signInRequest(request, "qa");
  expect((await request.get("/api/admin/redaction")).status()).toBe(403);
  expect((await request.put("/api/admin/redaction", { data: { kinds: { card_number: false, security_code: false, expiry: false }, keepOriginal: true } })).status()).toBe(
    403,
  );
});
