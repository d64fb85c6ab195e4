import type { ClickHouseClient } from "@clickhouse/client";
import { contactInScope, type ScopeAccess } from "@/lib/auth/scope-access";
import { agentTeams } from "@/lib/directory/agent-teams";
import { NotFound } from "@/lib/errors/domain-errors";
import { readRecording, type RecordingRow } from "./recording-row";

/**
 * The recording, if the caller's scope covers it: its queue, and the team of the
 * agent on it (contactInScope, the live floor's rule for calls). Unknown and out of
 * scope throw the same error with the same words, so a scoped user cannot tell a
 * recording elsewhere in the centre from one that does not exist.
 */
export async function recordingInScope(ch: ClickHouseClient, tenantId: string, access: ScopeAccess, recordingId: string): Promise<RecordingRow> {
  const recording = await readRecording(ch, tenantId, recordingId);
  if (!recording) throw new NotFound("recording");
  if (!(await legInScope(ch, tenantId, access, recording))) throw new NotFound("recording");
  return recording;
}

/** Whether a leg (its queue, and the team of its agent if it had one) is in the scope. */
export async function legInScope(ch: ClickHouseClient, tenantId: string, access: ScopeAccess, leg: { queueId: string; agentId: string }): Promise<boolean> {
  const agent = leg.agentId === "" ? null : { teamId: (await agentTeams(ch, tenantId, [leg.agentId])).get(leg.agentId) ?? null };
  return contactInScope(access, { queueId: leg.queueId === "" ? null : leg.queueId, agent });
}
