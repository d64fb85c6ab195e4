import { z } from "zod";
import { answerSchema } from "../scorecards/scoring";

/**
 * An evaluation of one agent's leg of a call against one version of a scorecard:
 * answers, comments anchored to a moment of the recording or to a span of its
 * transcript, the score, and a dispute with its resolution. The whole state is
 * one edited record (evaluation-record.ts), so every change is a version with an
 * audit row.
 */

const ms = z.number().int("must be whole milliseconds").min(0, "must be 0 or more").max(86_400_000, "must be within a day");

export const anchorSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("none") }),
  z.object({ kind: z.literal("moment"), ms }),
  z.object({ kind: z.literal("span"), startMs: ms, endMs: ms, quote: z.string().max(500, "is longer than 500 characters").default("") }),
]);
export type Anchor = z.infer<typeof anchorSchema>;

export const commentSchema = z.object({
  id: z.string().min(1).max(64),
  text: z.string().trim().min(1, "is empty").max(2000, "is longer than 2000 characters"),
  anchor: anchorSchema.default({ kind: "none" }),
  questionId: z.string().max(60).optional(),
});
export type EvaluationComment = z.infer<typeof commentSchema>;

const person = z.object({ id: z.string(), name: z.string() });

export const resolutionSchema = z.object({
  by: person,
  at: z.number(),
  outcome: z.enum(["upheld", "overturned"]),
  note: z.string(),
  scoreBefore: z.number().nullable(),
  scoreAfter: z.number().nullable(),
});

export const disputeSchema = z.object({ by: person, at: z.number(), reason: z.string(), resolution: resolutionSchema.nullable() });
export type Dispute = z.infer<typeof disputeSchema>;

export const questionPointsSchema = z.object({ id: z.string(), text: z.string(), points: z.number().nullable() });

export const evaluationStateSchema = z.object({
  callId: z.string(),
  legId: z.string(),
  recordingId: z.string(),
  callAt: z.number(),
  queueId: z.string(),
  agentId: z.string(),
  teamId: z.string(),
  evaluator: person,
  scorecardId: z.string(),
  scorecardVersion: z.number(),
  calibrationId: z.string(),
  status: z.enum(["draft", "submitted"]),
  answers: z.record(z.string(), answerSchema),
  comments: z.array(commentSchema),
  summary: z.string(),
  score: z.number().nullable(),
  rawScore: z.number().nullable(),
  failed: z.boolean(),
  questions: z.array(questionPointsSchema),
  createdAt: z.number(),
  submittedAt: z.number().nullable(),
  dispute: disputeSchema.nullable(),
});
export type EvaluationState = z.infer<typeof evaluationStateSchema>;
export type Evaluation = EvaluationState & { id: string; version: number };

/** What an evaluator sends while filling the form (create, save a draft, submit). */
export const evaluationWorkSchema = z.object({
  answers: z.record(z.string(), answerSchema).default({}),
  comments: z.array(commentSchema).max(200, "at most 200 comments").default([]),
  summary: z.string().trim().max(4000, "is longer than 4000 characters").default(""),
});
export type EvaluationWork = z.infer<typeof evaluationWorkSchema>;

export const createEvaluationSchema = evaluationWorkSchema.extend({
  callId: z.string().min(1, "is empty").max(128),
  /** The recording being listened to; it names the agent leg evaluated (absent: the call's first answered leg). */
  recordingId: z.string().max(128).optional(),
  /** Required outside a calibration (a calibration fixes its scorecard version). */
  scorecardId: z.string().max(60).optional(),
  calibrationId: z.string().max(64).optional(),
});
export type CreateEvaluation = z.infer<typeof createEvaluationSchema>;

export const updateEvaluationSchema = evaluationWorkSchema.extend({ expectedVersion: z.number().int().min(1), submit: z.boolean().default(false) });
export const disputeRequestSchema = z.object({ expectedVersion: z.number().int().min(1), reason: z.string().trim().min(1, "is empty").max(2000) });
export const resolveRequestSchema = z.object({
  expectedVersion: z.number().int().min(1),
  outcome: z.enum(["upheld", "overturned"]),
  note: z.string().trim().min(1, "is empty").max(2000),
  /** Overturned: the answers as corrected (scored again with the same scorecard version). */
  answers: z.record(z.string(), answerSchema).optional(),
});
