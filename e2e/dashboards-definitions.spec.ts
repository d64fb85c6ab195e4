import { test, expect, showBrowserZone, signIn, sql } from "./support";
import { queueSettings, rawQueue, yesterdayUtc } from "./raw-kpis";

const TENANT = process.env.TENANT_ID ?? "demo";

type Definitions = {
  queues: { id: string; slThresholdS: number; slVariant: string; shortAbandonS: number; definitionVersion: number }[];
  changes: { queueId: string }[];
};

test("an admin's threshold change re-evaluates history, shows the new version and is audited", async ({ page, request }) => {
  const range = yesterdayUtc();
  await signIn(page, "admin");
  await showBrowserZone(page);
  const defs = (await (await page.request.get("/api/definitions")).json()) as Definitions;
  const support = defs.queues.find((q) => q.id === "support");
  if (!support) throw new Error("no support queue");
  const before = { slThresholdS: support.slThresholdS, shortAbandonS: support.shortAbandonS, slVariant: support.slVariant, version: support.definitionVersion };
  const strict = 2;

  await page.goto("/queues/support?period=yesterday");
  const tile = page.locator('[data-kpi="service_level"]');
  await expect(tile).toHaveAttribute("aria-busy", "false");
  await expect(page.getByTestId("queue-settings")).toHaveAttribute("data-version", String(before.version));
  const slBefore = Number(await tile.getAttribute("data-value"));
  await page.screenshot({ path: test.info().outputPath("queue.png"), fullPage: true });

  await page.goto("/definitions");
  const row = page.locator('[data-testid="definitions-table"] tr[data-queue="support"]');
  await row.getByLabel(/Service-level threshold for Support/).fill(String(strict));
  await row.getByRole("button", { name: "Save Support" }).click();
  await expect(page.getByTestId("save-status")).toHaveText(`Saved Support as settings v${before.version + 1}.`);
  await expect(page.locator('[data-testid="definitions-table"] tr[data-queue="support"] [data-col="version"]')).toHaveText(`v${before.version + 1}`);
  await expect(page.getByTestId("definition-changes")).toContainText(`support to v${before.version + 1}`);
  await page.screenshot({ path: test.info().outputPath("definitions.png"), fullPage: true });

  // The same history, judged by the new threshold, under the new version.
  await page.goto("/queues/support?period=yesterday");
  await expect(page.getByTestId("queue-settings")).toHaveAttribute("data-version", String(before.version + 1));
  await expect(tile).toHaveAttribute("aria-busy", "false");
  await expect.poll(async () => Number(await tile.getAttribute("data-value"))).toBeLessThan(slBefore);
  const slStrict = Number(await tile.getAttribute("data-value"));
  await tile.getByText("Explain").click();
  await expect(tile.locator('[data-queue="support"]')).toContainText(`T = ${strict} s`);
  await expect(tile.locator('[data-queue="support"] [data-part="settings-version"]')).toHaveText(`v${before.version + 1}`);
  await page.screenshot({ path: test.info().outputPath("queue-after-change.png"), fullPage: true });

  // Put it back (another version, another audit row), so later tests see the simulator's settings.
  const res = await page.request.put("/api/definitions/support", {
    data: { slThresholdS: before.slThresholdS, slVariant: before.slVariant, shortAbandonS: before.shortAbandonS, expectedVersion: before.version + 1 },
  });
  expect(res.status()).toBe(200);
  expect(((await res.json()) as { after: { definitionVersion: number } }).after.definitionVersion).toBe(before.version + 2);

  // Now the independent checks: the strict value is the raw events' own, and both changes are audited.
  const expected = await rawQueue(request, "support", range, { ...before, slThresholdS: strict });
  expect(slStrict).toBeCloseTo(expected.serviceLevel ?? NaN, 12);
  const audit = await sql<{ details: string; actor: string; role: string }>(
    request,
    `SELECT details, actor, role FROM audit_log WHERE tenant_id = '${TENANT}' AND action = 'queue_definition.update' AND target = 'queue:support' ORDER BY at DESC LIMIT 2`,
  );
  expect(audit).toHaveLength(2);
  expect(audit.map((a) => a.role)).toEqual(["admin", "admin"]);
  const [restore, change] = audit.map((a) => JSON.parse(a.details) as { before: { slThresholdS: number }; after: { slThresholdS: number; definitionVersion: number } });
  expect(change?.after).toMatchObject({ slThresholdS: strict, definitionVersion: before.version + 1 });
  expect(change?.before.slThresholdS).toBe(before.slThresholdS);
  expect(restore?.after).toMatchObject({ slThresholdS: before.slThresholdS, definitionVersion: before.version + 2 });
  expect(await queueSettings(request, "support")).toEqual({ ...before, version: before.version + 2 });
});

test("a stale or invalid change is refused with a reason", async ({ page }) => {
  await signIn(page, "admin");
  const bad = await page.request.put("/api/definitions/support", { data: { slThresholdS: -1, slVariant: "nope", shortAbandonS: 5 } });
  expect(bad.status()).toBe(400);
  expect(((await bad.json()) as { error: string }).error).toMatch(/slThresholdS|slVariant/);
  const stale = await page.request.put("/api/definitions/support", {
    data: { slThresholdS: 20, slVariant: "answered_within_over_answered", shortAbandonS: 5, expectedVersion: 0 },
  });
  expect(stale.status()).toBe(409);
  const missing = await page.request.put("/api/definitions/no-such-queue", { data: { slThresholdS: 20, slVariant: "answered_within_over_answered", shortAbandonS: 5 } });
  expect(missing.status()).toBe(404);
});

for (const role of ["manager", "supervisor", "qa"] as const) {
  test(`a ${role} cannot change definitions (403) nor open the page`, async ({ page }) => {
    await signIn(page, role);
    const put = await page.request.put("/api/definitions/support", { data: { slThresholdS: 5, slVariant: "answered_within_over_answered", shortAbandonS: 5 } });
    expect(put.status()).toBe(403);
    expect((await page.request.get("/api/definitions")).status()).toBe(403);
    await page.goto("/definitions");
    await expect(page).toHaveURL(/\/forbidden\?need=admin/);
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Definitions" })).toHaveCount(0);
  });
}
