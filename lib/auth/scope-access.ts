import type { Scope } from "./scope";

/**
 * What a user's scope lets them see, per dimension: a set of ids, or null where
 * the dimension is not restricted. Queues restrict queue-level data (queue KPIs,
 * contacts, queue settings, the live floor's queues and calls); teams restrict
 * agent-level data (agent KPIs and timelines, the live floor's agents) and, as the
 * team filter always has, the contacts counted (those the teams' agents answered).
 *
 * - no scope: the whole centre;
 * - a scope with teams, queues or both: each non-empty list restricts its own
 *   dimension, an empty one leaves it open (a team supervisor sees every queue's
 *   name, but only the contacts their agents answered);
 * - a scope naming neither: nothing. A scope is there to narrow; one that names
 *   nothing must not read as the whole centre.
 */
export type ScopeAccess = { readonly queues: ReadonlySet<string> | null; readonly teams: ReadonlySet<string> | null };

export const WHOLE_CENTRE: ScopeAccess = { queues: null, teams: null };

export function scopeAccess(scope: Scope | undefined): ScopeAccess {
  if (!scope) return WHOLE_CENTRE;
  if (scope.queues.length === 0 && scope.teams.length === 0) return { queues: new Set(), teams: new Set() };
  return { queues: scope.queues.length > 0 ? new Set(scope.queues) : null, teams: scope.teams.length > 0 ? new Set(scope.teams) : null };
}

export function isWholeCentre(access: ScopeAccess): boolean {
  return access.queues === null && access.teams === null;
}

export function queueInScope(access: ScopeAccess, queueId: string | null | undefined): boolean {
  return access.queues === null || (queueId != null && access.queues.has(queueId));
}

export function teamInScope(access: ScopeAccess, teamId: string | null | undefined): boolean {
  return access.teams === null || (teamId != null && teamId !== "" && access.teams.has(teamId));
}

/**
 * A contact (a live call, a stored queue leg, and later its recording): in scope
 * when its queue is, and the team of the agent on it, if there is one. Recordings
 * will answer 404 when this says no, by the same rule as the live floor's calls.
 * `agent` is null when no agent is on the contact; `teamId` null when the agent's
 * team is unknown (then a team scope does not cover it).
 */
export function contactInScope(access: ScopeAccess, contact: { queueId: string | null; agent: { teamId: string | null } | null }): boolean {
  return queueInScope(access, contact.queueId) && (contact.agent === null || teamInScope(access, contact.agent.teamId));
}
