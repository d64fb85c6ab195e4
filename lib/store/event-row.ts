import type { CtiEvent } from "../events";

/** A cti_events row as sent with JSONEachRow. */
export type EventRow = {
  tenant_id: string;
  event_id: string;
  type: string;
  spec_version: string;
  source: string;
  time: number;
  call_id: string;
  agent_id: string;
  queue_id: string;
  leg_id: string;
  data: string;
  raw: string;
};

/** Pure mapping of a validated event to its raw-table row (time as epoch ms, which DateTime64(3) accepts). */
export function eventToRow(e: CtiEvent): EventRow {
  return {
    tenant_id: e.tenantId,
    event_id: e.id,
    type: e.type,
    spec_version: e.specVersion,
    source: e.source,
    time: e.time,
    call_id: e.callId ?? "",
    agent_id: e.agentId ?? "",
    queue_id: e.queueId ?? "",
    leg_id: e.legId ?? "",
    data: JSON.stringify(e.data),
    raw: e.raw ? JSON.stringify(e.raw) : "",
  };
}
