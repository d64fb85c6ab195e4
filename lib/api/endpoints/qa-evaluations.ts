import { z } from "zod";
import { createEvaluation, disputeEvaluation, getEvaluation, resolveDispute, updateEvaluation, viewerOf } from "@/lib/qa/evaluations/evaluation-actions";
import { evaluationVisible } from "@/lib/qa/evaluations/evaluation-access";
import { createEvaluationSchema, disputeRequestSchema, resolveRequestSchema, updateEvaluationSchema, type Evaluation } from "@/lib/qa/evaluations/evaluation-schema";
import { listEvaluations } from "@/lib/qa/evaluations/evaluation-store";
import { qaNames, scorecardName } from "@/lib/qa/qa-names";
import { defineEndpoint } from "../endpoint";
import { epochMsParam } from "../params";
import { callerOf } from "../qa-caller";
import { idListParam, oneParam } from "../qa-params";

/**
 * Evaluations: listed and read by anyone who sees QA scores (within their scope;
 * drafts only by their author; calibration answers blind until one's own is
 * submitted), written by evaluators. Every write is an audited version
 * (lib/qa/evaluations/evaluation-record.ts).
 */

const CALL_SCOPE = "the call's queue and its agent's team are checked against the scope in lib/qa (404 outside it)";

/** What a list shows of an evaluation (the answers and comments are on the evaluation itself). */
function summary(e: Evaluation & { at?: number }, questionId: string | undefined) {
  return {
    id: e.id,
    version: e.version,
    callId: e.callId,
    recordingId: e.recordingId,
    callAt: e.callAt,
    queueId: e.queueId,
    agentId: e.agentId,
    teamId: e.teamId,
    evaluator: e.evaluator.name,
    scorecardId: e.scorecardId,
    scorecardVersion: e.scorecardVersion,
    calibrationId: e.calibrationId,
    status: e.status,
    score: e.score,
    failed: e.failed,
    dispute: e.dispute ? (e.dispute.resolution ? e.dispute.resolution.outcome : "open") : null,
    ...(questionId ? { questionPoints: e.questions.find((q) => q.id === questionId)?.points ?? null } : {}),
  };
}

export const qaEvaluations = defineEndpoint({
  method: "GET",
  path: "/api/qa/evaluations",
  capability: "qaDashboard",
  scope: { queue: "queue", team: "team", agent: "agent", results: "each evaluation is checked by evaluationVisible (drafts, blind calibrations)" },
  params: z.object({
    from: epochMsParam.optional(),
    to: epochMsParam.optional(),
    queue: idListParam("queues"),
    team: idListParam("teams"),
    agent: idListParam("agents"),
    callId: oneParam,
    calibrationId: oneParam,
    status: z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.enum(["draft", "submitted"], { error: "must be draft or submitted" }).optional()),
    mine: z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.enum(["1"], { error: "must be 1 (only mine) or left out" }).optional()),
    question: oneParam,
  }),
  run: async (ctx, p) => {
    const caller = callerOf(ctx);
    const viewer = await viewerOf(ctx.ch, caller);
    const rows = await listEvaluations(ctx.ch, {
      tenantId: ctx.tenantId,
      ...(p.from !== undefined ? { from: p.from } : {}),
      ...(p.to !== undefined ? { to: p.to } : {}),
      ...(p.callId ? { callId: p.callId } : {}),
      ...(p.calibrationId ? { calibrationId: p.calibrationId } : {}),
      ...(p.status ? { status: p.status } : {}),
      ...(p.mine ? { evaluatorId: ctx.user.id } : {}),
      agentIds: p.agent,
      queueIds: p.queue.length > 0 ? p.queue : null,
      teamIds: p.team.length > 0 ? p.team : null,
    });
    const visible = rows.filter((e) => evaluationVisible(viewer, e) && (!p.question || e.questions.some((q) => q.id === p.question)));
    return { evaluations: visible.map((e) => summary(e, p.question)), names: await qaNames(ctx.ch, ctx.tenantId, visible) };
  },
});

export const qaEvaluation = defineEndpoint({
  method: "GET",
  path: "/api/qa/evaluations/[evaluationId]",
  capability: "qaDashboard",
  scope: { results: CALL_SCOPE },
  params: z.object({ evaluationId: z.string().min(1).max(64) }),
  run: async (ctx, p) => {
    const e = await getEvaluation(ctx.ch, callerOf(ctx), p.evaluationId);
    const [names, cardName] = await Promise.all([qaNames(ctx.ch, ctx.tenantId, [e]), scorecardName(ctx.ch, ctx.tenantId, e.scorecardId, e.scorecardVersion)]);
    return { ...e, names, scorecardName: cardName };
  },
});

export const createQaEvaluation = defineEndpoint({
  method: "POST",
  path: "/api/qa/evaluations",
  capability: "evaluate",
  scope: { results: CALL_SCOPE },
  params: z.object({}),
  body: createEvaluationSchema,
  bodyHint: '{"callId": "...", "recordingId": "rec-...", "scorecardId": "...", "answers": {"greet": "yes"}, "comments": []}',
  run: (ctx, _p, body) => createEvaluation(ctx.ch, callerOf(ctx), body),
});

export const updateQaEvaluation = defineEndpoint({
  method: "PUT",
  path: "/api/qa/evaluations/[evaluationId]",
  capability: "evaluate",
  scope: { results: CALL_SCOPE },
  params: z.object({ evaluationId: z.string().min(1).max(64) }),
  body: updateEvaluationSchema,
  bodyHint: '{"expectedVersion": 1, "answers": {...}, "comments": [...], "summary": "...", "submit": false}',
  run: (ctx, p, body) => updateEvaluation(ctx.ch, callerOf(ctx), p.evaluationId, body),
});

export const disputeQaEvaluation = defineEndpoint({
  method: "POST",
  path: "/api/qa/evaluations/[evaluationId]/dispute",
  capability: "evaluate",
  scope: { results: CALL_SCOPE },
  params: z.object({ evaluationId: z.string().min(1).max(64) }),
  body: disputeRequestSchema,
  bodyHint: '{"expectedVersion": 2, "reason": "..."}',
  run: (ctx, p, body) => disputeEvaluation(ctx.ch, callerOf(ctx), p.evaluationId, body),
});

export const resolveQaEvaluation = defineEndpoint({
  method: "POST",
  path: "/api/qa/evaluations/[evaluationId]/resolve",
  capability: "evaluate",
  scope: { results: CALL_SCOPE },
  params: z.object({ evaluationId: z.string().min(1).max(64) }),
  body: resolveRequestSchema,
  bodyHint: '{"expectedVersion": 3, "outcome": "upheld" | "overturned", "note": "...", "answers": {...}}',
  run: (ctx, p, body) => resolveDispute(ctx.ch, callerOf(ctx), p.evaluationId, body),
});
