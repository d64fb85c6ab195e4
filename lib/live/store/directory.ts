import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { isSlVariant, QUEUE_DEFAULTS } from "@/lib/kpi/definitions";
import { listQueues } from "@/lib/directory/list-queues";
import { queryRows } from "@/lib/store/query-rows";
import type { Directory, QueueDefinition } from "../view";

const AGENTS_SQL = `SELECT agent_id, name, team_id FROM agents FINAL WHERE tenant_id = {tenant:String}`;
const agentRow = z.object({ agent_id: z.string(), name: z.string(), team_id: z.string() });

/** Queue names and KPI settings, agent names and teams: what turns ids into a readable wallboard. */
export async function loadDirectory(ch: ClickHouseClient, tenantId: string): Promise<Directory> {
  const [queues, agentRows] = await Promise.all([listQueues(ch, tenantId), queryRows(ch, AGENTS_SQL, { tenant: tenantId }, agentRow, { kind: "live" })]);
  return {
    queues: new Map(
      queues.map((q): [string, QueueDefinition] => [
        q.id,
        {
          id: q.id,
          name: q.name,
          slThresholdS: q.slThresholdS,
          slVariant: isSlVariant(q.slVariant) ? q.slVariant : QUEUE_DEFAULTS.slVariant,
          shortAbandonS: q.shortAbandonS,
          shortAbandonRule: q.shortAbandonRule,
          slTargetPct: q.slTargetPct,
        },
      ]),
    ),
    agents: new Map(agentRows.map((a) => [a.agent_id, { name: a.name || a.agent_id, teamId: a.team_id || null }])),
  };
}
