import type { ScopeAccess } from "@/lib/auth/scope-access";
import { OutOfScope } from "@/lib/errors/domain-errors";
import { getLiveFloor, requireLiveFloor } from "./registry";
import { scopeView } from "./scope-view";

/**
 * A live call the caller may act on: on the floor now and shown to them by the
 * wallboard's own rule (scope-view.ts). Anything else is a bare 404, so a scoped
 * supervisor cannot tell a call elsewhere in the centre from one that does not exist.
 */
export function requireLiveCallInScope(access: ScopeAccess, callId: string): { callId: string; agentId: string | null } {
  const call = scopeView(requireLiveFloor().currentView(), access).calls[callId];
  if (!call) throw new OutOfScope();
  return { callId, agentId: call.agentId };
}

/** The same as a yes or no (no live floor: no). */
export function liveCallInScope(access: ScopeAccess, callId: string): boolean {
  const floor = getLiveFloor();
  return floor !== undefined && scopeView(floor.currentView(), access).calls[callId] !== undefined;
}
