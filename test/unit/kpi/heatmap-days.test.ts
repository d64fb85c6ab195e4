import { describe, expect, it } from "vitest";
import { ZERO_COUNTS } from "@/lib/kpi";
import { dataDays, prepareHeatmap, type HeatmapRow } from "@/lib/kpi/queries/heatmap";

const H = 3_600_000;
const D = 24 * H;
const opts = { variant: "answered_within_over_answered" } as const;

function cell(weekday: number, hour: number, offered: number, firstMs: number, lastMs: number): HeatmapRow {
  const { stateBusyMs: _b, stateAcwMs: _a, stateReadyMs: _r, ...contact } = ZERO_COUNTS;
  return { ...contact, weekday, hour, offered, firstMs, lastMs };
}

describe("the heatmap's days", () => {
  it("counts only the days from the first to the last with data, not the whole long range", () => {
    // A 400-day range ending Sunday 1 March 2026, with data only from Monday 2 February (4 whole weeks).
    const to = Date.UTC(2026, 2, 2);
    const from = to - 400 * D;
    const first = Date.UTC(2026, 1, 2, 9, 3);
    const last = Date.UTC(2026, 2, 1, 17, 40);
    // 4 Mondays with 330 calls in all at 09:00: 82.5 a Monday, not 330 / 57 Mondays.
    const h = prepareHeatmap([cell(1, 9, 330, first, last - 6 * D), cell(7, 17, 8, last, last)], { ...opts, from, to, tz: "UTC" });
    expect(h.days).toEqual([4, 4, 4, 4, 4, 4, 4]);
    expect(h.dataSpan).toEqual({ from: Date.UTC(2026, 1, 2), to: Date.UTC(2026, 2, 2) });
    expect((h.rows[0]?.[9]?.counts.offered ?? 0) / (h.days[0] ?? 1)).toBe(82.5);
  });

  it("stops at the period's end and never counts before its start", () => {
    // This month so far: 1 to 7 March 2026 (Sunday to Saturday) in London; data until Wednesday the 4th.
    const from = Date.UTC(2026, 2, 1);
    const to = Date.UTC(2026, 3, 1) - H;
    const span = dataDays(from, to, "Europe/London", Date.UTC(2026, 1, 20), Date.UTC(2026, 2, 4, 12));
    expect(span).toEqual({ from, to: Date.UTC(2026, 2, 5) });
  });

  it("counts whole local days in the viewer's zone", () => {
    // New York: 23:30 UTC on Sunday 8 March is 19:30 local the same Sunday (EDT from 02:00).
    const span = dataDays(0, Date.UTC(2027, 0, 1), "America/New_York", Date.UTC(2026, 2, 8, 23, 30), Date.UTC(2026, 2, 9, 3, 0));
    // Local Sunday 8 March (started at 05:00 UTC, still EST) to the end of local Sunday (04:00 UTC on the 9th, EDT).
    expect(span).toEqual({ from: Date.UTC(2026, 2, 8, 5), to: Date.UTC(2026, 2, 9, 4) });
  });

  it("has no days to divide by with no data", () => {
    const h = prepareHeatmap([], { ...opts, from: 0, to: 14 * D, tz: "UTC" });
    expect(h.days).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(h.dataSpan).toBeNull();
  });
});
