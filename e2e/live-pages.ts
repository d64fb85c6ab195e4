import type { Browser, BrowserContext, Page, Response } from "@playwright/test";

const live = new WeakSet<Page>();

/**
 * Page loads that return once React owns the page. The server's HTML shows every
 * control before the page's scripts have run, and a click or a choice made then
 * reaches no handler (React resets a select to the server's value when it
 * hydrates), so a test acting at once on a slow machine would be lost. The app marks
 * `<html data-hydrated>` when it is live (components/providers/hydration-mark.tsx);
 * goto and reload wait for that mark after any HTML page. Other answers (JSON, CSV)
 * return as they are.
 */
export function liveLoads(page: Page): void {
  // The default context comes from the browser's newContext too, so a page may be met twice.
  if (live.has(page)) return;
  live.add(page);
  const goto = page.goto.bind(page);
  const reload = page.reload.bind(page);
  page.goto = async (...args) => untilLive(page, await goto(...args));
  page.reload = async (...args) => untilLive(page, await reload(...args));
}

async function untilLive(page: Page, response: Response | null): Promise<Response | null> {
  const type = (await response?.headerValue("content-type")) ?? "";
  if (type.startsWith("text/html")) await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  return response;
}

/** Every page of the context, those it has and those it opens, loads live. */
export function liveContext(context: BrowserContext): BrowserContext {
  context.pages().forEach(liveLoads);
  context.on("page", liveLoads);
  return context;
}

/** Contexts the browser makes from now on (browser.newPage makes one too) load live. */
export function liveBrowser(browser: Browser): Browser {
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...args) => liveContext(await newContext(...args));
  return browser;
}
