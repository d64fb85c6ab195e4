import { describe, expect, it } from "vitest";
import { scopeAccess, WHOLE_CENTRE } from "@/lib/auth/scope-access";
import { aggregateScores } from "@/lib/qa/dashboard/aggregate-scores";
import { evaluationVisible, type Viewer } from "@/lib/qa/evaluations/evaluation-access";
import { evaluationAction, UNCREATED } from "@/lib/qa/evaluations/evaluation-record";
import type { EvaluationState } from "@/lib/qa/evaluations/evaluation-schema";

const base: EvaluationState = { ...UNCREATED, callId: "c1", queueId: "q1", agentId: "a1", teamId: "t1", evaluator: { id: "qa1", name: "Q" }, status: "submitted" };
const viewer = (over: Partial<Viewer> = {}): Viewer => ({ id: "qa2", role: "qa", access: WHOLE_CENTRE, submittedCalibrations: new Set(), ...over });

describe("who sees an evaluation", () => {
  it("keeps to the scope: the call's queue and the agent's team", () => {
    expect(evaluationVisible(viewer(), base)).toBe(true);
    expect(evaluationVisible(viewer({ access: scopeAccess({ teams: [], queues: ["q2"] }) }), base)).toBe(false);
    expect(evaluationVisible(viewer({ access: scopeAccess({ teams: ["t2"], queues: [] }) }), base)).toBe(false);
    expect(evaluationVisible(viewer({ access: scopeAccess({ teams: ["t1"], queues: ["q1"] }) }), base)).toBe(true);
    // An agent without a known team is outside any team scope.
    expect(evaluationVisible(viewer({ access: scopeAccess({ teams: ["t1"], queues: [] }) }), { ...base, teamId: "" })).toBe(false);
  });

  it("shows a draft to its evaluator only", () => {
    const draft = { ...base, status: "draft" as const };
    expect(evaluationVisible(viewer(), draft)).toBe(false);
    expect(evaluationVisible(viewer({ id: "qa1" }), draft)).toBe(true);
  });

  it("keeps calibration answers blind until the viewer has submitted in that calibration; admins see them", () => {
    const cal = { ...base, calibrationId: "k1" };
    expect(evaluationVisible(viewer(), cal)).toBe(false);
    expect(evaluationVisible(viewer({ submittedCalibrations: new Set(["k2"]) }), cal)).toBe(false);
    expect(evaluationVisible(viewer({ submittedCalibrations: new Set(["k1"]) }), cal)).toBe(true);
    expect(evaluationVisible(viewer({ role: "admin" }), cal)).toBe(true);
  });
});

describe("the audit action of an evaluation edit", () => {
  const v = (version: number, state: EvaluationState) => ({ version, at: 0, state });
  const dispute = { by: { id: "s", name: "S" }, at: 1, reason: "r", resolution: null };
  it("names what the edit meant", () => {
    expect(evaluationAction(v(0, UNCREATED), v(1, { ...base, status: "draft" }))).toBe("qa.evaluation.create");
    expect(evaluationAction(v(1, { ...base, status: "draft" }), v(2, { ...base, status: "draft", summary: "x" }))).toBe("qa.evaluation.update");
    expect(evaluationAction(v(2, { ...base, status: "draft" }), v(3, base))).toBe("qa.evaluation.submit");
    expect(evaluationAction(v(3, base), v(4, { ...base, dispute }))).toBe("qa.evaluation.dispute");
    const resolution = { by: { id: "q", name: "Q" }, at: 2, outcome: "upheld" as const, note: "n", scoreBefore: 1, scoreAfter: 1 };
    expect(evaluationAction(v(4, { ...base, dispute }), v(5, { ...base, dispute: { ...dispute, resolution } }))).toBe("qa.evaluation.resolve");
  });
});

describe("the dashboard's figures", () => {
  it("averages scores per group (each evaluation once, no-score ones counted not averaged) and question points without N/A", () => {
    const day = Date.UTC(2026, 0, 5, 10);
    const q = (a: number | null, b: number | null) => [
      { id: "a", text: "A", points: a },
      { id: "b", text: "B", points: b },
    ];
    const r = aggregateScores(
      [
        { agentId: "x", teamId: "t1", queueId: "q1", callAt: day, score: 80, failed: false, questions: q(1, 0.5) },
        { agentId: "x", teamId: "t1", queueId: "q2", callAt: day + 3_600_000, score: 0, failed: true, questions: q(0, null) },
        { agentId: "y", teamId: "t2", queueId: "q1", callAt: day + 86_400_000, score: null, failed: false, questions: q(null, null) },
      ],
      "UTC",
    );
    expect(r.total).toMatchObject({ evaluations: 3, scored: 2, meanScore: 40, failed: 1 });
    expect(r.byAgent.map((g) => [g.key, g.meanScore, g.failRate])).toEqual([
      ["x", 40, 0.5],
      ["y", null, 0],
    ]);
    expect(r.byQueue.map((g) => [g.key, g.evaluations])).toEqual([
      ["q1", 2],
      ["q2", 1],
    ]);
    expect(r.byDay.map((g) => [Number(g.key), g.evaluations])).toEqual([
      [Date.UTC(2026, 0, 5), 2],
      [Date.UTC(2026, 0, 6), 1],
    ]);
    // a: points 1 and 0 -> 50 %; b: 0.5 only -> 50 %; sorted lowest first then by id
    expect(r.byQuestion).toEqual([
      { questionId: "a", text: "A", answered: 2, meanPct: 50 },
      { questionId: "b", text: "B", answered: 1, meanPct: 50 },
    ]);
  });
});
