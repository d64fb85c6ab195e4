import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { queryRows } from "@/lib/store/query-rows";

/** One agent as /api/agents returns it; `name` is the id when the directory gave none, `teamId` '' when it gave no team. */
export type AgentInfo = { id: string; name: string; teamId: string };

/** The tenant's agents, latest row of each (FINAL: `agents` is a ReplacingMergeTree). Server only: it needs the store. */
const AGENTS_SQL = `
SELECT agent_id, name, team_id
FROM agents FINAL
WHERE tenant_id = {tenantId:String}
ORDER BY agent_id`;

const rowSchema = z.object({ agent_id: z.string(), name: z.string(), team_id: z.string() });

export async function listAgents(ch: ClickHouseClient, tenantId: string): Promise<AgentInfo[]> {
  const rows = await queryRows(ch, AGENTS_SQL, { tenantId }, rowSchema);
  return rows.map((r) => ({ id: r.agent_id, name: r.name || r.agent_id, teamId: r.team_id }));
}
