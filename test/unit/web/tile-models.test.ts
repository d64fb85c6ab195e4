import { describe, expect, it } from "vitest";
import { prepareDelta } from "@/components/kit/delta-model";
import { prepareSparkline } from "@/components/kit/sparkline-model";
import { ahtSplitText, tileContext } from "@/components/kit/tile-specs";
import { computeKpis } from "@/lib/kpi";
import { counts } from "./fixtures";

describe("the change against the previous period", () => {
  it("is relative for counts, in points for rates, a clock for durations", () => {
    expect(prepareDelta(110, 100, "count", "neutral", "yesterday")).toEqual({
      text: "+10.0%",
      direction: "up",
      tone: "neutral",
      description: "Up 10.0% against yesterday.",
    });
    expect(prepareDelta(0.12, 0.1, "ratio", "down_good", "x")).toMatchObject({ text: "+2.0 pp", direction: "up", tone: "bad" });
    expect(prepareDelta(0.85, 0.9, "ratio", "up_good", "x")).toMatchObject({ text: "−5.0 pp", direction: "down", tone: "bad" });
    expect(prepareDelta(20_000, 32_000, "ms", "down_good", "x")).toMatchObject({ text: "−0:12", direction: "down", tone: "good" });
  });

  it("says no change for tiny moves, counts from zero, and nothing when a side is missing", () => {
    expect(prepareDelta(100, 100, "count", "up_good", "x")).toMatchObject({ text: "no change", direction: "flat", tone: "neutral" });
    expect(prepareDelta(12_200, 12_000, "ms", "down_good", "x")?.direction).toBe("flat");
    expect(prepareDelta(3, 0, "count", "neutral", "x")).toMatchObject({ text: "+3", direction: "up" });
    expect(prepareDelta(null, 0.5, "ratio", "up_good", "x")).toBeNull();
    expect(prepareDelta(0.5, null, "ratio", "up_good", "x")).toBeNull();
  });
});

describe("sparklines", () => {
  it("draw one point per interval and break where there is no value", () => {
    const s = prepareSparkline([0, 10, null, 5], { width: 34, height: 14, zeroBased: true });
    // x from 2 to 32 in steps of 10; y from 12 (0) to 2 (10)
    expect(s?.path).toBe("M2.0,12.0L12.0,2.0M32.0,7.0");
    expect(s?.last).toBe(5);
  });

  it("need two intervals and one value", () => {
    expect(prepareSparkline([5])).toBeNull();
    expect(prepareSparkline([null, null])).toBeNull();
    // A flat line sits at the bottom rather than dividing by zero.
    expect(prepareSparkline([3, 3], { width: 14, height: 14 })?.path).toBe("M2.0,12.0L12.0,12.0");
  });
});

describe("tile context", () => {
  it("splits AHT into talk, hold and ACW per handled contact", () => {
    const c = counts({ handled: 2, talkMsSum: 300_000, holdMsSum: 20_000, acwMsSum: 40_000 });
    expect(ahtSplitText(c)).toBe("talk 2:30 · hold 0:10 · ACW 0:20");
    expect(ahtSplitText(counts({}))).toBeUndefined();
    expect(tileContext("aht", c, computeKpis(c), "")).toBe("talk 2:30 · hold 0:10 · ACW 0:20");
    const sl = counts({ answered: 4, answeredWithin: 3 });
    expect(tileContext("service_level", sl, computeKpis(sl), "within 20 s")).toBe("3 of 4 within 20 s");
  });

  it("does not set a team's answered calls against the same number 'offered'", () => {
    const team = counts({ offered: 1632, answered: 1632 });
    expect(tileContext("answered", team, computeKpis(team), "")).toBe("of 1,632 offered");
    expect(tileContext("answered", team, computeKpis(team, undefined, "team"), "")).toBe("by the team's agents");
    expect(tileContext("offered", team, computeKpis(team, undefined, "team"), "")).toBe("answered by the team's agents");
  });
});
