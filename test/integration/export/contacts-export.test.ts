import type { ClickHouseClient } from "@clickhouse/client";
import { describe, expect, it } from "vitest";
import { freshTenant, queryRows, testStore } from "../helpers/store";
import { contactsCsv, cutLine, CUT_HEADER, TOTAL_HEADER } from "@/lib/export/contacts-csv";
import { exportTable } from "@/lib/api/endpoints/export";
import { exportParamsSchema } from "@/lib/api/params";
import { parseCsv } from "@/lib/csv/csv";
import { CONTACT_COLUMNS } from "@/lib/tables/contact-table";

/** The contacts CSV streams past the old 50,000-row stop, says when it is cut, and stops when its client leaves. */

const t0 = Date.UTC(2026, 1, 2, 0, 0, 0);
const DAY = 86_400_000;
const N = 61_234;

/** N answered contacts over one day, three to each queue-entry millisecond (so the keyset's leg-id tie-break matters). */
async function seeded(): Promise<{ ch: ClickHouseClient; tenantId: string }> {
  const { ch } = await testStore();
  const tenantId = freshTenant("export");
  await ch.command({
    query: `INSERT INTO contact_segments (tenant_id, queued_at, leg_id, call_id, queue_id, agent_id, exited_at, outcome, wait_ms)
      SELECT {t:String}, fromUnixTimestamp64Milli(toInt64({t0:Int64} + intDiv(number, 3) * 1000), 'UTC'), concat('leg-', toString(number)),
             concat('call-', toString(number)), 'q1', 'a1', fromUnixTimestamp64Milli(toInt64({t0:Int64} + intDiv(number, 3) * 1000 + 5000), 'UTC'), 'answered', 5000
      FROM numbers({n:UInt32})`,
    query_params: { t: tenantId, t0, n: N },
  });
  return { ch, tenantId };
}

const input = (tenantId: string) => ({ tenantId, from: t0, to: t0 + DAY, queueIds: [], sort: "queued_at" as const, direction: "asc" as const });

async function text(body: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(body).text();
}

describe("the contacts export", () => {
  it("streams every contact of the period, past 50,000 rows, in the page's order, with no cut line", async () => {
    const { ch, tenantId } = await seeded();
    const [expected] = await queryRows<{ n: string }>(ch, "SELECT count() AS n FROM contact_segments FINAL WHERE tenant_id = {t:String} AND outcome != ''", {
      t: tenantId,
    });
    expect(Number(expected?.n)).toBe(N);

    const params = exportParamsSchema.parse({ table: "contacts", from: String(t0), to: String(t0 + DAY), tz: "UTC", sort: "queued_at", dir: "asc" });
    const res = await exportTable.run({ ch, tenantId, user: { id: "m", name: "m", role: "manager" }, signal: new AbortController().signal }, params, undefined);
    expect(res.headers.get(TOTAL_HEADER)).toBe(String(N));
    expect(res.headers.get(CUT_HEADER)).toBeNull();
    const rows = parseCsv(await res.text());
    // A file writes each duration twice, as seconds and as h:mm:ss (so a spreadsheet never reads 4:02 as a time of day).
    expect(rows[0]).toEqual(CONTACT_COLUMNS.flatMap((c) => (c.kind === "duration" ? [`${c.header} (s)`, `${c.header} (h:mm:ss)`] : [c.header])));
    expect(rows.length - 1).toBe(Number(expected?.n));
    // Every contact once, by queue-entry time and then leg id (legs n, n+1, n+2 share a time; "leg-10" sorts before "leg-9").
    const callColumn = rows[0]?.indexOf("Call") ?? -1;
    const expectedOrder = Array.from({ length: N }, (_, n) => n).sort((a, b) => Math.floor(a / 3) - Math.floor(b / 3) || (`leg-${a}` < `leg-${b}` ? -1 : 1));
    expect(rows.slice(1).map((r) => r[callColumn])).toEqual(expectedOrder.map((n) => `call-${n}`));
  });

  it("cuts at its cap with a last line and a header that say so, and only then", async () => {
    const { ch, tenantId } = await seeded();
    const signal = new AbortController().signal;
    const cut = await contactsCsv(ch, input(tenantId), { tz: "UTC", maxRows: 60_000, pageRows: 7_000, signal });
    expect(cut.total).toBe(N);
    const cutRows = parseCsv(await text(cut.body));
    expect(cutRows.length).toBe(1 + 60_000 + 1);
    expect(cutRows[cutRows.length - 1]).toEqual([cutLine(60_000)]);

    const exact = await contactsCsv(ch, input(tenantId), { tz: "UTC", maxRows: N, pageRows: 7_000, signal });
    const exactRows = parseCsv(await text(exact.body));
    expect(exactRows.length).toBe(1 + N);
    expect(exactRows[exactRows.length - 1]?.[0]).not.toMatch(/^#/);
  });

  it("pages newest first, ties still by leg id, each page starting where the last ended", async () => {
    const { ch, tenantId } = await seeded();
    const desc = await contactsCsv(ch, { ...input(tenantId), direction: "desc" }, { tz: "UTC", maxRows: 2_500, pageRows: 1_000, signal: new AbortController().signal });
    const rows = parseCsv(await text(desc.body));
    const callColumn = rows[0]?.indexOf("Call") ?? -1;
    const expectedOrder = Array.from({ length: N }, (_, n) => n).sort((a, b) => Math.floor(b / 3) - Math.floor(a / 3) || (`leg-${a}` < `leg-${b}` ? -1 : 1));
    expect(rows.slice(1, -1).map((r) => r[callColumn])).toEqual(expectedOrder.slice(0, 2_500).map((n) => `call-${n}`));
    expect(rows[rows.length - 1]).toEqual([cutLine(2_500)]);
  });

  it("stops asking the store for pages when its client goes away", async () => {
    const { ch, tenantId } = await seeded();
    let pageQueries = 0;
    const counting = new Proxy(ch, {
      get(target, key, receiver) {
        if (key === "query") {
          return (params: Parameters<ClickHouseClient["query"]>[0]) => {
            if (params.query.includes("legId ASC")) pageQueries += 1;
            return target.query(params);
          };
        }
        return Reflect.get(target, key, receiver);
      },
    });
    const client = new AbortController();
    const { body } = await contactsCsv(counting, input(tenantId), { tz: "UTC", maxRows: 1_000_000, pageRows: 1_000, signal: client.signal });
    const reader = body.getReader();
    await reader.read();
    await reader.read();
    client.abort(new Error("client left"));
    await reader.cancel().catch(() => undefined);
    // Two pages read, perhaps a third asked for: never the 62 the whole list takes.
    expect(pageQueries).toBeGreaterThanOrEqual(2);
    expect(pageQueries).toBeLessThanOrEqual(3);
  });
});
