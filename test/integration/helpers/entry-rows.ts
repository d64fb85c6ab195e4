import type { CtiEvent } from "@/lib/events";

/**
 * Events as rows of the ingest entry table (cti_events_in, migration 0016), for tests
 * that write events without the pipeline: views on the entry table (recordings,
 * transcripts, 0023) fire only for rows that come in this way, as everything ingested does.
 */
export function entryRows(events: readonly CtiEvent[]): Record<string, unknown>[] {
  return events.map((e) => ({
    tenantId: e.tenantId,
    id: e.id,
    type: e.type,
    specVersion: e.specVersion,
    source: e.source,
    time: e.time,
    callId: e.callId ?? "",
    agentId: e.agentId ?? "",
    queueId: e.queueId ?? "",
    legId: e.legId ?? "",
    data: JSON.stringify(e.data),
    raw: JSON.stringify(e.raw ?? {}),
  }));
}
