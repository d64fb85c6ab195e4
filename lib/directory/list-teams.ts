import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { queryRows, sqlNumber } from "@/lib/store/query-rows";

/** One team as /api/teams returns it; `name` is the id when the directory gave no name (sql/migrations/0031_teams.sql). */
export type TeamInfo = { id: string; name: string; agentCount: number };

/** Teams that have agents, from the latest `agents` rows, with names from `teams`. Server only: it needs the store. */
const TEAMS_SQL = `
SELECT a.team_id AS team_id, any(t.name) AS name, count() AS agents
FROM (SELECT team_id FROM agents FINAL WHERE tenant_id = {tenantId:String} AND team_id != '') AS a
LEFT JOIN (SELECT team_id, name FROM teams FINAL WHERE tenant_id = {tenantId:String}) AS t ON t.team_id = a.team_id
GROUP BY a.team_id
ORDER BY a.team_id`;

const rowSchema = z.object({ team_id: z.string(), name: z.string(), agents: sqlNumber });

export async function listTeams(ch: ClickHouseClient, tenantId: string): Promise<TeamInfo[]> {
  const rows = await queryRows(ch, TEAMS_SQL, { tenantId }, rowSchema);
  return rows.map((r) => ({ id: r.team_id, name: r.name || r.team_id, agentCount: r.agents }));
}
