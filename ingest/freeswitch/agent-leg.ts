import type { ClickHouseClient } from "@clickhouse/client";
import type { CtiEvent } from "@/lib/events";
import { readCallEvents } from "@/lib/calls/read-call-events";

/**
 * Which FreeSWITCH channel is the agent's on a call: what `eavesdrop` is pointed at. The
 * product knows it from the call's CTI events (call.established's agentChannelId, the
 * agent leg's Unique-ID as the site's feed publishes it); this port reads it, from the
 * store in production, from the delivered events in tests.
 */
export type AgentLeg = { callId: string; legId: string; queueId: string; agentId: string; channelId: string };

/** The call's agent leg in conversation; "ended" when the call is known but no leg is; undefined for an unknown call. */
export type FindAgentLeg = (callId: string) => Promise<AgentLeg | "ended" | undefined>;

export function agentLegFrom(callEvents: readonly CtiEvent[]): AgentLeg | "ended" | undefined {
  if (callEvents.length === 0) return undefined;
  const open = new Map<string, AgentLeg>();
  for (const e of [...callEvents].sort((a, b) => a.time - b.time)) {
    if (e.type === "call.established") open.set(e.legId, { callId: e.callId, legId: e.legId, queueId: e.queueId, agentId: e.agentId, channelId: e.data.agentChannelId });
    else if (e.type === "call.connection_cleared") open.delete(e.legId);
  }
  return [...open.values()].at(-1) ?? "ended";
}

/** The default port: the call's stored events (the same read the call page uses). */
export function agentLegFromStore(store: () => Promise<ClickHouseClient>, tenantId: string): FindAgentLeg {
  return async (callId) => {
    const events = await readCallEvents(await store(), tenantId, callId);
    return events === null ? undefined : agentLegFrom(events);
  };
}
