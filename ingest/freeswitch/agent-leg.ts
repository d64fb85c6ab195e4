import type { ClickHouseClient } from "@clickhouse/client";
import { readCallEvents } from "@/lib/calls/read-call-events";
import { connectedLegFrom, type ConnectedLeg } from "../platform/connected-leg";

/**
 * Which FreeSWITCH channel is the agent's on a call: what `eavesdrop` is pointed at. The
 * product knows it from the call's CTI events (call.established's agentChannelId, the agent
 * leg's Unique-ID as the site's feed publishes it); this port reads it, from the store in
 * production, from the delivered events in tests.
 */
export type FindAgentLeg = (callId: string) => Promise<ConnectedLeg | "ended" | undefined>;

/** The default port: the call's stored events (the same read the call page uses). */
export function agentLegFromStore(store: () => Promise<ClickHouseClient>, tenantId: string): FindAgentLeg {
  return async (callId) => {
    const events = await readCallEvents(await store(), tenantId, callId);
    return events === null ? undefined : connectedLegFrom(events);
  };
}
