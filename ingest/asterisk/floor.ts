import type { CtiEvent } from "@/lib/events";
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
