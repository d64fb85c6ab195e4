import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { queryRows, sqlNumber as num } from "@/lib/store/query-rows";
import { storeInsert } from "@/lib/store/store-call";
import type { Versioned } from "@/lib/records/record-kind";
import { evaluationStateSchema, type Evaluation, type EvaluationState } from "./evaluation-schema";

/**
 * qa_evaluations (migration 0020): the projection of the evaluation records, one
 * row per evaluation, the latest version winning. The flat columns are what the
 * lists and the dashboard filter and group by; `state` is the whole record.
 */

const rowSchema = z.object({ evaluation_id: z.string(), version: num, at: num, state: z.string() });
const COLUMNS = "evaluation_id, version, toUnixTimestamp64Milli(updated_at) AS at, state";

const toEvaluation = (r: z.infer<typeof rowSchema>): Evaluation & { at: number } => ({
  ...evaluationStateSchema.parse(JSON.parse(r.state)),
  id: r.evaluation_id,
  version: r.version,
  at: r.at,
});

const ONE_SQL = `SELECT ${COLUMNS} FROM qa_evaluations FINAL WHERE tenant_id = {tenant:String} AND evaluation_id = {id:String}`;

export async function readEvaluation(ch: ClickHouseClient, tenantId: string, id: string): Promise<{ version: number; at: number; state: EvaluationState } | undefined> {
  const [row] = await queryRows(ch, ONE_SQL, { tenant: tenantId, id }, rowSchema);
  if (!row) return undefined;
  const { id: _id, version, at, ...state } = toEvaluation(row);
  return { version, at, state };
}

export async function writeEvaluationRow(ch: ClickHouseClient, tenantId: string, id: string, v: Versioned<EvaluationState>): Promise<void> {
  const s = v.state;
  await storeInsert(ch, "qa_evaluations", [
    {
      tenant_id: tenantId,
      evaluation_id: id,
      version: v.version,
      call_id: s.callId,
      recording_id: s.recordingId,
      call_at: s.callAt,
      queue_id: s.queueId,
      agent_id: s.agentId,
      team_id: s.teamId,
      evaluator_id: s.evaluator.id,
      evaluator_name: s.evaluator.name,
      scorecard_id: s.scorecardId,
      scorecard_version: s.scorecardVersion,
      calibration_id: s.calibrationId,
      status: s.status,
      score: s.score,
      failed: s.failed ? 1 : 0,
      disputed: s.dispute ? (s.dispute.resolution ? s.dispute.resolution.outcome : "open") : "",
      question_ids: s.questions.map((q) => q.id),
      question_texts: s.questions.map((q) => q.text),
      question_points: s.questions.map((q) => q.points),
      state: JSON.stringify(s),
      created_at: s.createdAt,
      updated_at: v.at,
    },
  ]);
}

/** Filters of an evaluation list; every list is also held to the caller's scope (null: not restricted). */
export type EvaluationFilter = {
  tenantId: string;
  from?: number;
  to?: number;
  callId?: string;
  calibrationId?: string;
  agentIds?: readonly string[];
  queueIds?: readonly string[] | null;
  teamIds?: readonly string[] | null;
  evaluatorId?: string;
  status?: "draft" | "submitted";
  limit?: number;
};

const LIST_SQL = `
SELECT ${COLUMNS} FROM qa_evaluations FINAL
WHERE tenant_id = {tenant:String}
  AND ({from:Int64} = 0 OR call_at >= fromUnixTimestamp64Milli({from:Int64}))
  AND ({to:Int64} = 0 OR call_at < fromUnixTimestamp64Milli({to:Int64}))
  AND ({call:String} = '' OR call_id = {call:String})
  AND ({calibration:String} = '' OR calibration_id = {calibration:String})
  AND (empty({agents:Array(String)}) OR agent_id IN {agents:Array(String)})
  AND ({allQueues:UInt8} OR queue_id IN {queues:Array(String)})
  AND ({allTeams:UInt8} OR team_id IN {teams:Array(String)})
  AND ({evaluator:String} = '' OR evaluator_id = {evaluator:String})
  AND ({status:String} = '' OR status = {status:String})
ORDER BY call_at DESC, evaluation_id
LIMIT {limit:UInt32}`;

/** Evaluations by the filters, latest call first. */
export async function listEvaluations(ch: ClickHouseClient, f: EvaluationFilter): Promise<(Evaluation & { at: number })[]> {
  const rows = await queryRows(
    ch,
    LIST_SQL,
    {
      tenant: f.tenantId,
      from: f.from ?? 0,
      to: f.to ?? 0,
      call: f.callId ?? "",
      calibration: f.calibrationId ?? "",
      agents: [...(f.agentIds ?? [])],
      allQueues: f.queueIds == null ? 1 : 0,
      queues: [...(f.queueIds ?? [])],
      allTeams: f.teamIds == null ? 1 : 0,
      teams: [...(f.teamIds ?? [])],
      evaluator: f.evaluatorId ?? "",
      status: f.status ?? "",
      limit: f.limit ?? 500,
    },
    rowSchema,
  );
  return rows.map(toEvaluation);
}
