import { contactInScope, isWholeCentre, queueInScope, teamInScope, type ScopeAccess } from "@/lib/auth/scope-access";
import type { WallboardView } from "./view-types";

/**
 * The part of a wallboard view a scope covers: queue cards of its queues, agents
 * of its teams, and calls whose queue is in scope and whose agent, if any, is in
 * one of its teams (contactInScope). Entries are kept by reference, so patches
 * between two scoped views compare unchanged entries by identity (patch.ts).
 * A queue card's figures are the queue's own (the live floor does not split a
 * queue by team), so a team scope does not change them.
 */
export function scopeView(view: WallboardView, access: ScopeAccess): WallboardView {
  if (isWholeCentre(access)) return view;
  const queues = keep(view.queues, (q) => queueInScope(access, q.id));
  const agents = keep(view.agents, (a) => teamInScope(access, a.teamId));
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
