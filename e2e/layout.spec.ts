import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Page } from "@playwright/test";
import { test, expect, signIn, signInRequest, sql } from "./support";
import { ROLES } from "../lib/auth/roles";
import { pagesFor, type DetailIds } from "./layout-pages";

/**
 * Every signed-in page, for every role, at a phone, a desktop and a TV size: no
 * sideways scroll (a wide table scrolls inside its own box), nothing in the
 * console, and axe finds nothing at WCAG 2.2 AA. Then TV mode fits its screen,
 * the dark theme keeps AA, and the overview prints on one A4 page.
 */

const SIZES = [
  { width: 360, height: 740 },
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
] as const;
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

async function detailIds(page: Page): Promise<DetailIds> {
  const config = JSON.parse(fs.readFileSync("config/simulator.e2e.json", "utf8")) as { queues: { id: string }[] };
  const first = async (query: string) => (await sql<{ id: string }>(page.request, query))[0]?.id ?? null;
  const agentId = await first(`SELECT agent_id AS id FROM cti_events WHERE tenant_id = 'demo' AND type = 'agent.logged_on' ORDER BY agent_id LIMIT 1`);
  if (agentId === null) throw new Error("no agent in the store");
  return {
    queueId: config.queues[0]?.id ?? "support",
    agentId,
    callId: await first(`SELECT call_id AS id FROM recordings WHERE tenant_id = 'demo' GROUP BY call_id HAVING max(duration_ms) > 0 ORDER BY call_id LIMIT 1`),
    evaluationId: await first(`SELECT toString(evaluation_id) AS id FROM qa_evaluations FINAL WHERE status = 'submitted' AND calibration_id = '' LIMIT 1`),
    calibrationId: await first(`SELECT toString(calibration_id) AS id FROM qa_calibrations LIMIT 1`),
  };
}

/**
 * The QA detail pages need a submitted evaluation and a calibration. This spec runs before the QA
 * specs make theirs, so when the store has none it makes one of each, through the API as an admin.
 */
async function ensureQaDetails(request: APIRequestContext): Promise<void> {
  const count = async (query: string) => Number((await sql<{ n: string }>(request, query))[0]?.n ?? 0);
  const evaluations = await count(`SELECT count() AS n FROM qa_evaluations WHERE status = 'submitted' AND calibration_id = ''`);
  const calibrations = await count(`SELECT count() AS n FROM qa_calibrations`);
  if (evaluations > 0 && calibrations > 0) return;
  const [call] = await sql<{ call_id: string }>(
    request,
    `SELECT max(call_id) AS call_id FROM recordings WHERE tenant_id = 'demo' AND agent_id != '' GROUP BY recording_id HAVING max(duration_ms) > 0 ORDER BY max(started_at) DESC LIMIT 1`,
  );
  if (!call) throw new Error("no recorded call to evaluate");
  await signInRequest(request, "admin");
  const ok = async (answer: Promise<{ status(): number; json(): Promise<unknown> }>, what: string) => {
    const r = await answer;
    if (r.status() !== 200) throw new Error(`${what}: ${r.status()} ${JSON.stringify(await r.json())}`);
    return r.json() as Promise<{ id: string; version: number }>;
  };
  const card = await ok(
    request.post("/api/qa/scorecards", {
      data: { name: "Layout sweep form", sections: [{ id: "s", title: "Call", questions: [{ id: "greet", text: "Greeted the caller", type: "yesno", weight: 1 }] }] },
    }),
    "scorecard",
  );
  const draft = await ok(request.post("/api/qa/evaluations", { data: { callId: call.call_id, scorecardId: card.id, answers: { greet: "yes" } } }), "evaluation");
  await ok(
    request.put(`/api/qa/evaluations/${encodeURIComponent(draft.id)}`, { data: { expectedVersion: draft.version, answers: { greet: "yes" }, submit: true } }),
    "submit",
  );
  await ok(request.post("/api/qa/calibrations", { data: { callId: call.call_id, scorecardId: card.id } }), "calibration");
}

test.beforeAll(async ({ browser }) => {
  const context = await browser.newContext();
  await ensureQaDetails(context.request);
  await context.close();
});

/** Console errors and uncaught exceptions, from now on. */
function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  return errors;
}

/** A page has settled when nothing is loading: no busy region, no skeleton. */
async function settle(page: Page): Promise<void> {
  await expect(page.locator("main")).toBeVisible();
  await expect(page.locator('[aria-busy="true"], .skeleton')).toHaveCount(0, { timeout: 30_000 });
}

async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0]?.target.join(" ")} (${v.nodes[0]?.failureSummary?.split("\n")[1]?.trim() ?? v.help})`);
}

const horizontalOverflow = (page: Page) =>
  page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    return root.scrollWidth - window.innerWidth;
  });

for (const role of ROLES) {
  for (const size of SIZES) {
    test(`${role} at ${size.width}x${size.height}: no sideways scroll, no console error, axe clean on every page`, async ({ browser }) => {
      test.setTimeout(900_000);
      const context = await browser.newContext({ viewport: size });
      const page = await context.newPage();
      await signIn(page, role);
      const paths = pagesFor(role, await detailIds(page));
      const errors = watchConsole(page);
      for (const path of paths) {
        errors.length = 0;
        await page.goto(path);
        await settle(page);
        expect.soft(await horizontalOverflow(page), `${path}: px wider than the window`).toBeLessThanOrEqual(0);
        expect.soft(await axeViolations(page), `${path}: axe`).toEqual([]);
        expect.soft([...errors], `${path}: console errors`).toEqual([]);
      }
      await context.close();
    });
  }
}

test("the nav folds behind a Menu button on a phone, opened and closed by keyboard", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await signIn(page, "admin");
  const menu = page.getByRole("button", { name: "Menu" });
  const users = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" });
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(users).toBeHidden();
  await menu.focus();
  await page.keyboard.press("Enter");
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await expect(users).toBeVisible();
  // The panel's links sit on the dark bar's colour, not the light page (white on light was the bug).
  const ground = await page.locator("#nav-panel").evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(ground).toBe("rgb(15, 27, 51)");
  await page.keyboard.press("Escape");
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(menu).toBeFocused();
  await menu.click();
  await users.click();
  await expect(page).toHaveURL(/\/admin\/users$/);
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await context.close();
});

test("a tile's explanation opens within a phone's width", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await signIn(page, "manager");
  await settle(page);
  // The last tile sits in the right-hand column, where a floating panel ran off the screen.
  const summary = page.locator(".tile .explain > summary").last();
  await summary.click();
  const panel = page.locator(".tile .explain[open] .explain-panel");
  await expect(panel).toBeVisible();
  const box = await panel.boundingBox();
  expect(box?.x).toBeGreaterThanOrEqual(0);
  expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(360);
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  await context.close();
});

for (const size of [
  { width: 1920, height: 1080 },
  { width: 1280, height: 720 },
]) {
  test(`TV mode at ${size.width}x${size.height}: every section on some page, each within the screen, with a clock`, async ({ browser }) => {
    test.setTimeout(300_000);
    const context = await browser.newContext({ viewport: size });
    const page = await context.newPage();
    await signIn(page, "supervisor");
    await page.goto("/wallboard?tv=1");
    await expect(page.getByTestId("tv-clock")).toBeVisible();
    await expect(page.getByTestId("tv-clock")).toHaveText(/^\d\d:\d\d:\d\d/);
    await expect(page.getByTestId("tv-as-of")).toHaveText(/as of \d\d:\d\d:\d\d/);
    await expect(page.getByTestId("live-status")).toHaveText("Live");
    const stage = page.getByTestId("tv-stage");
    const all = await page.locator("[data-section]").evaluateAll((els) => els.map((e) => e.getAttribute("data-section") ?? ""));
    expect(all.length).toBeGreaterThanOrEqual(3);
    const seen = new Set<string>();
    const pages = Number(await stage.getAttribute("data-pages"));
    for (let turn = 0; turn < pages; turn += 1) {
      const current = (await stage.getAttribute("data-page")) ?? "";
      const shown = await page.locator("[data-section]:not([data-tv-off])").evaluateAll((els) =>
        els.map((e) => {
          const r = e.getBoundingClientRect();
          return { id: e.getAttribute("data-section") ?? "", top: r.top, bottom: r.bottom, left: r.left, right: r.right };
        }),
      );
      expect(shown.length, `page ${current} shows a section`).toBeGreaterThan(0);
      for (const s of shown) {
        seen.add(s.id);
        expect.soft(s.top, `${s.id} top on page ${current}`).toBeGreaterThanOrEqual(0);
        expect.soft(s.left, `${s.id} left`).toBeGreaterThanOrEqual(0);
        expect.soft(s.bottom, `${s.id} bottom on page ${current}`).toBeLessThanOrEqual(size.height);
        expect.soft(s.right, `${s.id} right`).toBeLessThanOrEqual(size.width);
      }
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      // The page turns by itself (WALLBOARD_TV_PAGE_SECONDS, 15 s by default).
      if (pages > 1) await expect(stage).not.toHaveAttribute("data-page", current, { timeout: 30_000 });
    }
    expect([...seen].sort()).toEqual([...all].sort());
    // Readable across a room: no text under 15 px at 720 lines, more on a bigger screen.
    const smallest = await page
      .locator("[data-tv] :is(p, span, dt, dd, th, td, h2, li)")
      .evaluateAll((els) =>
        Math.min(...els.filter((e) => e.getClientRects().length > 0 && (e.textContent ?? "").trim() !== "").map((e) => parseFloat(getComputedStyle(e).fontSize))),
      );
    expect(smallest).toBeGreaterThanOrEqual(size.height >= 1080 ? 20 : 14.9);
    await context.close();
  });
}

test("the dark theme keeps WCAG AA on a manager's pages", async ({ browser }) => {
  test.setTimeout(600_000);
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: "dark" });
  const page = await context.newPage();
  await signIn(page, "manager");
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe("rgb(11, 18, 32)");
  for (const path of pagesFor("manager", await detailIds(page))) {
    await page.goto(path);
    await settle(page);
    expect.soft(await axeViolations(page), `${path}: axe (dark)`).toEqual([]);
  }
  await context.close();
});

test("the overview prints as a one-page A4 report without the nav or controls", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await signIn(page, "manager");
  await page.goto("/");
  await settle(page);
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".topbar")).toBeHidden();
  await expect(page.getByRole("toolbar", { name: "View" })).toBeHidden();
  await expect(page.locator(".tile").first()).toBeVisible();
  await expect(page.locator(".chart-area svg").first()).toBeVisible();
  const pdf = await page.pdf({ format: "A4", printBackground: true });
  await test.info().attach("overview.pdf", { body: pdf, contentType: "application/pdf" });
  expect(pdf.toString("latin1").match(/\/Type\s*\/Page(?!s)/g)?.length).toBe(1);
  await context.close();
});
