import type { ClickHouseClient } from "@clickhouse/client";
import type { SimulatorConfig } from "./config";
import { buildRoster } from "./roster";

/**
 * Writes the simulated centre's queues and agents (names, teams, thresholds) to
 * the dimension tables, so dashboards show "Support" and "Olivia Smith" rather
 * than ids. Queue rows are only added, never overwritten: an admin may have
 * changed a queue's KPI definition since, and a restart must not undo that.
 * Agent rows are written when missing or when the roster's name/team changed.
 */
export async function upsertDimensions(ch: ClickHouseClient, config: SimulatorConfig): Promise<{ queues: number; agents: number }> {
  const tenant = config.tenantId;

  const knownQueues = await ch.query({
    query: "SELECT queue_id FROM queues FINAL WHERE tenant_id = {tenant:String}",
    query_params: { tenant },
    format: "JSONEachRow",
  });
  const haveQueues = new Set((await knownQueues.json<{ queue_id: string }>()).map((r) => r.queue_id));
  const queues = config.queues
    .filter((q) => !haveQueues.has(q.id))
    .map((q) => ({
      tenant_id: tenant,
      queue_id: q.id,
      name: q.name,
      sl_threshold_s: Math.round(q.slThresholdSeconds),
      short_abandon_s: Math.round(q.shortAbandonSeconds),
    }));
  if (queues.length > 0) await ch.insert({ table: "queues", values: queues, format: "JSONEachRow" });

  const knownAgents = await ch.query({
    query: "SELECT agent_id, name, team_id FROM agents FINAL WHERE tenant_id = {tenant:String}",
    query_params: { tenant },
    format: "JSONEachRow",
  });
  const haveAgents = new Map((await knownAgents.json<{ agent_id: string; name: string; team_id: string }>()).map((r) => [r.agent_id, r]));
  const agents = buildRoster(config)
    .filter((a) => {
      const row = haveAgents.get(a.id);
      return row === undefined || row.name !== a.name || row.team_id !== a.teamId;
    })
    .map((a) => ({ tenant_id: tenant, agent_id: a.id, name: a.name, team_id: a.teamId }));
  if (agents.length > 0) await ch.insert({ table: "agents", values: agents, format: "JSONEachRow" });

  return { queues: queues.length, agents: agents.length };
}
