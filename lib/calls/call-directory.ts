import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { queryRows } from "@/lib/store/query-rows";
import type { CallDirectory } from "./call-facts";

/**
 * The names and teams of a call's agents and the names of its queues (latest rows),
 * and the after-call work of its legs from contact_segments: the event that ends it
 * names the call only inside data.previous, so readCallEvents does not find it.
 */
const AGENTS_SQL = `
SELECT agent_id AS id, name, team_id AS teamId FROM agents FINAL
WHERE tenant_id = {tenantId:String} AND has({ids:Array(String)}, agent_id)`;

const QUEUES_SQL = `
SELECT queue_id AS id, name FROM queues FINAL
WHERE tenant_id = {tenantId:String} AND has({ids:Array(String)}, queue_id)`;

// contact_segments is sorted by queue entry; the legs' entry times bound the read.
const ACW_SQL = `
SELECT leg_id AS legId, max(acw_ms) AS acwMs FROM contact_segments
WHERE tenant_id = {tenantId:String} AND call_id = {callId:String}
  AND queued_at >= fromUnixTimestamp64Milli({from:Int64}) AND queued_at <= fromUnixTimestamp64Milli({to:Int64})
GROUP BY leg_id`;

const agentRow = z.object({ id: z.string(), name: z.string(), teamId: z.string() });
const queueRow = z.object({ id: z.string(), name: z.string() });
const acwRow = z.object({ legId: z.string(), acwMs: z.coerce.number() });

export async function readCallDirectory(ch: ClickHouseClient, tenantId: string, agentIds: readonly string[], queueIds: readonly string[]): Promise<CallDirectory> {
  const [agents, queues] = await Promise.all([
    agentIds.length ? queryRows(ch, AGENTS_SQL, { tenantId, ids: [...agentIds] }, agentRow) : [],
    queueIds.length ? queryRows(ch, QUEUES_SQL, { tenantId, ids: [...queueIds] }, queueRow) : [],
  ]);
  return { agents: new Map(agents.map((a) => [a.id, { name: a.name, teamId: a.teamId }])), queues: new Map(queues.map((q) => [q.id, q.name])) };
}

export async function readCallAcw(ch: ClickHouseClient, tenantId: string, callId: string, queuedFrom: number, queuedTo: number): Promise<Map<string, number>> {
  const rows = await queryRows(ch, ACW_SQL, { tenantId, callId, from: queuedFrom, to: queuedTo }, acwRow);
  return new Map(rows.map((r) => [r.legId, r.acwMs]));
}
