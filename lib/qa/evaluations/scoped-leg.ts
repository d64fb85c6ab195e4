import type { ClickHouseClient } from "@clickhouse/client";
import { contactInScope, isWholeCentre, type ScopeAccess } from "@/lib/auth/scope-access";
import { readCallEvents } from "@/lib/calls/read-call-events";
import { agentTeams } from "@/lib/directory/agent-teams";
import type { CtiEvent } from "@/lib/events";
import { InvalidInput, NotFound, OutOfScope } from "@/lib/errors/domain-errors";
import { evaluatedLeg, type EvaluatedLeg } from "./call-facts";

/**
 * The agent leg of a call that evaluations, checks and calibrations are about,
 * with its agent's team, held to the caller's scope: an unknown call or recording
 * is NotFound, a call without an answered leg InvalidInput, and a leg outside the
 * scope OutOfScope (404, like an unknown one). A caller with a scope gets that same
 * bare 404 for all three, so what they are told never says whether a call they may
 * not see exists; the whole centre's users get the precise reason.
 */
export async function scopedLeg(
  ch: ClickHouseClient,
  p: { tenantId: string; access: ScopeAccess; callId: string; recordingId?: string | undefined },
): Promise<{ events: CtiEvent[]; leg: EvaluatedLeg; teamId: string }> {
  const scoped = !isWholeCentre(p.access);
  const events = await readCallEvents(ch, p.tenantId, p.callId);
  if (!events) throw scoped ? new OutOfScope() : new NotFound(`call "${p.callId}"`);
  const leg = evaluatedLeg(events, p.recordingId);
  if (!leg)
    throw scoped
      ? new OutOfScope()
      : p.recordingId
        ? new NotFound(`recording "${p.recordingId}" of call "${p.callId}"`)
        : new InvalidInput(`callId: call "${p.callId}" has no answered agent leg to evaluate`);
  const teamId = (await agentTeams(ch, p.tenantId, [leg.agentId])).get(leg.agentId) ?? "";
  if (!contactInScope(p.access, { queueId: leg.queueId, agent: { teamId: teamId || null } })) throw new OutOfScope();
  return { events, leg, teamId };
}
