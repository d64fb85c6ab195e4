import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { queryRows, sqlNumber } from "@/lib/store/query-rows";

/** One team as /api/teams returns it. There is no team name in the store yet, so the id is its name. */
export type TeamInfo = { id: string; agentCount: number };

/** Teams that have agents, from the latest `agents` rows. Server only: it needs the store. */
const TEAMS_SQL = `
SELECT team_id, count() AS agents
FROM agents FINAL
WHERE tenant_id = {tenantId:String} AND team_id != ''
GROUP BY team_id
ORDER BY team_id`;

const rowSchema = z.object({ team_id: z.string(), agents: sqlNumber });

export async function listTeams(ch: ClickHouseClient, tenantId: string): Promise<TeamInfo[]> {
  const rows = await queryRows(ch, TEAMS_SQL, { tenantId }, rowSchema);
  return rows.map((r) => ({ id: r.team_id, agentCount: r.agents }));
}
