import { test, expect, signIn, sql, demoSignIn } from "./support";
import { downloadCsv } from "./table-text";

/**
 * Mutations from our own pages pass and are audited; the same request from
 * another site is refused before it reaches the store. The admin reads the entry
 * (who, what, when, from where, before and after) on the audit page and in its
 * CSV, whose rows are checked against the store read with SQL.
 */

const THRESHOLDS = { longestWaitS: { warning: 60, critical: 120 }, waiting: { warning: 3, critical: 8 } };

type AuditRow = { id: string; actor: string; client_address: string; details: string };
const auditRows = (request: Parameters<typeof sql>[0]) =>
  sql<AuditRow>(
    request,
    "SELECT toString(id) AS id, actor, client_address, details FROM audit_log WHERE target = 'queue:billing' AND action = 'wallboard_thresholds.update' ORDER BY at DESC, id",
  );

test("a save from our page is audited and shown to the admin; the same save from another site is refused", async ({ page }) => {
  const admin = demoSignIn("admin");
  await signIn(page, "admin");
  const before = await auditRows(page.request);

  // From our own page: the browser sends Origin, which matches.
  await page.goto("/wallboard/thresholds");
  const row = page.locator('tr[data-queue-id="billing"]');
  await row.getByLabel("Billing: Calls waiting, warning").fill("5");
  const saved = page.waitForResponse((r) => r.url().endsWith("/api/admin/thresholds") && r.request().method() === "PUT");
  await row.getByRole("button", { name: "Save" }).click();
  expect((await saved).status()).toBe(200);
  await expect(row.getByText("Saved")).toBeVisible();

  // The same session, but the request says another site sent it.
  const data = { queueId: "billing", thresholds: { ...THRESHOLDS, waiting: { warning: 1, critical: 8 } } };
  const foreign = await page.request.put("/api/admin/thresholds", { headers: { origin: "https://evil.example" }, data });
  expect(foreign.status()).toBe(403);
  expect(((await foreign.json()) as { error: string }).error).toBe("refused: a PUT from another site (Origin https://evil.example); send it from this site's own pages");
  const crossSite = await page.request.put("/api/admin/thresholds", { headers: { "sec-fetch-site": "cross-site" }, data });
  expect(crossSite.status()).toBe(403);

  const after = await auditRows(page.request);
  expect(after).toHaveLength(before.length + 1);
  const entry = after[0];
  expect(entry?.actor).toBe(admin.username);
  expect(entry?.client_address).toMatch(/127\.0\.0\.1|::1/);
  const details = JSON.parse(entry?.details ?? "{}") as { before: { waiting: { warning: number } }; after: { waiting: { warning: number } } };
  expect(details.after.waiting.warning).toBe(5);
  const previous = details.before.waiting.warning;

  // The admin's page: the newest entry for this target first.
  await page.goto(`/admin/audit?actor=${encodeURIComponent(admin.username)}&action=wallboard_thresholds.update`);
  const table = page.getByTestId("audit-table");
  const first = table.locator("tbody tr").first();
  await expect(first).toHaveAttribute("data-row", entry?.id ?? "");
  await expect(first.locator('[data-col="action"]')).toHaveText("wallboard_thresholds.update");
  await expect(first.locator('[data-col="target"]')).toHaveText("queue:billing");
  await expect(first.locator('[data-col="from"]')).toHaveText(entry?.client_address ?? "");
  await expect(first.locator('[data-col="change"]')).toContainText(`waiting.warning: ${previous} → 5`);
  await page.screenshot({ path: test.info().outputPath("audit-page.png"), fullPage: true });

  // Its CSV: the same filters, every matching entry, as the store has them.
  const href = await page.getByTestId("csv-link").getAttribute("href");
  const csv = await downloadCsv(page, href ?? "");
  const mine = await sql<{ id: string }>(
    page.request,
    `SELECT DISTINCT toString(id) AS id, at FROM audit_log WHERE actor = '${admin.username.replace(/'/g, "")}' AND action = 'wallboard_thresholds.update' ORDER BY at DESC, id`,
  );
  expect(csv[0]?.slice(0, 3)).toEqual(["Entry id", "Time (UTC, ISO 8601)", "Time"]);
  expect(csv.slice(1).map((r) => r[0])).toEqual(mine.map((r) => r.id));

  // Put the billing queue back as it was for other tests.
  await page.goto("/wallboard/thresholds");
  await row.getByLabel("Billing: Calls waiting, warning").fill(String(previous));
  await Promise.all([page.waitForResponse((r) => r.url().endsWith("/api/admin/thresholds") && r.ok()), row.getByRole("button", { name: "Save" }).click()]);
});

test("only admins read the audit log", async ({ page }) => {
  await signIn(page, "manager");
  expect((await page.request.get("/api/admin/audit")).status()).toBe(403);
  expect((await page.request.get("/api/admin/audit/export")).status()).toBe(403);
  await page.goto("/admin/audit");
  await expect(page).toHaveURL(/\/forbidden/);
});
