import type { ClickHouseClient } from "@clickhouse/client";
import { queryRows } from "@/lib/store/query-rows";
import { AGENT_NAMES_SQL, agentNameRowSchema } from "@/lib/kpi/queries/agents";

/** One agent as /api/agents returns it; `name` is the id when the directory gave none, `teamId` '' when it gave no team. */
export type AgentInfo = { id: string; name: string; teamId: string };

/** The tenant's agents by id, with the agents page's own read of the directory. Server only: it needs the store. */
export async function listAgents(ch: ClickHouseClient, tenantId: string): Promise<AgentInfo[]> {
  const rows = await queryRows(ch, AGENT_NAMES_SQL, { tenantId }, agentNameRowSchema);
  return rows.map((r) => ({ id: r.agentId, name: r.name || r.agentId, teamId: r.teamId })).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
