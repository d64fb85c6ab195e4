import type { CtiEvent } from "@/lib/events";

/**
 * The columns of cti_events the floor reads back (time as epoch ms), fetched as
 * JSONCompactEachRow: a day of a busy centre is ~50,000 rows, and arrays parse
 * faster than objects. `raw` and `source` are not read: the floor never uses them.
 */
export const EVENT_COLUMNS = `toString(event_id), type, spec_version, toUnixTimestamp64Milli(time), tenant_id, call_id, agent_id, queue_id, leg_id, data`;

const orUndefined = (s: string): string | undefined => (s === "" ? undefined : s);

function parseObject(text: string): object | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === "object" ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A stored row back into the event that was ingested (the inverse of eventToRow).
 * Every stored event passed the full schema at ingest (the pipeline stores
 * nothing else), so this checks only the row's shape rather than validating each
 * event again, which would double the cost of a replay. A row of another shape is
 * skipped. The reducer reads `data` defensively (a missing field is ignored).
 */
export function eventFromRow(row: unknown): CtiEvent | undefined {
  if (!Array.isArray(row) || row.length !== 10) return undefined;
  const [id, type, specVersion, time, tenantId, callId, agentId, queueId, legId, data] = row as unknown[];
  if (typeof id !== "string" || typeof type !== "string" || typeof tenantId !== "string" || typeof data !== "string") return undefined;
  if (typeof callId !== "string" || typeof agentId !== "string" || typeof queueId !== "string" || typeof legId !== "string") return undefined;
  const ms = Number(time);
  const payload = parseObject(data);
  if (!Number.isFinite(ms) || payload === undefined) return undefined;
  const event = {
    specVersion,
    id,
    type,
    source: "",
    time: ms,
    tenantId,
    callId: orUndefined(callId),
    agentId: orUndefined(agentId),
    queueId: orUndefined(queueId),
    legId: orUndefined(legId),
    data: payload,
  };
  return event as unknown as CtiEvent;
}
