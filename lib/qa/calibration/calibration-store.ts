import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { queryRows, sqlNumber as num } from "@/lib/store/query-rows";
import { storeInsert } from "@/lib/store/store-call";

/**
 * qa_calibrations (migration 0020): a call and the scorecard version every
 * evaluator in the calibration scores it with. The evaluations themselves are
 * ordinary evaluations carrying the calibration's id.
 */
export type Calibration = {
  id: string;
  callId: string;
  queueId: string;
  agentId: string;
  teamId: string;
  scorecardId: string;
  scorecardVersion: number;
  title: string;
  createdBy: string;
  createdAt: number;
};

const rowSchema = z.object({
  calibration_id: z.string(),
  call_id: z.string(),
  queue_id: z.string(),
  agent_id: z.string(),
  team_id: z.string(),
  scorecard_id: z.string(),
  scorecard_version: num,
  title: z.string(),
  created_by: z.string(),
  created_at: num,
});

const toCalibration = (r: z.infer<typeof rowSchema>): Calibration => ({
  id: r.calibration_id,
  callId: r.call_id,
  queueId: r.queue_id,
  agentId: r.agent_id,
  teamId: r.team_id,
  scorecardId: r.scorecard_id,
  scorecardVersion: r.scorecard_version,
  title: r.title,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

const LIST_SQL = `
SELECT calibration_id, call_id, queue_id, agent_id, team_id, scorecard_id, scorecard_version, title, created_by,
  toUnixTimestamp64Milli(created_at) AS created_at
FROM qa_calibrations FINAL
WHERE tenant_id = {tenant:String} AND ({id:String} = '' OR calibration_id = {id:String})
ORDER BY created_at DESC
LIMIT 500`;

export async function readCalibration(ch: ClickHouseClient, tenantId: string, id: string): Promise<Calibration | undefined> {
  const [row] = await queryRows(ch, LIST_SQL, { tenant: tenantId, id }, rowSchema);
  return row ? toCalibration(row) : undefined;
}

export async function listCalibrations(ch: ClickHouseClient, tenantId: string): Promise<Calibration[]> {
  return (await queryRows(ch, LIST_SQL, { tenant: tenantId, id: "" }, rowSchema)).map(toCalibration);
}

export async function writeCalibration(ch: ClickHouseClient, tenantId: string, c: Calibration): Promise<void> {
  await storeInsert(ch, "qa_calibrations", [
    {
      tenant_id: tenantId,
      calibration_id: c.id,
      call_id: c.callId,
      queue_id: c.queueId,
      agent_id: c.agentId,
      team_id: c.teamId,
      scorecard_id: c.scorecardId,
      scorecard_version: c.scorecardVersion,
      title: c.title,
      created_by: c.createdBy,
      created_at: c.createdAt,
    },
  ]);
}
