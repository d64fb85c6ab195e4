import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { queryRows, sqlNumber as num } from "@/lib/store/query-rows";
import { storeInsert } from "@/lib/store/store-call";
import type { Pick } from "./select-sample";

/**
 * qa_assignments (migration 0020): the calls sampling runs gave each evaluator.
 * The epoch-ms columns are aliased `_ms`: an alias named like its column would
 * replace the column in WHERE (ClickHouse resolves aliases there), and the period
 * filter would compare numbers with times and match nothing.
 */

export type Assignment = {
  evaluatorId: string;
  callId: string;
  runId: string;
  agentId: string;
  queueId: string;
  teamId: string;
  callAt: number;
  assignedAt: number;
  assignedBy: string;
};

const rowSchema = z.object({
  evaluator_id: z.string(),
  call_id: z.string(),
  run_id: z.string(),
  agent_id: z.string(),
  queue_id: z.string(),
  team_id: z.string(),
  call_at_ms: num,
  assigned_at_ms: num,
  assigned_by: z.string(),
});

const LIST_SQL = `
SELECT evaluator_id, call_id, run_id, agent_id, queue_id, team_id, toUnixTimestamp64Milli(call_at) AS call_at_ms,
  toUnixTimestamp64Milli(assigned_at) AS assigned_at_ms, assigned_by
FROM qa_assignments FINAL
WHERE tenant_id = {tenant:String}
  AND ({evaluator:String} = '' OR evaluator_id = {evaluator:String})
  AND ({fromMs:Int64} = 0 OR call_at >= fromUnixTimestamp64Milli({fromMs:Int64}))
  AND ({toMs:Int64} = 0 OR call_at < fromUnixTimestamp64Milli({toMs:Int64}))
ORDER BY call_at DESC, call_id
LIMIT 10000`;

export async function listAssignments(ch: ClickHouseClient, p: { tenantId: string; evaluatorId?: string; from?: number; to?: number }): Promise<Assignment[]> {
  const rows = await queryRows(ch, LIST_SQL, { tenant: p.tenantId, evaluator: p.evaluatorId ?? "", fromMs: p.from ?? 0, toMs: p.to ?? 0 }, rowSchema);
  return rows.map((r) => ({
    evaluatorId: r.evaluator_id,
    callId: r.call_id,
    runId: r.run_id,
    agentId: r.agent_id,
    queueId: r.queue_id,
    teamId: r.team_id,
    callAt: r.call_at_ms,
    assignedAt: r.assigned_at_ms,
    assignedBy: r.assigned_by,
  }));
}

export async function writeAssignments(
  ch: ClickHouseClient,
  p: { tenantId: string; runId: string; picks: readonly Pick[]; rule: unknown; from: number; to: number; by: string; at: number },
): Promise<void> {
  if (p.picks.length === 0) return;
  await storeInsert(
    ch,
    "qa_assignments",
    p.picks.map((x) => ({
      tenant_id: p.tenantId,
      evaluator_id: x.evaluatorId,
      call_id: x.callId,
      run_id: p.runId,
      agent_id: x.agentId,
      queue_id: x.queueId,
      team_id: x.teamId,
      call_at: x.at,
      period_from: p.from,
      period_to: p.to,
      rule: JSON.stringify(p.rule),
      assigned_by: p.by,
      assigned_at: p.at,
    })),
  );
}
