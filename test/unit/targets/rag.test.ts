import { describe, expect, it } from "vitest";
import { ragStatus, sharedTarget, TARGET_AMBER_BAND_PTS } from "@/lib/targets/rag";
import { queueTargets } from "@/lib/targets/queue-targets";
import { QUEUE_COLUMNS, serviceLevelRag } from "@/lib/tables/queue-table";
import { queueRow } from "../web/fixtures";

describe("red / amber / green against a service-level target", () => {
  it("uses a 5-point amber band (docs/kpis.md says so)", () => {
    expect(TARGET_AMBER_BAND_PTS).toBe(5);
  });

  // Target 80: green from 80 up, amber from 75 to just under 80, red under 75.
  it.each([
    [100, "green"],
    [80, "green"],
    [79.99, "amber"],
    [75, "amber"],
    [74.99, "red"],
    [0, "red"],
  ] as const)("at %s%% of an 80%% target is %s", (value, expected) => {
    expect(ragStatus(value, 80)).toBe(expected);
  });

  it("treats a ratio's float noise at the target as meeting it (0.8 * 100 may be 80.00000000000001, 4/5 then 79.99999999)", () => {
    expect(ragStatus(79.999999999, 80)).toBe("green");
    expect(ragStatus(74.999999999, 80)).toBe("amber");
  });

  it("judges nothing without a value, and a 100% target is only met at 100", () => {
    expect(ragStatus(null, 80)).toBe("none");
    expect(ragStatus(99.9, 100)).toBe("amber");
    expect(ragStatus(95, 100)).toBe("amber");
    expect(ragStatus(94.9, 100)).toBe("red");
  });

  it("takes another band when given one", () => {
    expect(ragStatus(70, 80, 10)).toBe("amber");
    expect(ragStatus(69.9, 80, 10)).toBe("red");
  });

  it("finds the one target several queues share, or none when they differ", () => {
    expect(sharedTarget([80, 80])).toBe(80);
    expect(sharedTarget([80, 90])).toBeNull();
    expect(sharedTarget([])).toBeNull();
  });
});

describe("targets on the queues table and /api/targets", () => {
  const column = (id: string) => QUEUE_COLUMNS.find((c) => c.id === id)!;

  it("says each queue's status in words and a symbol, with the colour as the cell's tone", () => {
    // 7 of 10 answered within T = 70%: red against 80 (more than 5 below), amber against 74, green against 70.
    const q = (slTargetPct: number) => queueRow("q1", { offered: 10, answered: 10, answeredWithin: 7 }, { slTargetPct });
    expect(serviceLevelRag(q(80))).toBe("red");
    expect(serviceLevelRag(q(74))).toBe("amber");
    expect(serviceLevelRag(q(70))).toBe("green");
    expect(column("sl_against_target").value(q(80))).toBe("✕ Below target");
    expect(column("sl_against_target").tone?.(q(74))).toBe("amber");
    expect(column("sl_target").value(q(80))).toBe(0.8);
  });

  it("shows no status for a queue with nothing answered or abandoned", () => {
    expect(column("sl_against_target").value(queueRow("q1", {}))).toBe("– No data yet");
  });

  it("answers each queue's target, threshold and the amber band", () => {
    const t = queueTargets([
      {
        id: "q1",
        name: "Sales",
        slThresholdS: 20,
        slVariant: "answered_within_over_answered",
        shortAbandonS: 5,
        shortAbandonRule: "below",
        maxWaitS: 0,
        slTargetPct: 90,
        definitionVersion: 4,
      },
    ]);
    expect(t).toEqual({
      amberBandPts: 5,
      queues: [{ queueId: "q1", name: "Sales", targetPct: 90, thresholdS: 20, slVariant: "answered_within_over_answered", definitionVersion: 4 }],
    });
  });
});
