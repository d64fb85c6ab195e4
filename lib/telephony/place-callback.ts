import type { ClickHouseClient } from "@clickhouse/client";
import type { Actor } from "@/lib/audit/write-audit";
import { queueInScope, teamInScope, type ScopeAccess } from "@/lib/auth/scope-access";
import { isDiallable } from "@/lib/callbacks/callback-list";
import { findMissedCall } from "@/lib/callbacks/missed-call";
import { agentTeams } from "@/lib/directory/agent-teams";
import { Conflict, Forbidden, OutOfScope } from "@/lib/errors/domain-errors";
import { readCallCallbacks } from "@/lib/calls/call-callbacks";
import { withKeyLock } from "@/lib/records/key-lock";
import { auditedCommand } from "./audited-command";
import { CommandFailed, type CallbackCommand, type CallbackFirst, type CallbackResult } from "./commands";
import { getTelephony, requireCommand } from "./registry";

/** `first`: whose phone rings before the customer's (default the agent's); "supervisor" rings the asking user's own extension. */
export type CallbackRequest = { callId: string; missedAt: number; agentId?: string; first?: CallbackFirst };
export type PlacedCallback = CallbackResult & { number: string; queueId: string; first: CallbackFirst };
/** Who asks: the audit log's actor, and their own phone for a supervisor-first callback. */
export type CallbackActor = Actor & { extension?: string };

/**
 * A supervisor calls back a missed caller: the number and queue come from the store's
 * record of the missed call (in the caller's scope, like the list it was picked from),
 * the platform places the call agent first (or, asked, the supervisor's own phone first),
 * and one audit row says who asked, for whom, whose phone rang first and how the platform
 * answered. The call's outcome arrives as the platform's events;
 * the callback list reads it from there.
 */
export async function placeCallback(
  ch: ClickHouseClient,
  tenantId: string,
  actor: CallbackActor,
  access: ScopeAccess,
  request: CallbackRequest,
): Promise<PlacedCallback> {
  const bySupervisor = request.first === "supervisor";
  if (bySupervisor && !actor.extension)
    throw new Conflict("calling back yourself rings your own phone first, and you have no phone extension: ask an admin to set one on the Users page");
  const missed = await findMissedCall(ch, tenantId, request.callId, request.missedAt);
  if (!missed || !queueInScope(access, missed.queueId)) throw new OutOfScope();
  // Supervisor first rings nobody of the floor: a team lead needs no agent of their own to name.
  if (access.teams !== null && !bySupervisor) {
    // The platform would otherwise ring any free agent of the queue, in teams this supervisor does not lead.
    if (request.agentId === undefined)
      throw new Forbidden("name the agent to call back through (you see only some teams, and the queue's next free agent may be in another)");
    const teams = await agentTeams(ch, tenantId, [request.agentId]);
    if (!teamInScope(access, teams.get(request.agentId))) throw new OutOfScope();
  }
  if (!isDiallable(missed.number)) throw new Conflict(`this caller's number cannot be dialled ("${missed.number || "none"}": withheld or not a phone number)`);
  // One callback at a time per missed call, whoever asks: two supervisors (or two tabs) must not ring the customer twice.
  return withKeyLock(`callback:${tenantId}:${request.callId}`, async () => {
    const before = await refuseIfUnderWay(ch, tenantId, request);
    const placed = await originate(ch, tenantId, actor, request, missed);
    const now = Date.now();
    // Kept only as long as they can refuse anything, so the map stays small.
    for (const [key, placedAt] of underWay) if (now - placedAt.at >= JUST_PLACED_MS) underWay.delete(key);
    underWay.set(`${tenantId}/${request.callId}`, { at: now, stored: before });
    return placed;
  });
}

/**
 * 409 while a callback for this missed call is under way: one not yet ended in the store, or
 * one placed here in the last minute that the store does not hold yet (its events are on
 * their way). Answers how many callbacks the store holds for the call.
 */
async function refuseIfUnderWay(ch: ClickHouseClient, tenantId: string, request: CallbackRequest): Promise<number> {
  const callbacks = await readCallCallbacks(ch, tenantId, request.callId, request.missedAt);
  if (callbacks.some((c) => !c.ended)) throw new Conflict("a callback to this caller is under way");
  const key = `${tenantId}/${request.callId}`;
  const placed = underWay.get(key);
  if (placed && callbacks.length <= placed.stored && Date.now() - placed.at < JUST_PLACED_MS) throw new Conflict("a callback to this caller was placed a moment ago");
  underWay.delete(key);
  return callbacks.length;
}

/** Callbacks placed by this process, by missed call: when, and how many the store held before (it holds one more once its events are in). */
const underWay = new Map<string, { at: number; stored: number }>();
const JUST_PLACED_MS = 60_000;

async function originate(
  ch: ClickHouseClient,
  tenantId: string,
  actor: CallbackActor,
  request: CallbackRequest,
  missed: { number: string; queueId: string },
): Promise<PlacedCallback> {
  const first = request.first ?? "agent";
  const base = { number: missed.number, queueId: missed.queueId, callbackOf: request.callId };
  const command: CallbackCommand =
    first === "supervisor"
      ? { ...base, first, supervisor: { id: actor.id, name: actor.name, extension: actor.extension ?? "" } }
      : { ...base, ...(request.agentId ? { agentId: request.agentId } : {}) };
  // Who was rung first is the log's business: the agent named (or picked), or the supervisor's own phone.
  const rungFirst = first === "supervisor" ? { first, extension: actor.extension } : { first, ...(request.agentId ? { agentId: request.agentId } : {}) };
  const audit = {
    tenantId,
    actor,
    action: "callback.placed",
    target: `call:${request.callId}`,
    details: { number: missed.number, queueId: missed.queueId, ...rungFirst },
  };
  const placed = await auditedCommand(
    ch,
    audit,
    "placing a callback",
    async (signal) => {
      const t = getTelephony();
      if (t.capabilities.originateCallback && !t.capabilities.callbackFirst.includes(first))
        throw new CommandFailed("unsupported", `the telephony platform in use (${t.name}) cannot ring a ${first} first`);
      return requireCommand("originateCallback")(command, signal);
    },
    (result) => ({ placedCallId: result.callId, ...(result.agentId ? { placedAgentId: result.agentId } : {}) }),
  );
  return { ...placed, number: missed.number, queueId: missed.queueId, first };
}
