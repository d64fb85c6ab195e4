import { contactInScope, isWholeCentre, queueInScope, teamInScope, type ScopeAccess } from "@/lib/auth/scope-access";
import type { AgentRow, WallboardView } from "./view-types";

/**
 * The part of a wallboard view a scope covers: queue cards of its queues, agents
 * of its teams, and calls whose queue is in scope and whose agent, if any, is in
 * one of its teams (contactInScope). Entries are kept by reference, so patches
 * between two scoped views compare unchanged entries by identity (patch.ts); an
 * agent row that names queues outside the scope (the queues it serves, the queue of
 * its call) is replaced by a trimmed copy, made once per row and scope, so no queue
 * id outside the scope is ever sent and identity still holds.
 * A queue card's figures are the queue's own (the live floor does not split a
 * queue by team), so a team scope does not change them.
 */
export function scopeView(view: WallboardView, access: ScopeAccess): WallboardView {
  if (isWholeCentre(access)) return view;
  const queues = keep(view.queues, (q) => queueInScope(access, q.id));
  const agents = agentsInScope(view.agents, access);
  const calls = keep(view.calls, (c) =>
    contactInScope(access, { queueId: c.queueId, agent: c.agentId === null ? null : { teamId: view.agents[c.agentId]?.teamId ?? null } }),
  );
  return { meta: view.meta, queues, agents, calls };
}

function keep<T>(section: Record<string, T>, inScope: (entry: T) => boolean): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [id, entry] of Object.entries(section)) if (inScope(entry)) out[id] = entry;
  return out;
}

const trimmed = new WeakMap<ScopeAccess, WeakMap<AgentRow, AgentRow>>();

function agentsInScope(agents: Record<string, AgentRow>, access: ScopeAccess): Record<string, AgentRow> {
  const kept = keep(agents, (a) => teamInScope(access, a.teamId));
  if (access.queues === null) return kept;
  let copies = trimmed.get(access);
  if (!copies) trimmed.set(access, (copies = new WeakMap()));
  for (const [id, row] of Object.entries(kept)) {
    const callQueueOut = row.call !== null && !queueInScope(access, row.call.queueId);
    if (!callQueueOut && row.queues.every((q) => queueInScope(access, q))) continue;
    let copy = copies.get(row);
    if (!copy) {
      copy = { ...row, queues: row.queues.filter((q) => queueInScope(access, q)), call: row.call && callQueueOut ? { ...row.call, queueId: null } : row.call };
      copies.set(row, copy);
    }
    kept[id] = copy;
  }
  return kept;
}
