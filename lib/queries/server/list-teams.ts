import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import type { TeamInfo } from "../team-list";

/** Teams that have agents, from the latest `agents` rows. Server only: it needs the store. */
const TEAMS_SQL = `
SELECT team_id, count() AS agents
FROM agents FINAL
WHERE tenant_id = {tenantId:String} AND team_id != ''
GROUP BY team_id
ORDER BY team_id`;

const num = z.union([z.number(), z.string()]).transform(Number).pipe(z.number().finite());
const rowSchema = z.object({ team_id: z.string(), agents: num });

export async function listTeams(ch: ClickHouseClient, tenantId: string): Promise<TeamInfo[]> {
  const rs = await ch.query({ query: TEAMS_SQL, query_params: { tenantId }, format: "JSONEachRow" });
  return z
    .array(rowSchema)
    .parse(await rs.json())
    .map((r) => ({ id: r.team_id, agentCount: r.agents }));
}
