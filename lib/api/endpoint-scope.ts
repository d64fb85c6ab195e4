import { isWholeCentre, teamInScope, type ScopeAccess } from "@/lib/auth/scope-access";
import { Forbidden, OutOfScope } from "@/lib/errors/domain-errors";

/**
 * How the caller's scope (lib/auth/scope-access.ts) applies to an endpoint. Every
 * declaration must say (the `scope` field is required), and a test checks that each
 * queue, team or agent parameter a schema accepts is named here:
 *
 * - `queue` / `team`: a parameter holding queue or team ids (a list, or one id in
 *   a path). Ids outside the scope are a 404; an empty list, "all", becomes all of
 *   the scope's.
 * - `agent`: a parameter holding agent ids (a list or one id). An agent whose team
 *   is outside a team scope is a 404. An empty agent list is left as it is, so an
 *   endpoint with an agent list also names its team parameter, which narrows it.
 * - `bodyQueue`: a body field holding one queue id (edits of a queue's settings).
 * - `results`: what `run` itself keeps to the scope in its answer, with
 *   `ctx.access` (directory lists, the live floor); a sentence for the reader.
 * - `unscoped`: why the endpoint shows no queue or agent data at all.
 * - `wholeCentre`: why the endpoint is for users who see the whole centre only
 *   (users, sessions, the audit log: editing who sees what, or reading every
 *   change made anywhere, would undo any scope); a scoped caller gets 403.
 */
export type EndpointScope<ParamKey extends string = string, BodyKey extends string = string> =
  { unscoped: string } | { wholeCentre: string } | { queue?: ParamKey; team?: ParamKey; agent?: ParamKey; bodyQueue?: BodyKey; results?: string };

/** Declarations that leave parameters as they are. */
const passesThrough = (d: EndpointScope): d is { unscoped: string } | { wholeCentre: string } => "unscoped" in d || "wholeCentre" in d;

/** The agent ids whose teams applyScope needs to know (none unless a team scope meets an agent parameter). */
export function agentsToCheck(access: ScopeAccess, declaration: EndpointScope, params: unknown): string[] {
  if (passesThrough(declaration) || !declaration.agent || access.teams === null) return [];
  return [...(idsOf(record(params)[declaration.agent], declaration.agent) ?? [])];
}

/**
 * The request's parameters narrowed to the caller's scope, or OutOfScope (404) when
 * they name something outside it. Pure: `agentTeams` holds the team of each id
 * agentsToCheck named (an agent missing from it has no known team).
 */
export function applyScope<P>(access: ScopeAccess, declaration: EndpointScope, params: P, agentTeams: ReadonlyMap<string, string>): P {
  if ("wholeCentre" in declaration && !isWholeCentre(access)) {
    throw new Forbidden("use this while limited to some teams or queues (it is for users who see the whole centre)");
  }
  if (passesThrough(declaration)) return params;
  const out = { ...record(params) };
  if (declaration.queue) narrow(out, declaration.queue, access.queues);
  if (declaration.team) narrow(out, declaration.team, access.teams);
  if (declaration.agent && access.teams !== null) {
    for (const id of idsOf(out[declaration.agent], declaration.agent) ?? []) if (!teamInScope(access, agentTeams.get(id))) throw new OutOfScope();
  }
  return out as P;
}

/** A body's queue id outside the scope is OutOfScope (404). */
export function checkBodyScope(access: ScopeAccess, declaration: EndpointScope, body: unknown): void {
  if (passesThrough(declaration) || !declaration.bodyQueue || access.queues === null) return;
  const id = record(body)[declaration.bodyQueue];
  if (typeof id !== "string" || !access.queues.has(id)) throw new OutOfScope();
}

function narrow(out: Record<string, unknown>, key: string, allowed: ReadonlySet<string> | null): void {
  if (allowed === null) return;
  const ids = idsOf(out[key], key);
  // A branch of a union schema without this parameter (the timeline export has no queue list).
  if (ids === undefined) return;
  if (ids.length === 0) {
    if (allowed.size === 0) throw new OutOfScope();
    out[key] = [...allowed].sort();
    return;
  }
  for (const id of ids) if (!allowed.has(id)) throw new OutOfScope();
}

/** A declared parameter's ids: a list, or one id; undefined when the request has no such parameter. */
function idsOf(value: unknown, key: string): readonly string[] | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "string") return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value;
  // A declaration naming a parameter that holds something else is a programming error, not a request's.
  throw new Error(`scope: parameter "${key}" holds neither ids nor an id`);
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}
