import { describe, expect, it } from "vitest";
import { DEFAULT_QUEUE_KEY, DEFAULT_THRESHOLDS, levelAtLeast, levelOfTarget, thresholdsFor, worstLevel } from "@/lib/live/thresholds";
import { thresholdsSchema } from "@/lib/live/thresholds-schema";
import { replayParamsSchema } from "@/lib/api/replay-params";
import { ragStatus } from "@/lib/targets/rag";

describe("wallboard thresholds", () => {
  it("colour waits and queue length at or above their bounds", () => {
    const band = { warning: 30, critical: 90 };
    expect([29, 30, 89, 90].map((v) => levelAtLeast(v, band))).toEqual(["normal", "warning", "warning", "critical"]);
    expect(worstLevel(["normal", "warning", "normal"])).toBe("warning");
  });

  it("colour service level as its target judges it: on target normal, up to 5 points below a warning, further critical", () => {
    // Against a 90 % target: 90 meets it, 85 is 5 points below (the amber band's edge), 84.9 is past it.
    expect([90, 85, 84.9, null].map((v) => levelOfTarget(ragStatus(v, 90)))).toEqual(["normal", "warning", "critical", "normal"]);
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
    const bad = thresholdsSchema.safeParse({ ...DEFAULT_THRESHOLDS, longestWaitS: { warning: 100, critical: 10 } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/warning wait must not exceed the critical one/);
  });

  it("refuse the service-level bounds they once had, naming them: the queue's target colours service level now", () => {
    const old = thresholdsSchema.safeParse({ ...DEFAULT_THRESHOLDS, serviceLevelPct: { warning: 80, critical: 70 } });
    expect(old.success).toBe(false);
    expect(old.error?.issues[0]?.message).toMatch(/serviceLevelPct/);
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
