import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { queryRows } from "@/lib/store/query-rows";

/** Each agent's team by its latest `agents` row (the team filter's rule too); agents without a row are left out. */
const AGENT_TEAMS_SQL = `
SELECT agent_id AS agentId, team_id AS teamId
FROM agents FINAL
WHERE tenant_id = {tenantId:String} AND has({agentIds:Array(String)}, agent_id)`;

const rowSchema = z.object({ agentId: z.string(), teamId: z.string() });

export async function agentTeams(ch: ClickHouseClient, tenantId: string, agentIds: readonly string[]): Promise<Map<string, string>> {
  if (agentIds.length === 0) return new Map();
  const rows = await queryRows(ch, AGENT_TEAMS_SQL, { tenantId, agentIds: [...agentIds] }, rowSchema);
  return new Map(rows.map((r) => [r.agentId, r.teamId]));
}
