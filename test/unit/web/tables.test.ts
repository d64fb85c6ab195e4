import { describe, expect, it } from "vitest";
import { agentColumns, notReadyReasons, teamColumns } from "@/lib/tables/agent-table";
import { CONTACT_COLUMNS } from "@/lib/tables/contact-table";
import { heatmapColumns, heatmapRows, heatmapValue } from "@/lib/tables/heatmap-table";
import { QUEUE_COLUMNS, perHandled } from "@/lib/tables/queue-table";
import { cellText, findColumn, resolveSort, sortRows, tableText } from "@/lib/tables/table";
import { TIMELINE_COLUMNS, timelineRows } from "@/lib/tables/timeline-table";
import { TREND_COLUMNS, trendRows } from "@/lib/tables/trend-table";
import { prepareHeatmap } from "@/lib/kpi/queries/heatmap";
import type { ContactItem } from "@/lib/contacts/list-contacts";
import { agentRow, point, queueRow } from "./fixtures";

const ctx = { tz: "UTC" };

describe("cells", () => {
  it("read the same on the page and in a file, except thousands separators and empty values", () => {
    expect(cellText("count", 12345, ctx)).toBe("12,345");
    expect(cellText("count", 12345, ctx, "csv")).toBe("12345");
    expect(cellText("ratio", 0.8765, ctx)).toBe("87.7%");
    expect(cellText("duration", 272_000, ctx)).toBe("4:32");
    expect(cellText("time", Date.UTC(2026, 0, 5, 9, 15, 3), { tz: "Europe/Berlin" })).toBe("2026-01-05 10:15:03");
    expect(cellText("flag", true, ctx)).toBe("Yes");
    expect(cellText("ratio", null, ctx)).toBe("—");
    expect(cellText("ratio", null, ctx, "csv")).toBe("");
  });
});

describe("sorting", () => {
  const rows = [
    queueRow("b", { offered: 5, answered: 4, answeredWithin: 2 }),
    queueRow("a", { offered: 0 }),
    queueRow("c", { offered: 9, answered: 8, answeredWithin: 8 }),
  ];
  it("orders by a column, empty values last either way, ties stable", () => {
    const sl = findColumn(QUEUE_COLUMNS, "service_level");
    expect(sortRows(rows, sl, "desc").map((r) => r.queueId)).toEqual(["c", "b", "a"]);
    expect(sortRows(rows, sl, "asc").map((r) => r.queueId)).toEqual(["b", "c", "a"]);
    expect(sortRows(rows, findColumn(QUEUE_COLUMNS, "queue"), "asc").map((r) => r.queueId)).toEqual(["a", "b", "c"]);
    expect(sortRows(rows, undefined, "asc")).toEqual(rows);
  });

  it("takes the URL's sort only for a known column", () => {
    const fallback = { id: "queue", dir: "asc" } as const;
    expect(resolveSort(QUEUE_COLUMNS, "offered", "desc", fallback)).toEqual({ id: "offered", dir: "desc" });
    expect(resolveSort(QUEUE_COLUMNS, "offered", "sideways", fallback)).toEqual({ id: "offered", dir: "asc" });
    expect(resolveSort(QUEUE_COLUMNS, "drop table", "desc", fallback)).toEqual(fallback);
  });
});

describe("the queues table", () => {
  it("shows every KPI of a queue by its own settings, with AHT split per handled contact", () => {
    const q = queueRow(
      "support",
      {
        offered: 10,
        answered: 8,
        abandoned: 2,
        shortAbandoned: 1,
        answeredWithin: 6,
        answeredWaitMsSum: 80_000,
        waitMsSum: 100_000,
        waitMsMax: 30_000,
        handled: 4,
        talkMsSum: 400_000,
        holdMsSum: 40_000,
        acwMsSum: 80_000,
        transferred: 1,
      },
      { definitionVersion: 3, slThresholdS: 15 },
    );
    const [header, row] = tableText(QUEUE_COLUMNS, [q], ctx, "csv");
    const cell = (h: string) => row?.[header?.indexOf(h) ?? -1];
    expect(cell("Queue")).toBe("SUPPORT");
    expect(cell("Abandon rate")).toBe("20.0%");
    // Durations in a file: seconds as a number, and h:mm:ss beside (80 s of wait over 8 answered = 10 s).
    expect([cell("ASA (s)"), cell("ASA (h:mm:ss)")]).toEqual(["10", "0:00:10"]);
    expect(cell("ASA")).toBeUndefined();
    expect(cell("Service level")).toBe("75.0%");
    expect(cell("SL threshold (s)")).toBe("15");
    // (400 + 40 + 80) s over 4 handled = 130 s.
    expect([cell("AHT (s)"), cell("AHT (h:mm:ss)")]).toEqual(["130", "0:02:10"]);
    expect([cell("Talk (s)"), cell("Hold (s)"), cell("ACW (s)")]).toEqual(["100", "10", "20"]);
    expect(cell("Settings version")).toBe("3");
    expect(perHandled(1, 0)).toBeNull();
  });
});

describe("the agents and teams tables", () => {
  it("give every not-ready reason a column", () => {
    const report = { agents: [agentRow("a1", { handled: 2 }, { lunch: 60_000 }), agentRow("a2", { handled: 1 }, { "": 5_000, break: 1_000 })], teams: [] };
    expect(notReadyReasons(report.agents)).toEqual(["", "break", "lunch"]);
    const cols = agentColumns(report);
    expect(cols.slice(-3).map((c) => c.header)).toEqual(["Not ready: No reason", "Not ready: Break", "Not ready: Lunch"]);
    // In a file each duration is seconds, then h:mm:ss: lunch 60 s is "60" and "0:01:00".
    const [header, a1] = tableText(cols, report.agents, ctx, "csv");
    expect(header?.slice(-6)).toEqual([
      "Not ready: No reason (s)",
      "Not ready: No reason (h:mm:ss)",
      "Not ready: Break (s)",
      "Not ready: Break (h:mm:ss)",
      "Not ready: Lunch (s)",
      "Not ready: Lunch (h:mm:ss)",
    ]);
    expect(a1?.slice(-6)).toEqual(["0", "0:00:00", "0", "0:00:00", "60", "0:01:00"]);
    expect(teamColumns(report)[0]?.value({ ...agentRow("x", {}), teamId: "", teamName: "Blue", agentCount: 0 })).toBe("Blue");
  });
});

describe("the contacts table", () => {
  it("leaves handle-time parts empty for contacts nobody handled", () => {
    const c: ContactItem = {
      legId: "l1",
      callId: "c1",
      queueId: "q1",
      queueName: "Queue one",
      agentId: "",
      agentName: "",
      caller: "+441234",
      queuedAt: Date.UTC(2026, 0, 5, 9),
      exitedAt: Date.UTC(2026, 0, 5, 9, 0, 3),
      answeredAt: null,
      clearedAt: null,
      outcome: "abandon",
      waitMs: 3000,
      talkMs: 0,
      holdMs: 0,
      holdCount: 0,
      acwMs: 0,
      handleMs: 0,
      handled: false,
      transferred: false,
      withinSl: true,
      shortAbandon: true,
      slThresholdS: 20,
      shortAbandonS: 5,
      shortAbandonRule: "below",
      maxWaitS: 0,
    };
    const [, row] = tableText(CONTACT_COLUMNS, [c], ctx, "page");
    expect(row).toEqual(["2026-01-05 09:00:00", "+441234", "Queue one", "—", "Abandoned", "0:03", "—", "—", "—", "—", "Yes", "Yes", "No", "c1"]);
  });
});

describe("trend and timeline rows", () => {
  it("drop intervals that have not begun, and cut the day at now", () => {
    const pts = [point(0, 10, { offered: 1 }), point(10, 20, {}), point(20, 30, {})];
    expect(trendRows(pts, 15).map((p) => p.start)).toEqual([0, 10]);
    expect(tableText(TREND_COLUMNS, trendRows(pts, 0), ctx, "csv")).toHaveLength(2);
    const segs = [
      { start: 0, end: 100, state: "ready" as const, reasonCode: "", callId: "" },
      { start: 100, end: 200, state: "none" as const, reasonCode: "", callId: "" },
    ];
    expect(timelineRows(segs, 150)).toEqual([segs[0], { ...segs[1], end: 150 }]);
    expect(tableText(TIMELINE_COLUMNS, timelineRows(segs, 150), ctx, "page")[2]?.[3]).toBe("Logged off / no state");
  });
});

describe("the heatmap table", () => {
  it("averages volume over each weekday's days and reads service level as is", () => {
    // Monday 5 to Monday 19 January 2026: two of each weekday.
    // Data from Monday 5 09:10 to Sunday 18 January: the whole two weeks.
    const data = { firstMs: Date.UTC(2026, 0, 5, 9, 10), lastMs: Date.UTC(2026, 0, 18, 23) };
    const h = prepareHeatmap([{ weekday: 1, hour: 9, ...data, ...point(0, 1, { offered: 5, answered: 4, answeredWithin: 3 }).counts }], {
      from: Date.UTC(2026, 0, 5),
      to: Date.UTC(2026, 0, 19),
      tz: "UTC",
      variant: "answered_within_over_answered",
    });
    const rows = heatmapRows(h);
    expect(rows[0]?.days).toBe(2);
    const cell = rows[0]?.cells[9];
    expect(cell && heatmapValue(cell, 2, "volume")).toBe(2.5);
    expect(cell && heatmapValue(cell, 2, "sl")).toBe(0.75);
    const [header, monday] = tableText(heatmapColumns("volume"), rows, ctx, "csv");
    expect(header?.[10]).toBe("09:00");
    expect(monday?.[0]).toBe("Monday");
    expect(monday?.[10]).toBe("2.5");
    expect(tableText(heatmapColumns("sl"), rows, ctx, "csv")[1]?.[10]).toBe("75.0%");
  });
});
