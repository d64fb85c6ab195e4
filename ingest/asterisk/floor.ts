import type { AgentState, CtiEvent } from "@/lib/events";
import type { ConnectedLeg } from "../platform/connected-leg";

/**
 * What the adapter needs to know about the floor that Asterisk's ARI does not say: which
 * channel is the agent's on a call (queue_log's CONNECT carries its uniqueid, which the
 * import stores as call.established's agentChannelId), and which queue member interface
 * an agent id stands for (the import keeps it as raw.interface on agent events). Read
 * from the stored events in production (store-floor.ts), from the delivered ones in tests.
 */
export { connectedLegFrom, type ConnectedLeg } from "../platform/connected-leg";

export interface AsteriskFloor {
  /** The call's agent leg in conversation; "ended" when the call is known but no leg is; undefined for an unknown call. */
  connectedLeg(callId: string): Promise<ConnectedLeg | "ended" | undefined>;
  /** The queue member interface of an agent (Local/1001@agents/n, PJSIP/1001), undefined when the agent is unknown. */
  memberInterface(agentId: string): Promise<string | undefined>;
  /**
   * The queue's members as their latest agent events tell (for a callback's agent), undefined
   * when no event names the queue (Asterisk has no such queue, as far as the product knows).
   */
  queueMembers(queueId: string): Promise<FloorMember[] | undefined>;
}

/** A queue member: its interface, and its state since when (a pause's reason with it). */
export type FloorMember = { agentId: string; memberInterface: string; state: AgentState | "logged_off"; since: number; reasonCode?: string };

export const STATE_OF: Readonly<Record<string, FloorMember["state"]>> = {
  "agent.logged_on": "ready",
  "agent.ready": "ready",
  "agent.not_ready": "not_ready",
  "agent.busy": "busy",
  "agent.working_after_call": "after_call_work",
  "agent.logged_off": "logged_off",
};

/**
 * A queue's members from events: an agent is a member when its agent.logged_on names the queue
 * or a call of the queue reached it; its state is its latest agent event's.
 */
export function queueMembersFrom(events: readonly CtiEvent[], queueId: string): FloorMember[] | undefined {
  const members = new Set<string>();
  let known = false;
  for (const e of events) {
    if (e.queueId === queueId) known = true;
    if (e.type === "agent.logged_on" && e.data.queues?.includes(queueId)) members.add(e.agentId);
    else if (e.queueId === queueId && e.agentId) members.add(e.agentId);
  }
  if (!known && members.size === 0) return undefined;
  return [...members].flatMap((agentId) => {
    const own = events.filter((e) => e.agentId === agentId);
    const latest = own.filter((e) => e.type in STATE_OF).reduce<CtiEvent | undefined>((a, e) => (!a || e.time >= a.time ? e : a), undefined);
    const memberInterface = memberInterfaceFrom(own);
    if (!latest || !memberInterface) return [];
    const reasonCode = latest.type === "agent.not_ready" ? latest.data.reasonCode : undefined;
    return [{ agentId, memberInterface, state: STATE_OF[latest.type] ?? "logged_off", since: latest.time, ...(reasonCode ? { reasonCode } : {}) }];
  });
}

/** The member interface the latest of an agent's events names (raw.interface), if any. */
export function memberInterfaceFrom(agentEvents: readonly CtiEvent[]): string | undefined {
  let found: { time: number; member: string } | undefined;
  for (const e of agentEvents) {
    const member = e.raw?.interface;
    if (member && (!found || e.time >= found.time)) found = { time: e.time, member };
  }
  return found?.member;
}
