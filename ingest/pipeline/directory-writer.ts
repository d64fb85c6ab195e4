import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { queryRows } from "@/lib/store/query-rows";
import { storeInsert } from "@/lib/store/store-call";

import type { Directory } from "../platform/directory";

const INGEST = { kind: "ingest" } as const;

/**
 * Writes a platform's queues and agents to the dimension tables. Queue rows are only
 * added, never overwritten: an admin may have changed a queue's KPI definition since,
 * and a restart must not undo that. Agent rows are written when missing or when the
 * name or team changed; team rows when missing or renamed. Returns how many rows of each were written.
 */
export async function writeDirectory(ch: ClickHouseClient, tenant: string, directory: Directory): Promise<{ queues: number; agents: number; teams: number }> {
  const knownQueues = await queryRows(ch, "SELECT queue_id FROM queues FINAL WHERE tenant_id = {tenant:String}", { tenant }, z.object({ queue_id: z.string() }), INGEST);
  const haveQueues = new Set(knownQueues.map((r) => r.queue_id));
  const queues = directory.queues
    .filter((q) => !haveQueues.has(q.id))
    // An omitted threshold takes the column's default.
    .map((q) => ({ tenant_id: tenant, queue_id: q.id, name: q.name, sl_threshold_s: q.slThresholdSeconds, short_abandon_s: q.shortAbandonSeconds }));
  if (queues.length > 0) await storeInsert(ch, "queues", queues, INGEST);

  const knownAgents = await queryRows(
    ch,
    "SELECT agent_id, name, team_id FROM agents FINAL WHERE tenant_id = {tenant:String}",
    { tenant },
    z.object({ agent_id: z.string(), name: z.string(), team_id: z.string() }),
    INGEST,
  );
  const haveAgents = new Map(knownAgents.map((r) => [r.agent_id, r]));
  const agents = directory.agents
    .filter((a) => {
      const row = haveAgents.get(a.id);
      return row === undefined || row.name !== a.name || row.team_id !== a.teamId;
    })
    .map((a) => ({ tenant_id: tenant, agent_id: a.id, name: a.name, team_id: a.teamId }));
  if (agents.length > 0) await storeInsert(ch, "agents", agents, INGEST);

  // Team names follow the directory (the platform's roster is where a team is named), like agent names.
  const knownTeams = await queryRows(
    ch,
    "SELECT team_id, name FROM teams FINAL WHERE tenant_id = {tenant:String}",
    { tenant },
    z.object({ team_id: z.string(), name: z.string() }),
    INGEST,
  );
  const haveTeams = new Map(knownTeams.map((r) => [r.team_id, r.name]));
  const teams = (directory.teams ?? []).filter((t) => haveTeams.get(t.id) !== t.name).map((t) => ({ tenant_id: tenant, team_id: t.id, name: t.name }));
  if (teams.length > 0) await storeInsert(ch, "teams", teams, INGEST);

  return { queues: queues.length, agents: agents.length, teams: teams.length };
}
