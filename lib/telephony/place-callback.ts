import type { ClickHouseClient } from "@clickhouse/client";
import type { Actor } from "@/lib/audit/write-audit";
import { queueInScope, teamInScope, type ScopeAccess } from "@/lib/auth/scope-access";
import { isDiallable } from "@/lib/callbacks/callback-list";
import { findMissedCall } from "@/lib/callbacks/missed-call";
import { agentTeams } from "@/lib/directory/agent-teams";
import { Conflict, OutOfScope } from "@/lib/errors/domain-errors";
import { auditedCommand } from "./audited-command";
import type { CallbackResult } from "./commands";
import { requireCommand } from "./registry";

export type CallbackRequest = { callId: string; missedAt: number; agentId?: string };
export type PlacedCallback = CallbackResult & { number: string; queueId: string };

/**
 * A supervisor calls back a missed caller: the number and queue come from the store's
 * record of the missed call (in the caller's scope, like the list it was picked from),
 * the platform places the call agent first, and one audit row says who asked, for whom
 * and how the platform answered. The call's outcome arrives as the platform's events;
 * the callback list reads it from there.
 */
export async function placeCallback(ch: ClickHouseClient, tenantId: string, actor: Actor, access: ScopeAccess, request: CallbackRequest): Promise<PlacedCallback> {
  const missed = await findMissedCall(ch, tenantId, request.callId, request.missedAt);
  if (!missed || !queueInScope(access, missed.queueId)) throw new OutOfScope();
  if (request.agentId !== undefined && access.teams !== null) {
    const teams = await agentTeams(ch, tenantId, [request.agentId]);
    if (!teamInScope(access, teams.get(request.agentId))) throw new OutOfScope();
  }
  if (!isDiallable(missed.number)) throw new Conflict(`this caller's number cannot be dialled ("${missed.number || "none"}": withheld or not a phone number)`);
  const command = { number: missed.number, queueId: missed.queueId, callbackOf: request.callId, ...(request.agentId ? { agentId: request.agentId } : {}) };
  const audit = {
    tenantId,
    actor,
    action: "callback.placed",
    target: `call:${request.callId}`,
    details: { number: missed.number, queueId: missed.queueId, ...(request.agentId ? { agentId: request.agentId } : {}) },
  };
  const placed = await auditedCommand(
    ch,
    audit,
    "placing a callback",
    async (signal) => requireCommand("originateCallback")(command, signal),
    (result) => ({ placedCallId: result.callId, placedAgentId: result.agentId }),
  );
  return { ...placed, number: missed.number, queueId: missed.queueId };
}
