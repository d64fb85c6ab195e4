import { describe, expect, it } from "vitest";
import { computeKpis, ZERO_COUNTS, type QueueKpis } from "@/lib/kpi";
import { kpiReportJson, kpiReportText } from "@/lib/kpi-report/report";

function queue(queueId: string, counts: Partial<QueueKpis["counts"]>): QueueKpis {
  const c = { ...ZERO_COUNTS, ...counts };
  const slVariant = "answered_within_over_answered";
  return {
    queueId,
    name: queueId,
    configured: true,
    slThresholdS: 20,
    shortAbandonS: 5,
    slVariant,
    slVariantRecognised: true,
    slTargetPct: 80,
    definitionVersion: 3,
    counts: c,
    kpis: computeKpis(c, slVariant),
  };
}

describe("npm run kpi's report", () => {
  const period = { fromDate: "2026-01-05", toDate: "2026-01-05", tz: "UTC", range: { from: Date.UTC(2026, 0, 5), to: Date.UTC(2026, 0, 6) } };
  // sales: 1200 offered, 1000 answered, 900 of them within 20 s, answered waits 12,000 s in all; support: nothing.
  const sales = queue("sales", { offered: 1200, answered: 1000, answeredWithin: 900, answeredWaitMsSum: 12_000_000, waitMsSum: 12_000_000, waitMsMax: 95_000 });
  const support = queue("support", {});

  it("is the Queues table on its side: one line per column, labelled as on the page, queues right-aligned", () => {
    const lines = kpiReportText([sales, support], period).split("\n");
    expect(lines[0]).toBe("KPIs per queue, 2026-01-05 (UTC); each queue by its own service-level settings");
    const row = (label: string) => lines.find((l) => l.startsWith(`${label} `));
    // The label column is as wide as its longest label, "SL variant"'s value is the widest cell of the sales column.
    const labelWidth = "Settings version".length;
    const salesWidth = "Answered within T / answered".length;
    const supportWidth = "Answered within T / answered".length;
    const expectLine = (label: string, s: string, p: string) =>
      expect(row(label)).toBe(`${label.padEnd(labelWidth)}  ${s.padStart(salesWidth)}  ${p.padStart(supportWidth)}`);
    expectLine("Queue", "sales", "support");
    // Counts with thousands separators, as the page shows them.
    expectLine("Offered", "1,200", "0");
    // 900 / 1000 = 90.0 %; ASA 12,000 s / 1000 = 12 s; nothing to divide by in support: a dash.
    expectLine("Service level", "90.0%", "—");
    expectLine("ASA", "0:12", "—");
    // Longest wait 95 s = 1:35.
    expectLine("Longest wait", "1:35", "—");
    expectLine("Settings version", "3", "3");
  });

  it("says so when no queue has anything to show", () => {
    expect(kpiReportText([], period)).toBe(
      "KPIs per queue, 2026-01-05 (UTC); each queue by its own service-level settings\nNo queue is configured and none had calls in this period.\n",
    );
  });

  it("gives machines the period as instants and the queues as the API returns them", () => {
    const parsed = JSON.parse(kpiReportJson([sales], period)) as { period: object; queues: QueueKpis[] };
    expect(parsed.period).toEqual({ from: "2026-01-05T00:00:00.000Z", to: "2026-01-06T00:00:00.000Z", fromDate: "2026-01-05", toDate: "2026-01-05", tz: "UTC" });
    expect(parsed.queues).toEqual([sales]);
  });
});
