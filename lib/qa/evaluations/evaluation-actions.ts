import { randomUUID } from "node:crypto";
import type { ClickHouseClient } from "@clickhouse/client";
import type { Actor } from "@/lib/audit/write-audit";
import type { Role } from "@/lib/auth/roles";
import type { ScopeAccess } from "@/lib/auth/scope-access";
import { Conflict, Forbidden, InvalidInput, NotFound, OutOfScope } from "@/lib/errors/domain-errors";
import { currentRecord } from "@/lib/records/current-record";
import { editRecord } from "@/lib/records/edit-record";
import { readCalibration } from "../calibration/calibration-store";
import { questionsOf, type Scorecard } from "../scorecards/scorecard-schema";
import { readLatestScorecards, readScorecardVersion } from "../scorecards/scorecard-store";
import { answersProblems, scoreEvaluation, type Answers } from "../scorecards/scoring";
import { evaluationVisible, type Viewer } from "./evaluation-access";
import { EVALUATION_RECORD } from "./evaluation-record";
import type { CreateEvaluation, EvaluationState, EvaluationWork, Evaluation } from "./evaluation-schema";
import { listEvaluations } from "./evaluation-store";
import { scopedLeg } from "./scoped-leg";

/**
 * What evaluators, supervisors and QA do to an evaluation: create it on a call,
 * save a draft, submit it, dispute it (a supervisor, on the agent's behalf) and
 * resolve the dispute. Each is one edit of the evaluation record (audited, with
 * a 409 when someone saved meanwhile); the rules about who may do what, and the
 * scoring, are checked here before anything is written.
 */

export type Caller = { tenantId: string; actor: Actor; role: Role; access: ScopeAccess };

/** The caller as a viewer: which calibrations they have submitted in (for blind scoring). */
export async function viewerOf(ch: ClickHouseClient, c: Caller): Promise<Viewer> {
  const mine = await listEvaluations(ch, { tenantId: c.tenantId, evaluatorId: c.actor.id, status: "submitted", limit: 10_000 });
  return { id: c.actor.id, role: c.role, access: c.access, submittedCalibrations: new Set(mine.map((e) => e.calibrationId).filter((id) => id !== "")) };
}

/** Checks work against a scorecard version and scores it. */
function scoreWork(card: Scorecard, work: Pick<EvaluationWork, "answers" | "comments">, submitting: boolean) {
  const problems = answersProblems(card, work.answers);
  const questionIds = new Set(questionsOf(card).map((q) => q.id));
  work.comments.forEach((c, i) => {
    if (c.questionId && !questionIds.has(c.questionId)) problems.push(`comments.${i}.questionId: no such question in this scorecard version`);
    if (c.anchor.kind === "span" && c.anchor.endMs < c.anchor.startMs) problems.push(`comments.${i}.anchor.endMs: must not be before startMs`);
  });
  if (problems.length > 0) throw new InvalidInput(problems.join("; "));
  const result = scoreEvaluation(card, work.answers);
  if (submitting && result.missing.length > 0) throw new InvalidInput(`answers: submitting needs an answer to every question; unanswered: ${result.missing.join(", ")}`);
  const texts = new Map(questionsOf(card).map((q) => [q.id, q.text]));
  return {
    score: result.score,
    rawScore: result.rawScore,
    failed: result.failed,
    questions: result.questions.map((q) => ({ id: q.questionId, text: texts.get(q.questionId) ?? q.questionId, points: q.points })),
  };
}

async function scorecardVersion(ch: ClickHouseClient, tenantId: string, id: string, version: number): Promise<Scorecard> {
  const stored = await readScorecardVersion(ch, tenantId, id, version);
  if (!stored) throw new NotFound(`scorecard "${id}" version ${version}`);
  return stored.card;
}

export async function createEvaluation(ch: ClickHouseClient, c: Caller, input: CreateEvaluation): Promise<Evaluation> {
  const { leg, teamId } = await scopedLeg(ch, { tenantId: c.tenantId, access: c.access, callId: input.callId, recordingId: input.recordingId });

  let scorecardId = input.scorecardId ?? "";
  let version: number;
  let card: Scorecard;
  if (input.calibrationId) {
    const cal = await readCalibration(ch, c.tenantId, input.calibrationId);
    if (!cal || cal.callId !== input.callId) throw new NotFound(`calibration "${input.calibrationId}" of call "${input.callId}"`);
    const mine = await listEvaluations(ch, { tenantId: c.tenantId, calibrationId: cal.id, evaluatorId: c.actor.id });
    if (mine.length > 0) throw new Conflict(`you already have an evaluation in calibration "${cal.id}" (${mine[0]?.id})`);
    scorecardId = cal.scorecardId;
    version = cal.scorecardVersion;
    card = await scorecardVersion(ch, c.tenantId, scorecardId, version);
  } else {
    if (!scorecardId) throw new InvalidInput("scorecardId: required (only a calibration fixes the scorecard itself)");
    const [latest] = await readLatestScorecards(ch, c.tenantId, scorecardId);
    if (!latest) throw new NotFound(`scorecard "${scorecardId}"`);
    if (latest.card.archived) throw new InvalidInput(`scorecardId: scorecard "${scorecardId}" is archived`);
    version = latest.version;
    card = latest.card;
  }
  const now = Date.now();
  const state: EvaluationState = {
    callId: leg.callId,
    legId: leg.legId,
    recordingId: leg.recordingId,
    callAt: leg.callAt,
    queueId: leg.queueId,
    agentId: leg.agentId,
    teamId,
    evaluator: { id: c.actor.id, name: c.actor.name },
    scorecardId,
    scorecardVersion: version,
    calibrationId: input.calibrationId ?? "",
    status: "draft",
    answers: input.answers,
    comments: input.comments,
    summary: input.summary,
    ...scoreWork(card, input, false),
    createdAt: now,
    submittedAt: null,
    dispute: null,
  };
  const id = randomUUID();
  const r = await editRecord(ch, EVALUATION_RECORD, { tenantId: c.tenantId, recordId: id, expectedVersion: 0, actor: c.actor, change: () => state });
  return { ...r.after.state, id, version: r.after.version };
}

/** The evaluation as the caller may see it, or OutOfScope (404) exactly as if it did not exist. */
export async function getEvaluation(ch: ClickHouseClient, c: Caller, id: string): Promise<Evaluation> {
  const current = await currentRecord(ch, EVALUATION_RECORD, { tenantId: c.tenantId, recordId: id });
  if (current.version === 0 || !evaluationVisible(await viewerOf(ch, c), current.state)) throw new OutOfScope();
  return { ...current.state, id, version: current.version };
}

/** Saves the evaluator's work on a draft; `submit` makes it final (every question answered). */
export function updateEvaluation(ch: ClickHouseClient, c: Caller, id: string, work: EvaluationWork & { expectedVersion: number; submit: boolean }): Promise<Evaluation> {
  return editWith(ch, c, id, work.expectedVersion, async (e) => {
    if (e.evaluator.id !== c.actor.id) throw new Forbidden("edit another evaluator's evaluation");
    if (e.status === "submitted") throw new InvalidInput("this evaluation is submitted and final; a supervisor may dispute it");
    const card = await scorecardVersion(ch, c.tenantId, e.scorecardId, e.scorecardVersion);
    const scored = scoreWork(card, work, work.submit);
    const { id: _id, version: _v, ...state } = e;
    return {
      ...state,
      answers: work.answers,
      comments: work.comments,
      summary: work.summary,
      ...scored,
      ...(work.submit ? { status: "submitted", submittedAt: Date.now() } : {}),
    };
  });
}

/** A supervisor (or an admin) disputes a submitted evaluation on the agent's behalf; agents have no sign-in. */
export function disputeEvaluation(ch: ClickHouseClient, c: Caller, id: string, req: { expectedVersion: number; reason: string }): Promise<Evaluation> {
  return editWith(ch, c, id, req.expectedVersion, async (e) => {
    if (c.role !== "supervisor" && c.role !== "admin") throw new Forbidden("dispute an evaluation (supervisors do, for their agents)");
    if (e.status !== "submitted") throw new InvalidInput("only a submitted evaluation can be disputed");
    if (e.calibrationId) throw new InvalidInput("a calibration evaluation is practice and cannot be disputed");
    if (e.dispute) throw new InvalidInput(`this evaluation was disputed already (by ${e.dispute.by.name})`);
    const { id: _id, version: _v, ...state } = e;
    return { ...state, dispute: { by: { id: c.actor.id, name: c.actor.name }, at: Date.now(), reason: req.reason, resolution: null } };
  });
}

/** QA (or an admin) resolves an open dispute: upheld keeps the score; overturned scores corrected answers with the same scorecard version. */
export function resolveDispute(
  ch: ClickHouseClient,
  c: Caller,
  id: string,
  req: { expectedVersion: number; outcome: "upheld" | "overturned"; note: string; answers?: Answers | undefined },
): Promise<Evaluation> {
  return editWith(ch, c, id, req.expectedVersion, async (e) => {
    if (c.role !== "qa" && c.role !== "admin") throw new Forbidden("resolve a dispute (QA does)");
    if (!e.dispute) throw new InvalidInput("this evaluation is not disputed");
    if (e.dispute.resolution) throw new InvalidInput(`this dispute was resolved already (${e.dispute.resolution.outcome} by ${e.dispute.resolution.by.name})`);
    if (req.outcome === "upheld" && req.answers) throw new InvalidInput("answers: an upheld evaluation keeps its answers; send answers only when overturning");
    const { id: _id, version: _v, ...state } = e;
    const answers = req.outcome === "overturned" && req.answers ? req.answers : e.answers;
    const scored =
      answers === e.answers ? {} : scoreWork(await scorecardVersion(ch, c.tenantId, e.scorecardId, e.scorecardVersion), { answers, comments: e.comments }, true);
    const next = { ...state, answers, ...scored };
    const resolution = { by: { id: c.actor.id, name: c.actor.name }, at: Date.now(), outcome: req.outcome, note: req.note, scoreBefore: e.score, scoreAfter: next.score };
    return { ...next, dispute: { ...e.dispute, resolution } };
  });
}

/**
 * One edit of a visible evaluation: the checks and the new state come from the
 * version read here; `expectedVersion` makes a save by someone else meanwhile a 409.
 */
async function editWith(ch: ClickHouseClient, c: Caller, id: string, expectedVersion: number, change: (e: Evaluation) => Promise<EvaluationState>): Promise<Evaluation> {
  const next = await change(await getEvaluation(ch, c, id));
  const r = await editRecord(ch, EVALUATION_RECORD, { tenantId: c.tenantId, recordId: id, expectedVersion, actor: c.actor, change: () => next });
  return { ...r.after.state, id, version: r.after.version };
}
