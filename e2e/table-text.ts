import type { Locator, Page } from "@playwright/test";
import { parseCsv } from "../lib/csv/csv";

/** A table's header and body as the page shows it, each cell's text normalised for comparing with its CSV. */
export async function tableText(table: Locator): Promise<string[][]> {
  const header = await table.locator("thead th").allInnerTexts();
  const rows = await table.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll("th, td")).map((c) => (c as HTMLElement).innerText)));
  return [header, ...rows].map((r) => r.map(normalisePage));
}

/** Page text to file text: sort marks and thousands separators off, a dash for "none" is empty in a file. */
function normalisePage(s: string): string {
  const t = s.replace(/[▲▼]/g, "").trim();
  if (t === "—") return "";
  return /^[\d,]+$/.test(t) ? t.replace(/,/g, "") : t;
}

/** A CSV download's rows, with the formula-injection quote taken off again. */
export async function downloadCsv(page: Page, href: string): Promise<string[][]> {
  const res = await page.request.get(href);
  if (!res.ok()) throw new Error(`CSV ${href}: ${res.status()} ${await res.text()}`);
  return parseCsv(await res.text()).map((r) => r.map((c) => (/^'[=+\-@\t\r]/.test(c) ? c.slice(1) : c)));
}
