import { SPEC_VERSION, type CtiEvent } from "@/lib/events";
import { nameBasedUuid } from "../queue-log/event-id";
import type { SupervisionOrigin } from "../platform/supervision";

/**
 * The CTI events of a callback the ARI adapter places (pure): the same sequence the simulator
 * emits for one (call.offered outbound with callbackOf, call.delivered to the first party,
 * agent.busy once an agent picks up, call.established when the customer does, then
 * call.connection_cleared and call.cleared, or call.failed with the cause). Ids are name-based
 * from the new call's id and the event's type, so an event given twice is stored once.
 */
export type CallbackCall = {
  callId: string;
  queueId: string;
  number: string;
  /** What the customer's phone shows (the queue's number), or the queue's id when none is configured. */
  from: string;
  callbackOf?: string;
  /** The first party: an agent, or a supervisor's own phone (no agent events then). */
  party: { id: string; iface: string; isAgent: boolean };
  offeredAt: number;
};

export function callbackEvents(origin: SupervisionOrigin, call: CallbackCall) {
  const legId = `${call.callId}.1`;
  const raw = { uniqueid: call.callId, linkedid: call.callId };
  const make = (type: CtiEvent["type"], time: number, fields: Record<string, unknown>): CtiEvent =>
    ({
      specVersion: SPEC_VERSION,
      id: nameBasedUuid(`${origin.tenantId}|${origin.source}|callback|${call.callId}|${type}`),
      source: origin.source,
      tenantId: origin.tenantId,
      time: Math.round(time),
      type,
      callId: call.callId,
      queueId: call.queueId,
      ...fields,
    }) as CtiEvent;
  const onLeg = { legId, agentId: call.party.id, raw: { ...raw, interface: call.party.iface } };
  return {
    offered: (t: number) =>
      make("call.offered", t, {
        data: { from: call.from, to: call.number, direction: "outbound", channelId: call.callId, ...(call.callbackOf ? { callbackOf: call.callbackOf } : {}) },
        raw,
      }),
    delivered: (t: number) => make("call.delivered", t, { ...onLeg, data: { agentChannelId: call.callId, attempt: 1 } }),
    established: (t: number, ringMs: number) =>
      make("call.established", t, {
        ...onLeg,
        data: { waitMs: Math.max(0, Math.round(t - call.offeredAt)), queuedAt: call.offeredAt, ringMs: Math.max(0, Math.round(ringMs)), agentChannelId: call.callId },
      }),
    cleared: (t: number, answeredAt: number, releasedBy: "agent" | "caller" | "system", cause: string) => [
      make("call.connection_cleared", t, {
        ...onLeg,
        data: { queuedAt: call.offeredAt, talkMs: Math.max(0, Math.round(t - answeredAt)), holdMs: 0, holdCount: 0, releasedBy, transferred: false },
      }),
      make("call.cleared", t, { data: { durationMs: Math.max(0, Math.round(t - call.offeredAt)), cause }, raw }),
    ],
    failed: (t: number, cause: string) => make("call.failed", t, { data: { cause }, raw }),
    /**
     * The agent's state around the call. No `previous`: queue_log, whose importer closes the
     * agent's intervals, never hears of a call outside a queue, so an interval closed here would
     * be counted twice (decided in docs/telephony.md, "Asterisk").
     */
    agentBusy: (t: number) => make("agent.busy", t, { agentId: call.party.id, legId, data: {}, raw: { interface: call.party.iface } }),
    agentBack: (t: number, reasonCode: string | undefined) =>
      reasonCode === undefined
        ? make("agent.ready", t, { agentId: call.party.id, callId: undefined, queueId: undefined, data: {}, raw: { interface: call.party.iface } })
        : make("agent.not_ready", t, { agentId: call.party.id, callId: undefined, queueId: undefined, data: { reasonCode }, raw: { interface: call.party.iface } }),
  };
}

export type CallbackEvents = ReturnType<typeof callbackEvents>;
