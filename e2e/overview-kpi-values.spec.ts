import { test, expect, showBrowserZone, signIn, sql } from "./support";

const TENANT = process.env.TENANT_ID ?? "demo";
const DAY = 86_400_000;

type Row = { offered: string | number; answered: string | number; abandoned: string | number };

/**
 * The tiles must agree with the raw events, counted here independently of the KPI
 * engine: queue exits (one per contact segment, repeats collapsed by event id)
 * whose queue entry time, time - waitMs, falls in yesterday (UTC: the browser runs in
 * UTC in these tests and the page is set to show its zone, not the centre's).
 */
test("yesterday's Offered, Answered and abandon rate equal a direct count over cti_events", async ({ page, request }) => {
  const todayStart = Math.floor(Date.now() / DAY) * DAY;
  const from = todayStart - DAY;
  const to = todayStart;
  const [row] = await sql<Row>(
    request,
    `SELECT count() AS offered, countIf(reason = 'answered') AS answered, countIf(reason = 'abandon') AS abandoned
     FROM (
       SELECT event_id,
              any(JSONExtractString(data, 'reason')) AS reason,
              any(time - toIntervalMillisecond(JSONExtractUInt(data, 'waitMs'))) AS queued_at
       FROM cti_events
       WHERE tenant_id = '${TENANT}' AND type = 'call.queue_exited'
       GROUP BY event_id
     )
     WHERE queued_at >= fromUnixTimestamp64Milli(${from}, 'UTC') AND queued_at < fromUnixTimestamp64Milli(${to}, 'UTC')`,
  );
  expect(row).toBeDefined();
  const offered = Number(row?.offered);
  const answered = Number(row?.answered);
  const abandoned = Number(row?.abandoned);
  expect(offered, "the simulated history should hold calls yesterday").toBeGreaterThan(0);

  await signIn(page, "manager");
  await showBrowserZone(page);
  await page.getByRole("button", { name: "Yesterday" }).click();
  await expect(page).toHaveURL(/[?&]period=yesterday/);
  // The page's own idea of yesterday must be the one counted above.
  await expect(page.getByTestId("period-caption")).toHaveAttribute("data-from", String(from));
  await expect(page.getByTestId("period-caption")).toHaveAttribute("data-to", String(to));

  const tile = (id: string) => page.locator(`[data-kpi="${id}"]`);
  const count = new Intl.NumberFormat("en-US");
  const percent = new Intl.NumberFormat("en-US", { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });

  await expect(tile("offered")).toHaveAttribute("data-value", String(offered));
  await expect(tile("offered").getByTestId("kpi-value")).toHaveText(count.format(offered));
  await expect(tile("answered")).toHaveAttribute("data-value", String(answered));
  await expect(tile("answered").getByTestId("kpi-value")).toHaveText(count.format(answered));
  await expect(tile("abandon_rate").getByTestId("kpi-value")).toHaveText(percent.format(abandoned / offered));
  expect(Number(await tile("abandon_rate").getAttribute("data-value"))).toBeCloseTo(abandoned / offered, 12);

  // "Explain" shows the inputs behind the rate and the definition version.
  await tile("abandon_rate").getByText("Explain").click();
  await expect(tile("abandon_rate").locator('[data-part="numerator"]')).toHaveText(count.format(abandoned));
  await expect(tile("abandon_rate").locator('[data-part="denominator"]')).toHaveText(count.format(offered));
  await expect(tile("abandon_rate").locator('[data-part="version"]')).toHaveText(/^v\d+$/);
  // Its denominator is offered with an outcome since migration 0028 (yesterday has no caller without one, so the value is abandoned / offered).
  await expect(tile("abandon_rate")).toContainText("abandoned / (offered - in progress - lost)");
});
