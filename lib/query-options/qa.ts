import type { ResultOf } from "@/lib/api/endpoint";
import type { createQaScorecard, updateQaScorecard } from "@/lib/api/endpoints/qa-scorecards";
import type { createQaEvaluation, disputeQaEvaluation, resolveQaEvaluation, updateQaEvaluation } from "@/lib/api/endpoints/qa-evaluations";
import type { createQaCalibration, qaSampling } from "@/lib/api/endpoints/qa-work";
import type { Scorecard } from "@/lib/qa/scorecards/scorecard-schema";
import type { Answers } from "@/lib/qa/scorecards/scoring";
import type { EvaluationComment } from "@/lib/qa/evaluations/evaluation-schema";
import type { SamplingRule } from "@/lib/qa/sampling/sampling-rule";
import { queryOptions } from "@tanstack/react-query";
import type { qaCalibration, qaCallChecks } from "@/lib/api/endpoints/qa-work";
import type { qaEvaluation } from "@/lib/api/endpoints/qa-evaluations";
import type { qaScorecard } from "@/lib/api/endpoints/qa-scorecards";
import { apiSend } from "./api-send";
import { fetchJson } from "./fetch-json";

/** The QA writes, each answering what its endpoint declares; a refusal is an ApiError with the server's reason. */

const at = (id: string) => encodeURIComponent(id);

export const createScorecard = (card: Scorecard) => apiSend<ResultOf<typeof createQaScorecard>>("POST", "/api/qa/scorecards", card);
export const saveScorecard = (id: string, expectedVersion: number, card: Scorecard) =>
  apiSend<ResultOf<typeof updateQaScorecard>>("PUT", `/api/qa/scorecards/${at(id)}`, { expectedVersion, card });

export type Work = { answers: Answers; comments: EvaluationComment[]; summary: string };

export const startEvaluation = (b: Work & { callId: string; recordingId?: string; scorecardId?: string; calibrationId?: string }) =>
  apiSend<ResultOf<typeof createQaEvaluation>>("POST", "/api/qa/evaluations", b);
export const saveEvaluation = (id: string, b: Work & { expectedVersion: number; submit: boolean }) =>
  apiSend<ResultOf<typeof updateQaEvaluation>>("PUT", `/api/qa/evaluations/${at(id)}`, b);
export const disputeEvaluation = (id: string, b: { expectedVersion: number; reason: string }) =>
  apiSend<ResultOf<typeof disputeQaEvaluation>>("POST", `/api/qa/evaluations/${at(id)}/dispute`, b);
export const resolveEvaluation = (id: string, b: { expectedVersion: number; outcome: "upheld" | "overturned"; note: string; answers?: Answers }) =>
  apiSend<ResultOf<typeof resolveQaEvaluation>>("POST", `/api/qa/evaluations/${at(id)}/resolve`, b);

export const runSampling = (rule: Omit<SamplingRule, "queues" | "outcomes"> & Partial<Pick<SamplingRule, "queues" | "outcomes">>) =>
  apiSend<ResultOf<typeof qaSampling>>("POST", "/api/qa/sampling", rule);
export const startCalibration = (b: { callId: string; scorecardId: string; title?: string }) =>
  apiSend<ResultOf<typeof createQaCalibration>>("POST", "/api/qa/calibrations", b);

/**
 * GETs of one thing by a path segment (apiQueryOptions builds query strings only).
 * Keys start with the declared path, so invalidating that path refreshes them.
 */
function byPath<T>(path: string, url: string, key: Record<string, string | number>) {
  return queryOptions({ queryKey: [path, key] as const, queryFn: ({ signal }) => fetchJson<T>(url, signal) });
}

export const evaluationQuery = (id: string) => byPath<ResultOf<typeof qaEvaluation>>("/api/qa/evaluations/[evaluationId]", `/api/qa/evaluations/${at(id)}`, { id });
export const scorecardVersionQuery = (id: string, version: number) =>
  byPath<ResultOf<typeof qaScorecard>>("/api/qa/scorecards/[scorecardId]", `/api/qa/scorecards/${at(id)}?version=${version}`, { id, version });
export const callChecksQuery = (callId: string, recordingId: string | undefined) =>
  byPath<ResultOf<typeof qaCallChecks>>("/api/qa/calls/[callId]/checks", `/api/qa/calls/${at(callId)}/checks${recordingId ? `?recordingId=${at(recordingId)}` : ""}`, {
    callId,
    recordingId: recordingId ?? "",
  });
export const calibrationQuery = (id: string) => byPath<ResultOf<typeof qaCalibration>>("/api/qa/calibrations/[calibrationId]", `/api/qa/calibrations/${at(id)}`, { id });
