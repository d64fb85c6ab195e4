import { isDeepStrictEqual } from "node:util";
import type { RecordKind, Versioned } from "@/lib/records/record-kind";
import { evaluationStateSchema, type EvaluationState } from "./evaluation-schema";
import { readEvaluation, writeEvaluationRow } from "./evaluation-store";

/**
 * An evaluation as an edited record (lib/records): every save is a version,
 * claimed atomically, and audited with what the edit meant: created, submitted,
 * disputed, resolved, or a draft updated. The audit row names the call, the agent,
 * the scorecard version and the score, so the log reads on its own.
 */

export const EVALUATION_AUDIT = {
  create: "qa.evaluation.create",
  update: "qa.evaluation.update",
  submit: "qa.evaluation.submit",
  dispute: "qa.evaluation.dispute",
  resolve: "qa.evaluation.resolve",
} as const;

/** What an edit from `before` to `after` was. */
export function evaluationAction(before: Versioned<EvaluationState>, after: Versioned<EvaluationState>): string {
  if (before.version === 0) return EVALUATION_AUDIT.create;
  if (before.state.status === "draft" && after.state.status === "submitted") return EVALUATION_AUDIT.submit;
  if (!before.state.dispute && after.state.dispute) return EVALUATION_AUDIT.dispute;
  if (before.state.dispute && !before.state.dispute.resolution && after.state.dispute?.resolution) return EVALUATION_AUDIT.resolve;
  return EVALUATION_AUDIT.update;
}

/** The state of an evaluation not created yet (version 0); never stored. */
export const UNCREATED: EvaluationState = {
  callId: "",
  legId: "",
  recordingId: "",
  callAt: 0,
  queueId: "",
  agentId: "",
  teamId: "",
  evaluator: { id: "", name: "" },
  scorecardId: "",
  scorecardVersion: 0,
  calibrationId: "",
  status: "draft",
  answers: {},
  comments: [],
  summary: "",
  score: null,
  rawScore: null,
  failed: false,
  questions: [],
  createdAt: 0,
  submittedAt: null,
  dispute: null,
};

export const EVALUATION_RECORD: RecordKind<EvaluationState> = {
  kind: "qa_evaluation",
  describe: (id) => `evaluation "${id}"`,
  stateSchema: evaluationStateSchema,
  sameState: (a, b) => isDeepStrictEqual(a, b),
  async readProjection(ch, key) {
    const e = await readEvaluation(ch, key.tenantId, key.recordId);
    return e ? { version: e.version, at: e.at, state: e.state } : { version: 0, at: 0, state: UNCREATED };
  },
  writeProjection: (ch, key, v) => writeEvaluationRow(ch, key.tenantId, key.recordId, v),
  audit: {
    action: evaluationAction,
    target: (id) => `evaluation:${id}`,
    details: (before, after) => {
      const s = after.state;
      const base = {
        version: after.version,
        callId: s.callId,
        agentId: s.agentId,
        queueId: s.queueId,
        scorecard: `${s.scorecardId}@v${s.scorecardVersion}`,
        status: s.status,
      };
      const scores =
        before.state.score !== s.score || before.state.failed !== s.failed ? { scoreBefore: before.state.score, score: s.score, failed: s.failed } : { score: s.score };
      const dispute = s.dispute ? { dispute: s.dispute } : {};
      return { ...base, ...scores, ...(s.calibrationId ? { calibrationId: s.calibrationId } : {}), ...dispute };
    },
  },
};
