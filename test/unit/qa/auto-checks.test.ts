import { describe, expect, it } from "vitest";
import type { CtiEvent } from "@/lib/events";
import { autoChecks, holdSpans, type Segment } from "@/lib/qa/auto-checks/auto-checks";

const t0 = Date.UTC(2026, 0, 5, 9);
const env = { specVersion: "1.0" as const, source: "sim", tenantId: "t", callId: "c1", legId: "c1.1", queueId: "q1", agentId: "a1" };
const held = (at: number): CtiEvent => ({ ...env, id: `h${at}`, type: "call.held", time: t0 + at, data: {} });
const retrieved = (at: number, holdMs: number): CtiEvent => ({ ...env, id: `r${at}`, type: "call.retrieved", time: t0 + at, data: { holdMs } });

const seg = (speaker: string, startS: number, endS: number, text: string): Segment => ({ speaker, startMs: startS * 1000, endMs: endS * 1000, text });

const byId = (checks: ReturnType<typeof autoChecks>) => Object.fromEntries(checks.map((c) => [c.id, c]));

describe("automatic checks", () => {
  it("passes a call that greets, checks identity, has a short hold and no silence or overlap", () => {
    const segments = [
      seg("agent", 0.5, 3, "Good morning, thank you for calling Acme, Sam speaking."),
      seg("caller", 3.5, 8, "Hi, I need to change my address."),
      seg("agent", 8.5, 12, "Sure. Can you confirm your date of birth please?"),
      seg("caller", 12.5, 14, "Fourth of May, ninety."),
      // hold from 15 s to 45 s (30 s), then talk resumes
      seg("agent", 46, 50, "Thanks for holding, that's done."),
    ];
    const checks = byId(autoChecks({ segments, events: [held(15_000), retrieved(45_000, 30_000)], legId: "c1.1", originMs: t0, durationMs: 52_000 }));
    expect(checks.greeting).toMatchObject({ status: "pass", moments: [{ ms: 500 }] });
    expect(checks.identity).toMatchObject({ status: "pass", moments: [{ ms: 8500 }] });
    // Gaps: 14 -> 15 s before the hold, 45 -> 46 s after, 50 -> 52 s at the end: none reaches 10 s.
    expect(checks.silence?.status).toBe("pass");
    expect(checks.hold).toMatchObject({ status: "pass", detail: "1 hold, each under 60 s" });
    expect(checks.talkover?.status).toBe("pass");
  });

  it("flags a missing greeting, no identity check, a long silence, a long hold and talk-over, at their moments", () => {
    const segments = [
      seg("agent", 1, 4, "Yeah, what is it?"),
      seg("caller", 2, 6, "My bill is wrong again and I want it fixed."),
      // 6 s -> 20 s: 14 s of silence, not on hold
      seg("agent", 20, 24, "Right, one moment."),
      // hold 25 s -> 100 s (75 s)
      seg("agent", 101, 104, "Done."),
    ];
    const checks = byId(autoChecks({ segments, events: [held(25_000), retrieved(100_000, 75_000)], legId: "c1.1", originMs: t0, durationMs: 105_000 }));
    expect(checks.greeting?.status).toBe("fail");
    expect(checks.identity?.status).toBe("fail");
    expect(checks.silence).toMatchObject({ status: "fail", moments: [{ ms: 6000, endMs: 20_000, note: "14 s of silence" }] });
    expect(checks.hold).toMatchObject({ status: "fail", moments: [{ ms: 25_000, endMs: 100_000, note: "on hold 75 s" }] });
    // agent 1-4 s and caller 2-6 s overlap for 2 s
    expect(checks.talkover).toMatchObject({ status: "fail", moments: [{ ms: 2000, endMs: 4000 }] });
  });

  it("says unknown, not fail, without a transcript, and still reports holds from the events", () => {
    const checks = byId(autoChecks({ segments: [], events: [held(5_000), retrieved(70_000, 65_000)], legId: "c1.1", originMs: t0, durationMs: 80_000 }));
    expect([checks.greeting?.status, checks.identity?.status, checks.silence?.status, checks.talkover?.status]).toEqual(["unknown", "unknown", "unknown", "unknown"]);
    expect(checks.hold?.status).toBe("fail");
  });

  it("places holds of the leg only, on the recording's clock", () => {
    const other: CtiEvent = { ...held(1_000), legId: "c1.2", id: "x" };
    expect(holdSpans([other, held(10_000), retrieved(20_000, 10_000)], "c1.1", t0 + 2_000)).toEqual([{ startMs: 8_000, endMs: 18_000 }]);
  });
});
