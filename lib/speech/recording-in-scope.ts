import type { ClickHouseClient } from "@clickhouse/client";
import { contactInScope, isWholeCentre, type ScopeAccess } from "@/lib/auth/scope-access";
import { agentTeams } from "@/lib/directory/agent-teams";
import { OutOfScope } from "@/lib/errors/domain-errors";
import { readRecordingFacts } from "./recording-facts";

/**
 * A recording the caller may see, or OutOfScope (404): unknown and out of scope answer
 * alike. In scope by the contact rule (lib/auth/scope-access.ts): its queue, and the
 * team of its agent.
 */
export async function assertRecordingInScope(ch: ClickHouseClient, tenantId: string, recordingId: string, access: ScopeAccess): Promise<void> {
  const facts = await readRecordingFacts(ch, tenantId, recordingId);
  if (!facts) throw new OutOfScope();
  if (isWholeCentre(access)) return;
  const teamId = facts.agentId ? ((await agentTeams(ch, tenantId, [facts.agentId])).get(facts.agentId) ?? null) : null;
  if (!contactInScope(access, { queueId: facts.queueId || null, agent: facts.agentId ? { teamId } : null })) throw new OutOfScope();
}
