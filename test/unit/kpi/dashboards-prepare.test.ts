import { describe, expect, it } from "vitest";
import { prepareTimeline } from "@/lib/agent-timeline/agent-timeline";
import { prepareDefinitionChanges } from "@/lib/audit/definition-changes";
import { localWeekday, prepareHeatmap, weekdayCounts } from "@/lib/kpi/queries/heatmap";
import { ZERO_COUNTS } from "@/lib/kpi";

const H = 3_600_000;

describe("an agent's timeline", () => {
  const span = { agentId: "a1", from: 0, to: 10 * H };
  const row = (startMs: number, endMs: number, state: string, reasonCode = "") => ({ startMs, endMs, state, reasonCode, callId: "" });

  it("clips to the span and fills the gaps", () => {
    const t = prepareTimeline([row(-H, H, "ready"), row(3 * H, 4 * H, "not_ready", "break"), row(9 * H, 12 * H, "busy")], span);
    expect(t.segments.map((s) => [s.start / H, s.end / H, s.state])).toEqual([
      [0, 1, "ready"],
      [1, 3, "none"],
      [3, 4, "not_ready"],
      [4, 9, "none"],
      [9, 10, "busy"],
    ]);
    expect(t.totals).toEqual({ ready: H, not_ready: H, busy: H, after_call_work: 0, none: 7 * H });
    expect(t.name).toBe("a1");
  });

  it("never draws two states at once, and skips states it does not know", () => {
    const t = prepareTimeline([row(H, 3 * H, "ready"), row(2 * H, 4 * H, "busy"), row(5 * H, 6 * H, "on_strike")], span);
    expect(t.segments.map((s) => [s.start / H, s.end / H, s.state])).toEqual([
      [0, 1, "none"],
      [1, 3, "ready"],
      [3, 4, "busy"],
      [4, 10, "none"],
    ]);
  });
});

describe("the heatmap's days", () => {
  it("counts each weekday's days in the period, in the zone", () => {
    expect(localWeekday(Date.UTC(2026, 0, 5, 12), "UTC")).toBe(1);
    expect(localWeekday(Date.UTC(2026, 0, 4, 23, 30), "Europe/Berlin")).toBe(1);
    // 5 to 19 January: two weeks.
    expect(weekdayCounts(Date.UTC(2026, 0, 5), Date.UTC(2026, 0, 19), "UTC")).toEqual([2, 2, 2, 2, 2, 2, 2]);
    // Friday afternoon to Sunday morning: part days count.
    expect(weekdayCounts(Date.UTC(2026, 0, 9, 15), Date.UTC(2026, 0, 11, 9), "UTC")).toEqual([0, 0, 0, 0, 1, 1, 1]);
  });

  it("fills every cell, empty ones with zeros", () => {
    const { stateBusyMs: _b, stateAcwMs: _a, stateReadyMs: _r, ...contact } = ZERO_COUNTS;
    const h = prepareHeatmap([{ ...contact, weekday: 7, hour: 23, firstMs: 6 * 24 * H + 23 * H, lastMs: 6 * 24 * H + 23 * H, offered: 2 }], {
      from: 0,
      to: 7 * 24 * H,
      tz: "UTC",
      variant: "answered_within_over_answered",
    });
    expect(h.rows.flat()).toHaveLength(168);
    expect(h.rows[6]?.[23]?.counts.offered).toBe(2);
    expect(h.rows[0]?.[0]?.counts).toEqual(ZERO_COUNTS);
  });
});

describe("definition changes", () => {
  it("are read back from the audit log, skipping rows another version wrote", () => {
    const s = { slThresholdS: 20, slVariant: "v", shortAbandonS: 5, definitionVersion: 1 };
    const rows = [
      { at: 2, actor: "u1", role: "admin", target: "queue:q1", details: JSON.stringify({ actorName: "Ann", before: s, after: { ...s, definitionVersion: 2 } }) },
      { at: 1, actor: "u2", role: "admin", target: "queue:q2", details: "{not json" },
      { at: 0, actor: "u3", role: "admin", target: "queue:q3", details: JSON.stringify({ something: "else" }) },
    ];
    // Written before the short-abandon rule, the longest wait and the target existed: read with the defaults then in force.
    const read = { ...s, shortAbandonRule: "below", maxWaitS: 0, slTargetPct: 80 };
    expect(prepareDefinitionChanges(rows)).toEqual([{ at: 2, actor: "Ann", role: "admin", queueId: "q1", before: read, after: { ...read, definitionVersion: 2 } }]);
  });
});
