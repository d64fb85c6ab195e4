import type { Locator, Page } from "@playwright/test";
import { parseCsv } from "../lib/csv/csv";

type PageCell = { text: string; value: string | null; na: boolean };

/**
 * A table's header, body and totals row as the page shows them, each cell's text
 * normalised for comparing with its CSV. A file writes each duration as seconds
 * and h:mm:ss (two columns), worked out here from the cell's raw milliseconds.
 */
export async function tableText(table: Locator): Promise<string[][]> {
  const heads = await table.locator("thead th").evaluateAll((ths) => ths.map((th) => ({ text: (th as HTMLElement).innerText, kind: th.getAttribute("data-kind") })));
  const rows = await table.locator("tbody tr, tfoot tr").evaluateAll((trs) =>
    trs.map((tr) =>
      Array.from(tr.querySelectorAll("th, td")).map((c) => ({
        text: (c as HTMLElement).innerText,
        value: c.getAttribute("data-value"),
        na: c.querySelector("[data-na]") !== null,
      })),
    ),
  );
  const header = heads.flatMap((h) => {
    const t = normalisePage(h.text.replace(/[▲▼]/g, ""));
    return h.kind === "duration" ? [`${t} (s)`, `${t} (h:mm:ss)`] : [t];
  });
  const body = rows.map((r) => r.flatMap((c: PageCell, i) => (heads[i]?.kind === "duration" ? durationFields(c) : [c.na ? "not applicable" : normalisePage(c.text)])));
  return [header, ...body];
}

/** A duration cell as its two file fields: seconds (to the millisecond) and h:mm:ss. */
function durationFields(c: PageCell): [string, string] {
  if (c.na) return ["not applicable", "not applicable"];
  if (c.value === null || c.value === "") return ["", ""];
  const ms = Number(c.value);
  const s = Math.round(ms / 1000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return [String(Math.round(ms) / 1000), `${Math.floor(s / 3600)}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`];
}

/** Page text to file text: thousands separators off, a dash for "none" is empty in a file (a header's sort mark is taken off before). */
function normalisePage(s: string): string {
  const t = s.trim();
  if (t === "—") return "";
  return /^[\d,]+$/.test(t) ? t.replace(/,/g, "") : t;
}

/** A CSV download's rows, with the formula-injection quote taken off again. */
export async function downloadCsv(page: Page, href: string): Promise<string[][]> {
  const res = await page.request.get(href);
  if (!res.ok()) throw new Error(`CSV ${href}: ${res.status()} ${await res.text()}`);
  return parseCsv(await res.text()).map((r) => r.map((c) => (/^'[=+\-@\t\r]/.test(c) ? c.slice(1) : c)));
}
