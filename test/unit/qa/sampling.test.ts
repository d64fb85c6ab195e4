import { describe, expect, it } from "vitest";
import { samplingRuleSchema, type Candidate, type CallOutcome } from "@/lib/qa/sampling/sampling-rule";
import { selectSample } from "@/lib/qa/sampling/select-sample";

const from = Date.UTC(2026, 0, 5);
const to = from + 7 * 86_400_000;

/** Agent a1 has 10 calls, a2 has 3, a3 has 6 in queue q2 only; every third is transferred; talk 60..240 s. */
function candidates(): Candidate[] {
  const out: Candidate[] = [];
  const add = (agentId: string, n: number, queueId: string) => {
    for (let i = 0; i < n; i++) {
      const outcome: CallOutcome = i % 3 === 0 ? "transferred" : "caller_released";
      out.push({
        callId: `${agentId}-c${i}`,
        legId: `${agentId}-c${i}.1`,
        agentId,
        queueId,
        teamId: "t1",
        talkMs: (60 + i * 20) * 1000,
        outcome,
        at: from + i * 3_600_000,
      });
    }
  };
  add("a1", 10, "q1");
  add("a2", 3, "q1");
  add("a3", 6, "q2");
  return out;
}

const rule = (over: Record<string, unknown> = {}) => samplingRuleSchema.parse({ from, to, perAgent: 4, evaluators: ["e1", "e2"], ...over });
const run = (over: Record<string, unknown> = {}, taken = new Set<string>(), assigned = new Map<string, number>(), seed = "s1", list = candidates()) =>
  selectSample({ candidates: list, rule: rule(over), seed, taken, assignedPerAgent: assigned });

const countBy = <T>(xs: readonly T[], key: (x: T) => string) => xs.reduce((m, x) => m.set(key(x), (m.get(key(x)) ?? 0) + 1), new Map<string, number>());

describe("selecting calls to evaluate", () => {
  it("gives each agent N calls, or all they have when fewer, and never a call twice", () => {
    const picks = run();
    expect(Object.fromEntries(countBy(picks, (p) => p.agentId))).toEqual({ a1: 4, a2: 3, a3: 4 });
    expect(new Set(picks.map((p) => p.callId)).size).toBe(picks.length);
  });

  it("shares the picks among evaluators, give or take one", () => {
    const per = countBy(run(), (p) => p.evaluatorId);
    // 11 picks over 2 evaluators: 6 and 5
    expect([...per.values()].sort()).toEqual([5, 6]);
  });

  it("honours queue, outcome and talk-time filters", () => {
    const picks = run({ queues: ["q1"], outcomes: ["transferred"], minTalkS: 60, maxTalkS: 200, perAgent: 10 });
    // q1 transferred calls are i = 0, 3, 6, 9 (talk 60, 120, 180, 240 s) for a1 and i = 0 for a2; 240 s is over the max
    expect(picks.map((p) => p.callId).sort()).toEqual(["a1-c0", "a1-c3", "a1-c6", "a2-c0"]);
  });

  it("skips calls already assigned and counts what an agent already has", () => {
    const picks = run({}, new Set(["a2-c0"]), new Map([["a1", 3]]));
    const per = countBy(picks, (p) => p.agentId);
    expect(per.get("a1")).toBe(1);
    expect(per.get("a2")).toBe(2);
    expect(picks.some((p) => p.callId === "a2-c0")).toBe(false);
  });

  it("is the same for a seed and differs for another; an agent's pick does not depend on other agents' calls", () => {
    const a = run().map((p) => p.callId);
    expect(run().map((p) => p.callId)).toEqual(a);
    const seeds = ["s2", "s3", "s4", "s5"].map((s) =>
      run({}, new Set(), new Map(), s)
        .map((p) => p.callId)
        .join(),
    );
    expect(seeds.some((s) => s !== a.join())).toBe(true);
    const onlyA1 = run(
      {},
      new Set(),
      new Map(),
      "s1",
      candidates().filter((c) => c.agentId === "a1"),
    ).map((p) => p.callId);
    expect(onlyA1).toEqual(a.filter((id) => id.startsWith("a1-")));
  });

  it("refuses a rule with the period reversed or an evaluator twice, naming the field", () => {
    const bad = samplingRuleSchema.safeParse({ from: to, to: from, perAgent: 1, evaluators: ["e1", "e1"] });
    expect(bad.error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`)).toEqual(["to: must be after from", "evaluators: names an evaluator twice"]);
  });
});
