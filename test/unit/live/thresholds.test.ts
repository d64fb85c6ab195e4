import { describe, expect, it } from "vitest";
import { DEFAULT_QUEUE_KEY, DEFAULT_THRESHOLDS, levelAtLeast, levelBelow, thresholdsFor, worstLevel } from "@/lib/live/thresholds";
import { thresholdsSchema } from "@/lib/live/thresholds-schema";
import { replayParamsSchema } from "@/lib/api/replay-params";

describe("wallboard thresholds", () => {
  it("colour waits and queue length at or above, service level below its bounds", () => {
    const band = { warning: 30, critical: 90 };
    expect([29, 30, 89, 90].map((v) => levelAtLeast(v, band))).toEqual(["normal", "warning", "warning", "critical"]);
    const sl = { warning: 80, critical: 70 };
    expect([80, 79.9, 70, 69.9].map((v) => levelBelow(v, sl))).toEqual(["normal", "warning", "warning", "critical"]);
    expect(levelBelow(null, sl)).toBe("normal");
    expect(worstLevel(["normal", "warning", "normal"])).toBe("warning");
  });

  it("fall back from the queue's own row to the tenant default to the built-in defaults", () => {
    const own = { ...DEFAULT_THRESHOLDS, waiting: { warning: 1, critical: 2 } };
    const dflt = { ...DEFAULT_THRESHOLDS, waiting: { warning: 5, critical: 6 } };
    expect(thresholdsFor(new Map(), "q")).toEqual(DEFAULT_THRESHOLDS);
    expect(thresholdsFor(new Map([[DEFAULT_QUEUE_KEY, dflt]]), "q")).toEqual(dflt);
    expect(
      thresholdsFor(
        new Map([
          [DEFAULT_QUEUE_KEY, dflt],
          ["q", own],
        ]),
        "q",
      ),
    ).toEqual(own);
  });

  it("reject bands in the wrong order with a message", () => {
    const bad = thresholdsSchema.safeParse({ ...DEFAULT_THRESHOLDS, serviceLevelPct: { warning: 60, critical: 70 } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/warning must be at least critical/);
    expect(thresholdsSchema.safeParse({ ...DEFAULT_THRESHOLDS, longestWaitS: { warning: 100, critical: 10 } }).success).toBe(false);
  });
});

describe("replay parameters", () => {
  const now = Date.UTC(2026, 0, 5, 12);
  it("take epoch ms or an ISO time with offset, not the future", () => {
    expect(replayParamsSchema(now).parse({ at: "2026-01-05T10:30:00Z" }).at).toBe(Date.UTC(2026, 0, 5, 10, 30));
    expect(replayParamsSchema(now).parse({ at: String(now - 1000) }).at).toBe(now - 1000);
    expect(replayParamsSchema(now).safeParse({ at: "2026-01-05T10:30:00" }).success).toBe(false);
    expect(replayParamsSchema(now).safeParse({ at: String(now + 60_000) }).error?.issues[0]?.message).toMatch(/future/);
    expect(replayParamsSchema(now).safeParse({}).success).toBe(false);
  });
});
