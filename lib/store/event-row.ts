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
  /** Sent as an object: ClickHouse stores a JSON object given for a String column as its JSON text
   * (input_format_json_read_objects_as_strings), which saves serialising it twice. */
  data: unknown;
  raw: Record<string, string>;
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
    data: e.data,
    raw: e.raw ?? {},
  };
}
