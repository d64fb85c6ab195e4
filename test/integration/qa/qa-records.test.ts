import { describe, expect, it } from "vitest";
import { scopeAccess, WHOLE_CENTRE } from "@/lib/auth/scope-access";
import { Conflict, InvalidInput, OutOfScope } from "@/lib/errors/domain-errors";
import { calibrationView, createCalibration } from "@/lib/qa/calibration/calibration-actions";
import { createEvaluation, disputeEvaluation, getEvaluation, resolveDispute, updateEvaluation, type Caller } from "@/lib/qa/evaluations/evaluation-actions";
import { saveScorecard } from "@/lib/qa/scorecards/scorecard-record";
import { scorecardSchema } from "@/lib/qa/scorecards/scorecard-schema";
import { readScorecardVersion } from "@/lib/qa/scorecards/scorecard-store";
import { listAssignments } from "@/lib/qa/sampling/assignments-store";
import { runSampling } from "@/lib/qa/sampling/run-sampling";
import { samplingRuleSchema } from "@/lib/qa/sampling/sampling-rule";
import { freshTenant, queryRows, testStore } from "../helpers/store";
import { insertAgent, insertEvents, S, Stream } from "../kpi/scenario";

/**
 * Scorecards and evaluations against the real store: a scorecard's versions are
 * kept and an evaluation goes on scoring with the version it started with; every
 * change is in the audit log; scope, drafts and blind calibration hide what they
 * should; sampling assigns from stored calls.
 */

const t0 = Date.UTC(2026, 0, 5, 9);

const v1 = scorecardSchema.parse({
  name: "Support",
  sections: [
    {
      id: "s",
      title: "Call",
      questions: [
        { id: "greet", text: "Greeted", type: "yesno", weight: 1 },
        { id: "id", text: "Identity checked", type: "yesno", weight: 1, critical: true },
        { id: "tone", text: "Tone", type: "scale", min: 1, max: 5, weight: 2 },
      ],
    },
  ],
});
// Version 2 drops "tone" and adds "close" (a different form: the evaluation started on v1 must not see it).
const v2 = scorecardSchema.parse({
  ...v1,
  sections: [
    { id: "s", title: "Call", questions: [v1.sections[0]!.questions[0]!, v1.sections[0]!.questions[1]!, { id: "close", text: "Closed well", type: "yesno", weight: 3 }] },
  ],
});

async function world() {
  const { ch } = await testStore();
  const tenantId = freshTenant("qa");
  await insertAgent(ch, { tenantId, agentId: "a1", name: "Ann", teamId: "t1" });
  await insertAgent(ch, { tenantId, agentId: "a2", name: "Bob", teamId: "t2" });
  const s = new Stream(tenantId);
  for (let i = 0; i < 6; i++) {
    s.answered({
      callId: `c${i}`,
      queueId: i % 2 === 0 ? "q1" : "q2",
      agentId: i < 3 ? "a1" : "a2",
      caller: "+441",
      queuedAt: t0 + i * 600 * S,
      waitMs: 5 * S,
      talk: { talkMs: (60 + i * 30) * S },
    });
  }
  await insertEvents(ch, s.events);
  const caller = (id: string, role: Caller["role"], access = WHOLE_CENTRE): Caller => ({ tenantId, actor: { id, name: `User ${id}`, role }, role, access });
  return { ch, tenantId, caller };
}

describe("QA records in the store", () => {
  it("keeps every scorecard version, and an evaluation scores with the version it started on", async () => {
    const { ch, tenantId, caller } = await world();
    const admin = caller("admin", "admin");
    const qa = caller("qa1", "qa");
    const saved = await saveScorecard(ch, { tenantId, id: "support", card: v1, expectedVersion: 0, actor: admin.actor });
    expect(saved.after.version).toBe(1);
    // c0: queue q1, agent a1 (team t1)
    const draft = await createEvaluation(ch, qa, {
      callId: "c0",
      scorecardId: "support",
      answers: { greet: "yes" },
      comments: [{ id: "k1", text: "Warm opening", anchor: { kind: "moment", ms: 1200 } }],
      summary: "",
    });
    expect(draft).toMatchObject({ scorecardVersion: 1, status: "draft", agentId: "a1", queueId: "q1", teamId: "t1", version: 1 });

    await saveScorecard(ch, { tenantId, id: "support", card: v2, expectedVersion: 1, actor: admin.actor });
    await expect(saveScorecard(ch, { tenantId, id: "support", card: v1, expectedVersion: 1, actor: admin.actor })).rejects.toThrow(Conflict);
    expect((await readScorecardVersion(ch, tenantId, "support", 1))?.card).toEqual(v1);
    expect((await readScorecardVersion(ch, tenantId, "support", 2))?.card).toEqual(v2);

    // "close" exists only in v2: refused; v1's "tone" is accepted.
    await expect(updateEvaluation(ch, qa, draft.id, { expectedVersion: 1, answers: { close: "yes" }, comments: [], summary: "", submit: false })).rejects.toThrow(
      /answers.close: no such question/,
    );
    await expect(updateEvaluation(ch, qa, draft.id, { expectedVersion: 1, answers: { greet: "yes" }, comments: [], summary: "", submit: true })).rejects.toThrow(
      /unanswered: id, tone/,
    );
    // greet yes (1x1), id yes (1x1), tone 3 of 1..5 (0.5 x 2): (1 + 1 + 1) / 4 = 75
    const submitted = await updateEvaluation(ch, qa, draft.id, {
      expectedVersion: 1,
      answers: { greet: "yes", id: "yes", tone: 3 },
      comments: draft.comments,
      summary: "Good",
      submit: true,
    });
    expect(submitted).toMatchObject({ status: "submitted", score: 75, scorecardVersion: 1, version: 2 });
    await expect(updateEvaluation(ch, qa, draft.id, { expectedVersion: 2, answers: {}, comments: [], summary: "", submit: false })).rejects.toThrow(InvalidInput);

    // A supervisor disputes for the agent; QA overturns with id answered "no" (critical): score 0,
    // raw (1 + 0 + 0.5 x 2) / 4 = 50.
    const sup = caller("sup1", "supervisor", scopeAccess({ teams: ["t1"], queues: [] }));
    await expect(disputeEvaluation(ch, qa, draft.id, { expectedVersion: 2, reason: "x" })).rejects.toThrow(/supervisors do/);
    const disputed = await disputeEvaluation(ch, sup, draft.id, { expectedVersion: 2, reason: "The caller refused identity checks" });
    expect(disputed.dispute).toMatchObject({ by: { id: "sup1" }, reason: "The caller refused identity checks", resolution: null });
    const resolved = await resolveDispute(ch, qa, draft.id, {
      expectedVersion: 3,
      outcome: "overturned",
      note: "Re-scored",
      answers: { greet: "yes", id: "no", tone: 3 },
    });
    expect(resolved).toMatchObject({ score: 0, failed: true, rawScore: 50, dispute: { resolution: { outcome: "overturned", scoreBefore: 75, scoreAfter: 0 } } });

    const audit = await queryRows<{ action: string; target: string }>(ch, "SELECT action, target FROM audit_log WHERE tenant_id = {t:String} ORDER BY at, action", {
      t: tenantId,
    });
    expect(audit.map((a) => `${a.action} ${a.target}`)).toEqual([
      "qa.scorecard.save scorecard:support",
      `qa.evaluation.create evaluation:${draft.id}`,
      "qa.scorecard.save scorecard:support",
      `qa.evaluation.submit evaluation:${draft.id}`,
      `qa.evaluation.dispute evaluation:${draft.id}`,
      `qa.evaluation.resolve evaluation:${draft.id}`,
    ]);
  });

  it("hides evaluations outside the scope (404), drafts from others, and calibration answers until one's own is submitted", async () => {
    const { ch, tenantId, caller } = await world();
    const admin = caller("admin", "admin");
    await saveScorecard(ch, { tenantId, id: "support", card: v1, expectedVersion: 0, actor: admin.actor });
    const qa1 = caller("qa1", "qa");
    const qa2 = caller("qa2", "qa");
    const e = await createEvaluation(ch, qa1, { callId: "c0", scorecardId: "support", answers: {}, comments: [], summary: "" });
    await expect(getEvaluation(ch, qa2, e.id)).rejects.toThrow(OutOfScope);
    const full = { greet: "yes" as const, id: "yes" as const, tone: 5 };
    await updateEvaluation(ch, qa1, e.id, { expectedVersion: 1, answers: full, comments: [], summary: "", submit: true });
    expect((await getEvaluation(ch, qa2, e.id)).score).toBe(100);
    // Another queue's supervisor, and another team's, get 404; creating on that call too.
    for (const scope of [
      { teams: [], queues: ["q2"] },
      { teams: ["t2"], queues: [] },
    ]) {
      const other = caller("sup9", "supervisor", scopeAccess(scope));
      await expect(getEvaluation(ch, other, e.id)).rejects.toThrow(OutOfScope);
      await expect(createEvaluation(ch, other, { callId: "c0", scorecardId: "support", answers: {}, comments: [], summary: "" })).rejects.toThrow(OutOfScope);
    }
    expect((await getEvaluation(ch, caller("sup1", "supervisor", scopeAccess({ teams: ["t1"], queues: ["q1"] })), e.id)).id).toBe(e.id);

    // Calibration on c2: qa1 submits; qa2 sees no spread and cannot read qa1's answers until submitting.
    const cal = await createCalibration(ch, admin, { callId: "c2", scorecardId: "support", title: "" });
    const a = await createEvaluation(ch, qa1, { callId: "c2", scorecardId: "support", calibrationId: cal.id, answers: {}, comments: [], summary: "" });
    await updateEvaluation(ch, qa1, a.id, { expectedVersion: 1, answers: { greet: "yes", id: "yes", tone: 5 }, comments: [], summary: "", submit: true });
    await expect(createEvaluation(ch, qa1, { callId: "c2", scorecardId: "support", calibrationId: cal.id, answers: {}, comments: [], summary: "" })).rejects.toThrow(
      Conflict,
    );
    const b = await createEvaluation(ch, qa2, { callId: "c2", scorecardId: "support", calibrationId: cal.id, answers: {}, comments: [], summary: "" });
    await expect(getEvaluation(ch, qa2, a.id)).rejects.toThrow(OutOfScope);
    expect((await calibrationView(ch, qa2, cal.id)).spread).toBeNull();
    await updateEvaluation(ch, qa2, b.id, { expectedVersion: 1, answers: { greet: "no", id: "yes", tone: 1 }, comments: [], summary: "", submit: true });
    expect((await getEvaluation(ch, qa2, a.id)).id).toBe(a.id);
    const view = await calibrationView(ch, qa2, cal.id);
    // greet: yes and no -> points 1 and 0: mean 0.5, sd 0.5, agreement 1/2; tone 5 and 1 -> 1 and 0
    expect(view.spread?.questions.find((q) => q.questionId === "greet")).toMatchObject({ n: 2, min: 0, max: 1, mean: 0.5, stdDev: 0.5, agreement: 0.5 });
    // scores: qa1 100; qa2 (0 + 1 + 0) / 4 = 25
    expect(view.spread?.score).toMatchObject({ n: 2, min: 25, max: 100 });
  });

  it("assigns sampled calls from the store, per agent, without repeating calls on a second run", async () => {
    const { ch, tenantId, caller } = await world();
    const qa = caller("qa1", "qa");
    const rule = samplingRuleSchema.parse({ from: t0 - 3_600_000, to: t0 + 86_400_000, perAgent: 2, evaluators: ["qa1", "qa2"], seed: "fixed" });
    const first = await runSampling(ch, qa, rule, new Set(["qa1", "qa2"]));
    // a1 has c0..c2, a2 has c3..c5: two each
    expect(first.picks.filter((p) => p.agentId === "a1")).toHaveLength(2);
    expect(first.picks.filter((p) => p.agentId === "a2")).toHaveLength(2);
    const second = await runSampling(ch, qa, samplingRuleSchema.parse({ ...rule, perAgent: 3 }), null);
    // one more each: the agents' third calls, none repeated
    expect(second.picks.map((p) => p.agentId).sort()).toEqual(["a1", "a2"]);
    const all = await listAssignments(ch, { tenantId });
    expect(new Set(all.map((a) => a.callId)).size).toBe(6);
    await expect(runSampling(ch, qa, rule, new Set(["qa1"]))).rejects.toThrow(/"qa2" is not a user who may evaluate/);
    const scoped = caller("sup", "supervisor", scopeAccess({ teams: [], queues: ["q1"] }));
    await expect(runSampling(ch, scoped, samplingRuleSchema.parse({ ...rule, queues: ["q2"] }), null)).rejects.toThrow(OutOfScope);
  });
});
