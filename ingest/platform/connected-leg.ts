import type { CtiEvent } from "@/lib/events";
import { CommandFailed } from "@/lib/telephony/commands";

/**
 * A call's agent leg in conversation, as its CTI events tell it: what a PBX adapter points a
 * supervisor at. call.established carries the agent channel's platform id (agentChannelId:
 * an Asterisk uniqueid from queue_log's CONNECT, a FreeSWITCH channel's Unique-ID from the
 * site's feed). Shared by the Asterisk and FreeSWITCH adapters, which read the events from
 * the store in production and from the delivered ones in tests.
 */
export type ConnectedLeg = { callId: string; legId: string; queueId: string; agentId: string; channelId: string };

/** A call's events (any order of arrival, read in time order) -> its leg in conversation; "ended" when none is; undefined for no events. */
export function connectedLegFrom(callEvents: readonly CtiEvent[]): ConnectedLeg | "ended" | undefined {
  if (callEvents.length === 0) return undefined;
  const open = new Map<string, ConnectedLeg>();
  for (const e of [...callEvents].sort((a, b) => a.time - b.time)) {
    if (e.type === "call.established") {
      open.set(e.legId, { callId: e.callId, legId: e.legId, queueId: e.queueId, agentId: e.agentId, channelId: e.data.agentChannelId ?? "" });
    } else if (e.type === "call.connection_cleared") open.delete(e.legId);
  }
  const leg = [...open.values()].at(-1);
  return leg && leg.channelId.length > 0 ? leg : "ended";
}

/** The leg a command acts on, or its refusal: no_such_call for a call the events do not know, call_ended when nobody talks on it. */
export function requireConnectedLeg(leg: ConnectedLeg | "ended" | undefined, callId: string): ConnectedLeg {
  if (leg === undefined) throw new CommandFailed("no_such_call", `no call ${callId} is known`);
  if (leg === "ended") throw new CommandFailed("call_ended", `call ${callId} has no agent in conversation`);
  return leg;
}
