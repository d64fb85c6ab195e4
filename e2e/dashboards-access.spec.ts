import { test, expect, signIn } from "./support";

const DAY = 86_400_000;
const PAGES = ["/trends", "/queues", "/queues/support", "/agents", "/contacts"];
/** The dashboards QA may not open: the contact list is QA's way to the calls (the `contacts` capability). */
const QA_CLOSED = PAGES.filter((p) => p !== "/contacts");

test("every dashboard page renders for a manager, with its screenshot", async ({ page }) => {
  await signIn(page, "manager");
  for (const path of PAGES) {
    await page.goto(`${path}?period=yesterday`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 30_000 });
    await page.screenshot({ path: test.info().outputPath(`page${path.replace(/\//g, "-")}.png`), fullPage: true });
  }
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Queues" })).toBeVisible();
});

test("QA sees the overview but not the dashboards, on the server: pages redirect, APIs answer 403", async ({ page }) => {
  await signIn(page, "qa");
  for (const path of QA_CLOSED) {
    await page.goto(path);
    await expect(page, path).toHaveURL(/\/forbidden\?need=dashboards/);
  }
  const to = Date.now();
  const from = to - DAY;
  for (const api of [
    `/api/kpi/queues?from=${from}&to=${to}`,
    `/api/kpi/agents?from=${from}&to=${to}`,
    `/api/kpi/heatmap?from=${from}&to=${to}&tz=UTC`,
    `/api/kpi/agent-timeline?agent=a&from=${from}&to=${to}`,
    `/api/export/queues?from=${from}&to=${to}`,
    `/api/export/contacts?from=${from}&to=${to}`,
  ]) {
    expect((await page.request.get(api)).status(), api).toBe(403);
  }
  expect((await page.request.get(`/api/contacts?from=${from}&to=${to}`)).status()).toBe(200);
  // The overview stays open to QA, without links into the contact lists.
  await page.goto("/?period=yesterday");
  const tile = page.locator('[data-kpi="abandon_rate"]');
  await expect(tile).toHaveAttribute("aria-busy", "false");
  await tile.getByText("Explain").click();
  await expect(tile.locator('[data-contacts="numerator"]')).toBeVisible();
  await expect(tile.locator('[data-contacts="numerator"] a')).toHaveCount(0);
});

test("the new endpoints refuse signed-out callers and name a bad parameter", async ({ page, request }) => {
  const to = Date.now();
  const from = to - DAY;
  for (const api of [`/api/kpi/queues?from=${from}&to=${to}`, `/api/contacts?from=${from}&to=${to}`, "/api/teams", `/api/export/agents?from=${from}&to=${to}`]) {
    expect((await request.get(api)).status(), api).toBe(401);
  }
  await signIn(page, "manager");
  const cases: [string, string][] = [
    [`/api/kpi/queues?from=${from}&to=${from}`, "to"],
    [`/api/kpi/heatmap?from=${from}&to=${to}&tz=Nowhere%2FLand`, "tz"],
    [`/api/contacts?from=${from}&to=${to}&filter=everything`, "filter"],
    [`/api/contacts?from=${from}&to=${to}&limit=100000`, "limit"],
    [`/api/kpi/agent-timeline?from=${from}&to=${to}`, "agent"],
    [`/api/kpi/agent-timeline?agent=a&from=${from - 30 * DAY}&to=${to}`, "to"],
    [`/api/export/nothing?from=${from}&to=${to}`, "table"],
  ];
  for (const [path, param] of cases) {
    const res = await page.request.get(path);
    expect(res.status(), path).toBe(400);
    expect(((await res.json()) as { error?: string }).error, path).toMatch(new RegExp(`(^|; )${param}: `));
  }
  const teams = await page.request.get("/api/teams");
  expect(((await teams.json()) as { teams: unknown[] }).teams.length).toBeGreaterThan(0);
});
