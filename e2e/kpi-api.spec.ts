import { test, expect, signIn } from "./support";

const DAY = 86_400_000;

test("the KPI API refuses a signed-out caller with 401", async ({ request }) => {
  const to = Date.now();
  for (const path of [`/api/kpi/summary?from=${to - DAY}&to=${to}`, `/api/kpi/series?from=${to - DAY}&to=${to}&interval=hour&tz=UTC`, "/api/queues"]) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(401);
  }
});

test("bad parameters get a 400 that names the parameter", async ({ page }) => {
  await signIn(page, "manager");
  const to = Date.now();
  const cases: [string, string][] = [
    [`/api/kpi/summary?from=yesterday&to=${to}`, "from"],
    [`/api/kpi/summary?to=${to}`, "from"],
    [`/api/kpi/summary?from=${to}&to=${to - DAY}`, "to"],
    [`/api/kpi/summary?from=${to - 500 * DAY}&to=${to}`, "to"],
    [`/api/kpi/summary?from=${to - DAY}&to=${to}&variant=nope`, "variant"],
    [`/api/kpi/series?from=${to - DAY}&to=${to}&interval=fortnight&tz=UTC`, "interval"],
    [`/api/kpi/series?from=${to - DAY}&to=${to}&interval=hour&tz=Mars%2FOlympus`, "tz"],
  ];
  for (const [path, param] of cases) {
    const res = await page.request.get(path);
    expect(res.status(), path).toBe(400);
    const body = (await res.json()) as { error?: string };
    expect(body.error, path).toMatch(new RegExp(`^${param}: |; ${param}: `));
  }
});

test("a signed-in caller gets a summary, a gap-free series and the queues", async ({ page }) => {
  await signIn(page, "qa");
  const to = Date.now();
  const from = to - 2 * DAY;
  const summary = await page.request.get(`/api/kpi/summary?from=${from}&to=${to}`);
  expect(summary.status()).toBe(200);
  const s = (await summary.json()) as { kpis: Record<string, { value: number | null; version: number }> };
  expect(s.kpis.offered?.value).toBeGreaterThan(0);
  expect(s.kpis.abandon_rate?.version).toBeGreaterThanOrEqual(1);

  const series = await page.request.get(`/api/kpi/series?from=${from}&to=${to}&interval=hour&tz=Europe%2FLondon`);
  expect(series.status()).toBe(200);
  const points = ((await series.json()) as { points: { start: number }[] }).points;
  // Every hour of the range is present, empty or not.
  expect(points.length).toBeGreaterThanOrEqual(48);

  const queues = await page.request.get("/api/queues");
  expect(queues.status()).toBe(200);
  const list = ((await queues.json()) as { queues: { id: string; name: string; slThresholdS: number }[] }).queues;
  expect(list.length).toBeGreaterThan(0);
  expect(list[0]?.name).toBeTruthy();
});
