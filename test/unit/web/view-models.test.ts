import { describe, expect, it } from "vitest";
import { prepareCallsChart } from "@/components/charts/calls-chart-model";
import { heatmapColor, prepareHeatmapModel } from "@/components/trends/heatmap-model";
import { prepareTimelineBar } from "@/components/agents/timeline-model";
import { agentSummary } from "@/components/agents/agent-summary";
import { prepareHeatmap } from "@/lib/kpi/queries/heatmap";
import type { KpiSeries } from "@/lib/kpi";
import { agentRow, counts, point } from "./fixtures";

const H = 3_600_000;
const M = 60_000;

describe("the calls chart's model", () => {
  it("labels intervals in the zone, drops the future and carries service level in percent", () => {
    const from = Date.UTC(2026, 0, 5);
    const series: KpiSeries = {
      interval: "15m",
      tz: "Europe/Berlin",
      variant: "answered_within_over_answered",
      from,
      to: from + H,
      points: [
        point(from, from + 15 * M, { offered: 5, answered: 4, abandoned: 1, answeredWithin: 3 }),
        point(from + 15 * M, from + 30 * M, {}),
        point(from + 30 * M, from + 45 * M, {}),
      ],
    };
    const m = prepareCallsChart(series, from + 20 * M);
    expect(m.points.map((p) => [p.label, p.serviceLevel, p.otherExits])).toEqual([
      ["01:00", 75, 0],
      ["01:15", null, 0],
    ]);
    expect(m.points[0]?.range).toBe("Mon 5 Jan, 01:00–01:15");
    expect(m.totals).toEqual({ offered: 5, answered: 4, abandoned: 1, otherExits: 0 });
  });
});

describe("the heatmap's model", () => {
  const h = prepareHeatmap(
    [
      { weekday: 1, hour: 9, firstMs: Date.UTC(2026, 0, 5, 9, 5), lastMs: Date.UTC(2026, 0, 5, 9, 50), ...counts({ offered: 4, answered: 4, answeredWithin: 2 }) },
      { weekday: 3, hour: 14, firstMs: Date.UTC(2026, 0, 7, 14, 10), lastMs: Date.UTC(2026, 0, 7, 14, 10), ...counts({ offered: 1, answered: 1, answeredWithin: 1 }) },
    ].map(({ stateBusyMs: _b, stateAcwMs: _a, stateReadyMs: _r, ...r }) => r),
    { from: Date.UTC(2026, 0, 5), to: Date.UTC(2026, 0, 12), tz: "UTC", variant: "answered_within_over_answered" },
  );

  it("scales volume to the busiest cell and says each cell in words", () => {
    const m = prepareHeatmapModel(h, "volume");
    expect(m.hasData).toBe(true);
    expect(m.max).toBe(4);
    const mon9 = m.rows[0]?.cells[9];
    expect(mon9).toMatchObject({ value: 4, text: "4.0", intensity: 1 });
    expect(mon9?.label).toBe("Monday 09:00–10:00: 4.0 calls offered per day on average (4 in total over 1 days)");
    expect(m.rows[2]?.cells[14]?.intensity).toBe(0.25);
    expect(m.rows[0]?.cells[0]).toMatchObject({ value: 0, text: "", intensity: 0 });
  });

  it("shows service level on its own 0-100% scale, empty where nothing was answered", () => {
    const m = prepareHeatmapModel(h, "sl");
    expect(m.rows[0]?.cells[9]).toMatchObject({ value: 0.5, text: "50.0%", intensity: 0.5 });
    expect(m.rows[0]?.cells[0]).toMatchObject({ value: null, text: "", intensity: null });
    expect(heatmapColor("sl", null)).toBeUndefined();
    expect(heatmapColor("sl", 1)).toBe("hsl(130 70% 58%)");
  });
});

describe("the state timeline's bar", () => {
  it("places intervals as shares of the day, ticks every three hours, and the future apart", () => {
    const day = { from: Date.UTC(2026, 0, 5), to: Date.UTC(2026, 0, 6) };
    const segs = [
      { start: day.from, end: day.from + 6 * H, state: "none" as const, reasonCode: "", callId: "" },
      { start: day.from + 6 * H, end: day.from + 12 * H, state: "not_ready" as const, reasonCode: "lunch", callId: "" },
    ];
    const m = prepareTimelineBar(segs, day, "UTC", day.from + 12 * H);
    expect(m.segments.map((s) => [s.leftPct, s.widthPct, s.state])).toEqual([
      [0, 25, "none"],
      [25, 25, "not_ready"],
    ]);
    expect(m.segments[1]?.title).toBe("06:00–12:00 Not ready (Lunch), 6:00:00");
    expect(m.ticks.map((t) => t.label)).toEqual(["00:00", "03:00", "06:00", "09:00", "12:00", "15:00", "18:00", "21:00"]);
    expect(m.futurePct).toBe(50);
    expect(m.totals.not_ready).toBe(6 * H);
  });
});

describe("an agent as a summary", () => {
  it("carries each KPI with its definition version", () => {
    const s = agentSummary(agentRow("a1", { answered: 2, handled: 2, talkMsSum: 100_000 }), { from: 0, to: 1, queueIds: [] });
    expect(s.kpis.aht).toEqual({ value: 50_000, numerator: 100_000, denominator: 2, version: 1 });
    expect(s.counts.handled).toBe(2);
  });
});
