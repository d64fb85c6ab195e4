import { z } from "zod";
import { contactInScope } from "@/lib/auth/scope-access";
import { usersFilePath } from "@/lib/auth/users-file-path";
import { getEnv } from "@/lib/env";
import { Forbidden } from "@/lib/errors/domain-errors";
import { callChecks } from "@/lib/qa/auto-checks/call-checks";
import { calibrationsInScope, calibrationView, createCalibration } from "@/lib/qa/calibration/calibration-actions";
import { qaScores } from "@/lib/qa/dashboard/qa-scores";
import { qaNames, qaScoreNames, scorecardName } from "@/lib/qa/qa-names";
import { viewerOf } from "@/lib/qa/evaluations/evaluation-actions";
import { listEvaluations } from "@/lib/qa/evaluations/evaluation-store";
import { listAssignments } from "@/lib/qa/sampling/assignments-store";
import { listEvaluators } from "@/lib/qa/sampling/evaluators";
import { runSampling } from "@/lib/qa/sampling/run-sampling";
import { samplingRuleSchema } from "@/lib/qa/sampling/sampling-rule";
import { defineEndpoint } from "../endpoint";
import { epochMsParam, tzParam } from "../params";
import { callerOf } from "../qa-caller";
import { idListParam, oneParam } from "../qa-params";

/** The QA work around evaluations: automatic checks, the dashboard, sampling and the work queue, calibrations. */

const CALL_SCOPE = "the call's queue and its agent's team are checked against the scope in lib/qa (404 outside it)";

export const qaCallChecks = defineEndpoint({
  method: "GET",
  path: "/api/qa/calls/[callId]/checks",
  capability: "evaluate",
  scope: { results: CALL_SCOPE },
  params: z.object({ callId: z.string().min(1).max(128), recordingId: oneParam }),
  run: (ctx, p) => callChecks(ctx.ch, { tenantId: ctx.tenantId, access: ctx.access, callId: p.callId, recordingId: p.recordingId }),
});

const DAY_MS = 86_400_000;

export const qaDashboard = defineEndpoint({
  method: "GET",
  path: "/api/qa/dashboard",
  capability: "qaDashboard",
  scope: { queue: "queue", team: "team", agent: "agent" },
  params: z
    .object({ from: epochMsParam, to: epochMsParam, tz: tzParam, queue: idListParam("queues"), team: idListParam("teams"), agent: idListParam("agents") })
    .superRefine((v, ctx) => {
      if (v.to <= v.from) ctx.addIssue({ code: "custom", path: ["to"], message: "must be after from" });
      else if (v.to - v.from > 400 * DAY_MS) ctx.addIssue({ code: "custom", path: ["to"], message: "the range may span at most 400 days" });
    }),
  run: async (ctx, p) => {
    const scores = await qaScores(ctx.ch, {
      tenantId: ctx.tenantId,
      access: ctx.access,
      from: p.from,
      to: p.to,
      tz: p.tz,
      queueIds: p.queue,
      teamIds: p.team,
      agentIds: p.agent,
    });
    return { ...scores, names: await qaScoreNames(ctx.ch, ctx.tenantId, scores) };
  },
});

export const qaEvaluators = defineEndpoint({
  method: "GET",
  path: "/api/qa/evaluators",
  capability: "evaluate",
  scope: { unscoped: "a list of users who may evaluate, no queue or agent data" },
  params: z.object({}),
  run: async () => ({ evaluators: listEvaluators(usersFilePath(getEnv())) }),
});

export const qaSampling = defineEndpoint({
  method: "POST",
  path: "/api/qa/sampling",
  capability: "evaluate",
  scope: { results: "the rule's queues must be in the scope (404); only calls in the scope are sampled" },
  params: z.object({}),
  body: samplingRuleSchema,
  bodyHint: '{"from": 1767571200000, "to": 1768176000000, "perAgent": 2, "evaluators": ["qa"], "queues": [], "outcomes": [], "minTalkS": 30}',
  run: async (ctx, _p, rule) => {
    const known = listEvaluators(usersFilePath(getEnv()));
    const r = await runSampling(ctx.ch, callerOf(ctx), rule, known ? new Set(known.map((e) => e.id)) : null);
    return { runId: r.runId, seed: r.seed, truncated: r.truncated, assigned: r.picks.length, picks: r.picks };
  },
});

/** A work queue: the calls assigned to an evaluator (oneself; an admin may name another), each with the caller's evaluation of it if any. */
export const qaAssignments = defineEndpoint({
  method: "GET",
  path: "/api/qa/assignments",
  capability: "evaluate",
  scope: { results: "assignments of calls outside the scope are left out" },
  params: z.object({ evaluator: oneParam }),
  run: async (ctx, p) => {
    const evaluatorId = p.evaluator || ctx.user.id;
    if (evaluatorId !== ctx.user.id && ctx.user.role !== "admin") throw new Forbidden("see another evaluator's work queue");
    const [assigned, done] = await Promise.all([
      listAssignments(ctx.ch, { tenantId: ctx.tenantId, evaluatorId }),
      listEvaluations(ctx.ch, { tenantId: ctx.tenantId, evaluatorId, limit: 10_000 }),
    ]);
    const byCall = new Map(done.filter((e) => e.calibrationId === "").map((e) => [e.callId, e]));
    const visible = assigned.filter((a) => contactInScope(ctx.access, { queueId: a.queueId, agent: { teamId: a.teamId || null } }));
    return {
      evaluatorId,
      assignments: visible.map((a) => {
        const e = byCall.get(a.callId);
        return { ...a, evaluation: e ? { id: e.id, status: e.status, score: e.score } : null };
      }),
      names: await qaNames(ctx.ch, ctx.tenantId, visible),
    };
  },
});

export const qaCalibrations = defineEndpoint({
  method: "GET",
  path: "/api/qa/calibrations",
  capability: "evaluate",
  scope: { results: CALL_SCOPE },
  params: z.object({}),
  run: async (ctx) => {
    const caller = callerOf(ctx);
    const [list, viewer] = await Promise.all([calibrationsInScope(ctx.ch, caller), viewerOf(ctx.ch, caller)]);
    return { calibrations: list.map((c) => ({ ...c, submittedByMe: viewer.submittedCalibrations.has(c.id) })) };
  },
});

export const createQaCalibration = defineEndpoint({
  method: "POST",
  path: "/api/qa/calibrations",
  capability: "evaluate",
  scope: { results: CALL_SCOPE },
  params: z.object({}),
  body: z.object({
    callId: z.string().trim().min(1, "is empty").max(128),
    scorecardId: z.string().trim().min(1, "is empty").max(60),
    recordingId: z.string().max(128).optional(),
    title: z.string().trim().max(200, "is longer than 200 characters").default(""),
  }),
  bodyHint: '{"callId": "...", "scorecardId": "...", "title": "..."}',
  run: (ctx, _p, body) => createCalibration(ctx.ch, callerOf(ctx), body),
});

export const qaCalibration = defineEndpoint({
  method: "GET",
  path: "/api/qa/calibrations/[calibrationId]",
  capability: "evaluate",
  scope: { results: CALL_SCOPE },
  params: z.object({ calibrationId: z.string().min(1).max(64) }),
  run: async (ctx, p) => {
    const view = await calibrationView(ctx.ch, callerOf(ctx), p.calibrationId);
    const cal = view.calibration;
    const [names, cardName] = await Promise.all([qaNames(ctx.ch, ctx.tenantId, [cal]), scorecardName(ctx.ch, ctx.tenantId, cal.scorecardId, cal.scorecardVersion)]);
    return { ...view, names, scorecardName: cardName };
  },
});
