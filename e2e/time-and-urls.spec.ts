import type { Page } from "@playwright/test";
import { test, expect, signIn, sql } from "./support";

/**
 * One clock and honest addresses (docs/dashboards.md, "One clock"): the e2e centre is in
 * Europe/London (playwright.config.ts), this browser in New York.
 */
test.use({ timezoneId: "America/New_York" });

const CENTRE = "Europe/London";
const MINE = "America/New_York";

/** The instant local midnight began the day holding `t` in `tz`, found by trying each whole-hour offset: independent of the app's own date code. */
function midnightIn(tz: string, t: number): number {
  const fmt = new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  const day = fmt.format(t).slice(0, 10);
  const [y, m, d] = day.split("-").map(Number);
  for (let offsetH = -14; offsetH <= 14; offsetH++) {
    const candidate = Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1) - offsetH * 3_600_000;
    if (fmt.format(candidate) === `${day}, 00:00`) return candidate;
  }
  throw new Error(`no midnight found for ${day} in ${tz}`);
}

const caption = (page: Page) => page.getByTestId("period-caption").first();

async function expectWindow(page: Page, tz: string): Promise<void> {
  await expect(caption(page)).toContainText(`times in ${tz}`);
  // The page's "now" and this test's may straddle a midnight; the window is the one holding either.
  const from = Number(await caption(page).getAttribute("data-from"));
  expect([midnightIn(tz, Date.now()), midnightIn(tz, Date.now() - 60_000)]).toContain(from);
}

test("a New York viewer sees the centre's day by default, the page says so, and may switch to their own", async ({ page }) => {
  await signIn(page, "supervisor");
  await page.goto("/");
  const zones = page.getByTestId("zone-switch");
  await expect(zones.getByRole("button", { name: `Centre (${CENTRE})` })).toHaveAttribute("aria-pressed", "true");
  await expect(zones.getByRole("button", { name: `Mine (${MINE})` })).toHaveAttribute("aria-pressed", "false");
  await expectWindow(page, CENTRE);
  // Another page, the same window.
  await page.goto("/agents");
  await expectWindow(page, CENTRE);

  await zones.getByRole("button", { name: `Mine (${MINE})` }).click();
  await expect(zones.getByRole("button", { name: `Mine (${MINE})` })).toHaveAttribute("aria-pressed", "true");
  await expectWindow(page, MINE);
  // The choice is kept: the next page (rendered on the server) shows the viewer's zone too.
  await page.goto("/");
  await expectWindow(page, MINE);
  await page.goto("/wallboard/replay");
  await expect(page.getByLabel(`Moment (times in ${MINE})`)).toBeVisible();

  await page
    .getByTestId("zone-switch")
    .getByRole("button", { name: `Centre (${CENTRE})` })
    .click();
  await expect(page.getByLabel(`Moment (times in ${CENTRE})`)).toBeVisible();
});

test("each bad address says what is wrong and what is shown instead", async ({ page }) => {
  await signIn(page, "supervisor");
  const cases: [string, string][] = [
    ["/?period=garbage", "The address asks for the period “garbage”, which is not one this page knows. Showing Today instead."],
    ["/?period=custom&start=2026-01-05&end=2026-01-03", "The custom period in the address ends on 2026-01-03, before it starts on 2026-01-05. Showing Today instead."],
    // 2024 (a leap year) and 2025 are 731 days; with 1 January 2026 included, 732.
    [
      "/?period=custom&start=2024-01-01&end=2026-01-01",
      "The custom period in the address, 2024-01-01 to 2026-01-01, spans 732 days; the longest is 400. Showing Today instead.",
    ],
    ["/?from=garbage", "This page does not take a from/to range; it shows Today instead."],
    ["/contacts?from=garbage", "The range in the address (from “garbage” to “”) is not two instants in order. Showing Today instead."],
    ["/queues?queue=nope", "There is no queue “nope” among those you can see, so nothing below matches it."],
    ["/agents?team=nobody", "There is no team “nobody” among those you can see, so nothing below matches it."],
    [`/contacts?agent=${"a".repeat(129)}`, "The address has an empty or over-long agent filter; it is ignored."],
    ["/contacts?agent=nobody", "There is no agent “nobody” among those you can see, so nothing below matches it."],
  ];
  for (const [url, message] of cases) {
    await page.goto(url);
    await expect(page.getByTestId("url-problems"), url).toContainText(message);
    // What is shown instead is Today, labelled so (never "Custom").
    await expect(caption(page), url).toHaveText(/^Today · /);
  }
  // The message's button drops the bad entry from the address, and the message goes.
  await page.goto("/?period=garbage");
  await page.getByTestId("url-problems").getByRole("button", { name: "Remove it from the address" }).click();
  await expect(page).not.toHaveURL(/period=/);
  await expect(page.getByTestId("url-problems")).toHaveCount(0);
});

test("the contacts page's agent filter names its agents, as the directory does", async ({ page }) => {
  await signIn(page, "supervisor");
  const [agent] = await sql<{ agent_id: string; name: string }>(page.request, "SELECT agent_id, name FROM agents FINAL WHERE name != '' ORDER BY agent_id LIMIT 1");
  expect(agent?.name).toBeTruthy();
  await page.goto(`/contacts?period=yesterday&agent=${agent?.agent_id}`);
  await expect(page.getByTestId("agent-filter")).toHaveText(`${agent?.name} ×`);
  await expect(page.getByTestId("url-problems")).toHaveCount(0);
});

test("unknown ids and routes are not found inside the app's frame", async ({ page }) => {
  await signIn(page, "supervisor");
  for (const url of ["/queues/does-not-exist", "/agents/nobody", "/calls/nope", "/nothing-here"]) {
    const res = await page.goto(url);
    expect(res?.status(), url).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" }), url).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" }), url).toBeVisible();
  }
});

test("an agent's page loads with no console error (no hydration mismatch)", async ({ page }) => {
  await signIn(page, "supervisor");
  await page.goto("/agents");
  const link = page.locator('a[href^="/agents/"]').first();
  await expect(link).toBeVisible();
  const href = (await link.getAttribute("href")) ?? "";
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  // The browser's clock 90 s ahead of the server's: today's timeline totals run to "now", so a
  // page that rendered with its own clock while hydrating would differ from the server's HTML
  // for certain (React error #418), not only when a second ticks over in between.
  await page.clock.install({ time: Date.now() + 90_000 });
  await page.goto(href.split("?")[0] ?? href);
  await expect(page.getByTestId("agent-name")).toBeVisible();
  await expect(page.locator('[data-kpi][aria-busy="false"]').first()).toBeVisible();
  await expect(page.getByTestId("state-timeline")).toBeVisible();
  // Hydration runs once the scripts have loaded; wait for the network to settle before judging.
  await page.waitForLoadState("networkidle");
  expect(errors).toEqual([]);
});
