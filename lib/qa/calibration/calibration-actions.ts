import { randomUUID } from "node:crypto";
import type { ClickHouseClient } from "@clickhouse/client";
import { writeAudit } from "@/lib/audit/write-audit";
import { contactInScope } from "@/lib/auth/scope-access";
import { NotFound, OutOfScope } from "@/lib/errors/domain-errors";
import type { Caller } from "../evaluations/evaluation-actions";
import { viewerOf } from "../evaluations/evaluation-actions";
import type { Evaluation } from "../evaluations/evaluation-schema";
import { listEvaluations } from "../evaluations/evaluation-store";
import { scopedLeg } from "../evaluations/scoped-leg";
import { readLatestScorecards } from "../scorecards/scorecard-store";
import { listCalibrations, readCalibration, writeCalibration, type Calibration } from "./calibration-store";
import { calibrationSpread, type QuestionSpread, type Stats } from "./spread";

export const CALIBRATION_AUDIT_ACTION = "qa.calibration.create";

const inScope = (c: Caller, cal: Calibration) => contactInScope(c.access, { queueId: cal.queueId, agent: { teamId: cal.teamId || null } });

/** Starts a calibration: one call, the scorecard's current version, fixed for every evaluator in it. Audited. */
export async function createCalibration(
  ch: ClickHouseClient,
  c: Caller,
  req: { callId: string; scorecardId: string; title: string; recordingId?: string | undefined },
): Promise<Calibration> {
  const { leg, teamId } = await scopedLeg(ch, { tenantId: c.tenantId, access: c.access, callId: req.callId, recordingId: req.recordingId });
  const [card] = await readLatestScorecards(ch, c.tenantId, req.scorecardId);
  if (!card) throw new NotFound(`scorecard "${req.scorecardId}"`);
  const cal: Calibration = {
    id: randomUUID(),
    callId: leg.callId,
    queueId: leg.queueId,
    agentId: leg.agentId,
    teamId,
    scorecardId: card.id,
    scorecardVersion: card.version,
    title: req.title || `${card.card.name} on call ${leg.callId}`,
    createdBy: c.actor.name,
    createdAt: Date.now(),
  };
  await writeCalibration(ch, c.tenantId, cal);
  await writeAudit(ch, {
    tenantId: c.tenantId,
    id: randomUUID(),
    at: cal.createdAt,
    actor: c.actor,
    action: CALIBRATION_AUDIT_ACTION,
    target: `calibration:${cal.id}`,
    details: { callId: cal.callId, scorecard: `${cal.scorecardId}@v${cal.scorecardVersion}`, title: cal.title },
  });
  return cal;
}

export async function calibrationsInScope(ch: ClickHouseClient, c: Caller): Promise<Calibration[]> {
  return (await listCalibrations(ch, c.tenantId)).filter((cal) => inScope(c, cal));
}

export type CalibrationView = {
  calibration: Calibration;
  /** The caller's own evaluation in it, if any. */
  mine: Pick<Evaluation, "id" | "status" | "score"> | null;
  submitted: number;
  /** Null while the caller may not see the others' answers yet (blind until their own is submitted). */
  spread: { score: Stats; questions: QuestionSpread[]; evaluators: { name: string; score: number | null; failed: boolean }[] } | null;
};

export async function calibrationView(ch: ClickHouseClient, c: Caller, id: string): Promise<CalibrationView> {
  const cal = await readCalibration(ch, c.tenantId, id);
  if (!cal || !inScope(c, cal)) throw new OutOfScope();
  const all = await listEvaluations(ch, { tenantId: c.tenantId, calibrationId: id });
  const own = all.find((e) => e.evaluator.id === c.actor.id) ?? null;
  const submitted = all.filter((e) => e.status === "submitted");
  const viewer = await viewerOf(ch, c);
  const open = c.role === "admin" || viewer.submittedCalibrations.has(id);
  const entries = submitted.map((e) => ({ evaluator: e.evaluator.name, score: e.score, answers: e.answers, questions: e.questions }));
  return {
    calibration: cal,
    mine: own ? { id: own.id, status: own.status, score: own.score } : null,
    submitted: submitted.length,
    spread: open ? { ...calibrationSpread(entries), evaluators: submitted.map((e) => ({ name: e.evaluator.name, score: e.score, failed: e.failed })) } : null,
  };
}
