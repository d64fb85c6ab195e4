import { test, expect, signIn, sql } from "./support";
import { downloadCsv } from "./table-text";
import { yesterdayUtc } from "./raw-kpis";

/**
 * Honest numbers and people's words (issue 13, part C): a team filter says "not
 * applicable" where abandons would count, contacts name their agents, a chart bar
 * opens the contacts behind it, the comparison can be last week, and a CSV's
 * durations are seconds.
 */

test("a team filter shows abandon rate and timeouts as not applicable, with the reason, on tiles, in explain and in the API", async ({ page }) => {
  await signIn(page, "supervisor");
  await page.goto("/?period=yesterday&team=team-support");
  const rate = page.locator('[data-kpi="abandon_rate"]');
  await expect(rate).toHaveAttribute("aria-busy", "false");
  await expect(rate.getByTestId("kpi-value")).toHaveText("Not applicable");
  await expect(rate.getByTestId("kpi-na-reason")).toHaveText(/^Not applicable with a team filter: .*never answered by an agent, so they belong to no team\.$/);
  await expect(rate.getByTestId("kpi-delta")).toHaveCount(0);
  await expect(page.locator('[data-kpi="timed_out"]').getByTestId("kpi-value")).toHaveText("Not applicable");
  // The team's own numbers stay: it answered calls, and the answered figure is a number.
  await expect(page.locator('[data-kpi="answered"]').getByTestId("kpi-value")).toHaveText(/^[\d,]+$/);
  await rate.getByText("Explain").click();
  await expect(rate.locator('[data-part="not-applicable"]')).toContainText("belong to no team");
  await expect(rate.locator('[data-part="numerator"]')).toHaveCount(0);
  // The team filter names the team, not its id.
  await expect(page.getByLabel("Team").locator("option:checked")).toHaveText(/^Support \(\d+ agents\)$/);
  await page.screenshot({ path: test.info().outputPath("team-not-applicable.png"), fullPage: true });

  const { from, to } = yesterdayUtc();
  const res = await page.request.get(`/api/kpi/summary?from=${from}&to=${to}&team=team-support`);
  const body = (await res.json()) as { kpis: Record<string, { value: number | null; notApplicable?: { reason: string } }> };
  expect(body.kpis.abandon_rate?.value).toBeNull();
  expect(body.kpis.abandon_rate?.notApplicable?.reason).toContain("team filter");
  expect(body.kpis.answered?.notApplicable).toBeUndefined();
});

test("the explain panel speaks plain words, with the exact formula one click further", async ({ page }) => {
  await signIn(page, "manager");
  await page.goto("/queues/support?period=yesterday");
  const sl = page.locator('[data-kpi="service_level"]');
  await expect(sl).toHaveAttribute("aria-busy", "false");
  const threshold = await page.getByTestId("queue-settings").getAttribute("data-threshold");
  await sl.getByText("Explain").click();
  await expect(sl.locator('[data-part="plain"]')).toContainText(`within ${threshold} seconds`);
  await expect(sl.locator('[data-part="formula"]')).toBeHidden();
  await sl.getByText("Exact definition").click();
  await expect(sl.locator('[data-part="formula"]')).toBeVisible();
  await expect(sl.locator(".explain-exact")).toContainText("wait_ms <= T × 1000");
});

test("contacts show agents and queues by name, as the agents page does", async ({ page, request }) => {
  await signIn(page, "supervisor");
  await page.goto("/contacts?period=yesterday&filter=answered");
  const table = page.getByTestId("contacts-table");
  await expect(table.locator("tbody tr").first()).toBeVisible();
  const agents = await table.locator('tbody [data-col="agent_id"]').allInnerTexts();
  const names = new Set((await sql<{ name: string }>(request, "SELECT name FROM agents FINAL WHERE tenant_id = 'demo'")).map((r) => r.name));
  expect(agents.length).toBeGreaterThan(0);
  for (const a of agents) {
    expect(a).not.toMatch(/^agent-/);
    expect(names.has(a), a).toBe(true);
  }
  await expect(table.locator('tbody [data-col="queue_id"]').first()).toHaveText(/^(Support|Sales|Billing|Retention|VIP)$/);
});

test("a chart bar opens the contacts of its interval, with the view's filters", async ({ page }) => {
  await signIn(page, "manager");
  await page.goto("/?period=yesterday&queue=support");
  await expect(page.locator(".recharts-bar-rectangle").first()).toBeAttached();
  // 15-minute bars: the 41st is 10:00-10:15 yesterday (UTC here), in the simulated busy day.
  const { from } = yesterdayUtc();
  const start = from + 40 * 15 * 60_000;
  await page.getByText("Show the numbers as a table").click();
  const offered = await page.locator(`[data-testid="trend-table"] tr[data-row="${start}"] [data-col="offered"]`).getAttribute("data-value");
  expect(Number(offered)).toBeGreaterThan(0);
  await page.locator(".recharts-bar-rectangle").nth(40).dispatchEvent("click");
  await expect(page).toHaveURL(/\/contacts\?/);
  const url = new URL(page.url());
  expect(url.searchParams.get("from")).toBe(String(start));
  expect(url.searchParams.get("to")).toBe(String(start + 15 * 60_000));
  expect(url.searchParams.getAll("queue")).toEqual(["support"]);
  await expect(page.getByTestId("contacts-total")).toHaveAttribute("data-value", offered ?? "");
});

test("a heatmap cell opens the contacts of that weekday hour over the period", async ({ page }) => {
  await signIn(page, "manager");
  await page.goto("/trends?period=yesterday&queue=sales");
  const link = page.getByTestId("heatmap").locator("a.heatmap-link").first();
  await expect(link).toBeVisible();
  // Yesterday holds one of each hour's weekday, so the cell's calls per day are its calls.
  const perDay = Number(await link.locator("xpath=..").getAttribute("data-value"));
  expect(perDay).toBeGreaterThan(0);
  await link.click();
  await expect(page).toHaveURL(/\/contacts\?.*wd=\d&hour=\d+/);
  expect(new URL(page.url()).searchParams.getAll("queue")).toEqual(["sales"]);
  await expect(page.getByTestId("slot-caption")).toContainText(/^Only \w+days \d\d:00–\d\d:00/);
  await expect(page.getByTestId("contacts-total")).toHaveAttribute("data-value", String(perDay));
});

test("cmp=week compares with the same day last week, and the URL keeps it", async ({ page }) => {
  await signIn(page, "manager");
  await page.goto("/?period=yesterday");
  const delta = page.locator('[data-kpi="answered"] [data-testid="kpi-delta"]');
  await expect(delta).toContainText(/vs the day before|no comparison with the day before/);
  // The server's copy of the select is disabled: a choice made before React owns it
  // would be reset by hydration and lost, so it waits for the page to be live.
  const html = await (await page.request.get("/?period=yesterday")).text();
  expect(html).toMatch(/<select(?=[^>]*\bid="compare-select")[^>]*\bdisabled=""/);
  await expect(page.getByLabel("Compare with")).toBeEnabled();
  await page.getByLabel("Compare with").selectOption("week");
  await expect(page).toHaveURL(/[?&]cmp=week/);
  await expect(delta).toContainText(/vs the same day last week|no comparison with the same day last week/);
  await page.reload();
  await expect(page.getByLabel("Compare with")).toHaveValue("week");
  await expect(delta).toContainText("the same day last week");
});

test("the queues CSV has durations as seconds beside h:mm:ss, and a totals row", async ({ page }) => {
  await signIn(page, "manager");
  await page.goto("/queues?period=yesterday");
  const table = page.getByTestId("queues-table");
  const asa = table.locator('tr[data-row="support"] [data-col="asa"]');
  await expect(asa).toBeVisible();
  const asaMs = Number(await asa.getAttribute("data-value"));
  await expect(table.locator('tfoot tr[data-row="total"] [data-col="queue"]')).toHaveText("Total");
  const href = await page.getByTestId("csv-link").getAttribute("href");
  const csv = await downloadCsv(page, href ?? "");
  const header = csv[0] ?? [];
  const support = csv.find((r) => r[0] === "Support") ?? [];
  const col = (h: string) => header.indexOf(h);
  expect(col("ASA")).toBe(-1);
  expect(Number(support[col("ASA (s)")])).toBeCloseTo(asaMs / 1000, 3);
  expect(support[col("ASA (h:mm:ss)")]).toMatch(/^\d+:\d\d:\d\d$/);
  // The totals row: offered is the sum of the queues' offered.
  const total = csv.at(-1) ?? [];
  expect(total[0]).toBe("Total");
  const rows = csv.slice(1, -1);
  expect(Number(total[col("Offered")])).toBe(rows.reduce((n, r) => n + Number(r[col("Offered")]), 0));
});

test("an agent's offers count the rings they let pass", async ({ page, request }) => {
  const { from, to } = yesterdayUtc();
  const [top] = await sql<{ agent_id: string; rona: string }>(
    request,
    `SELECT agent_id, uniqExact(event_id) AS rona FROM cti_events
     WHERE tenant_id = 'demo' AND type = 'call.diverted' AND JSONExtractString(data, 'reason') = 'ring_no_answer'
       AND time >= fromUnixTimestamp64Milli(${from}) AND time < fromUnixTimestamp64Milli(${to})
     GROUP BY agent_id ORDER BY rona DESC, agent_id LIMIT 1`,
  );
  expect(top, "the simulated day should have rings nobody answered").toBeDefined();
  await signIn(page, "supervisor");
  await page.goto("/agents?period=yesterday");
  const row = page.locator(`[data-testid="agents-table"] tr[data-row="${top?.agent_id}"]`);
  const value = async (c: string) => Number(await row.locator(`[data-col="${c}"]`).getAttribute("data-value"));
  await expect(row.locator('[data-col="ring_no_answer"]')).toHaveAttribute("data-value", String(top?.rona));
  const answered = await value("answered");
  expect(await value("offers")).toBe(answered + Number(top?.rona));
  expect(await value("answer_rate")).toBeCloseTo(answered / (answered + Number(top?.rona)), 12);
  await expect(page.getByTestId("teams-table").locator('tbody [data-col="team"]').first()).toHaveText(/^(Support|Sales|Billing|Retention|VIP|\(no team\))$/);
});
