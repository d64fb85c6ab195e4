import type { ClickHouseClient } from "@clickhouse/client";
import { contactInScope, type ScopeAccess } from "@/lib/auth/scope-access";
import { agentTeams } from "@/lib/directory/agent-teams";

/** Whether a leg (its queue, and the team of its agent if it had one) is in the scope. */
export async function legInScope(ch: ClickHouseClient, tenantId: string, access: ScopeAccess, leg: { queueId: string; agentId: string }): Promise<boolean> {
  const agent = leg.agentId === "" ? null : { teamId: (await agentTeams(ch, tenantId, [leg.agentId])).get(leg.agentId) ?? null };
  return contactInScope(access, { queueId: leg.queueId === "" ? null : leg.queueId, agent });
}
