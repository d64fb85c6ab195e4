import { contactInScope, type ScopeAccess } from "@/lib/auth/scope-access";
import type { Role } from "@/lib/auth/roles";
import type { EvaluationState } from "./evaluation-schema";

/**
 * Who may see an evaluation. Pure, so the one rule serves the single read, every
 * list and the dashboard's drill-down:
 *
 * - the call must be in the viewer's scope (its queue, and its agent's team), the
 *   same rule as recordings; outside it the evaluation does not exist for them;
 * - a draft is its evaluator's alone;
 * - in a calibration, evaluators score blind: another evaluator's answers stay
 *   hidden until the viewer has submitted their own in that calibration. Admins,
 *   who run calibrations, see them all.
 */
export type Viewer = { id: string; role: Role; access: ScopeAccess; submittedCalibrations: ReadonlySet<string> };

export function evaluationVisible(viewer: Viewer, e: Pick<EvaluationState, "queueId" | "teamId" | "status" | "evaluator" | "calibrationId">): boolean {
  if (!contactInScope(viewer.access, { queueId: e.queueId, agent: { teamId: e.teamId || null } })) return false;
  const own = e.evaluator.id === viewer.id;
  if (e.status === "draft" && !own) return false;
  if (e.calibrationId && !own && viewer.role !== "admin" && !viewer.submittedCalibrations.has(e.calibrationId)) return false;
  return true;
}
