import type { ClickHouseClient } from "@clickhouse/client";
import { queryJson } from "@/lib/store/query-rows";
import type { CtiEvent } from "@/lib/events";
import { EVENT_COLUMNS, eventFromRow } from "@/lib/live/store/event-from-row";

/**
 * Every stored event of one call, oldest first, or null when the call is unknown.
 *
 * cti_events is sorted by time, so a lookup by call id alone would read the whole
 * history. The `calls` table (sorted by call id) gives the call's span first; the
 * events are then read inside it, with an hour of margin after the end for after-call
 * work and late transcript segments, and a day when the call has not ended.
 */
const SPAN_SQL = `
SELECT toUnixTimestamp64Milli(min(offered_at)) AS from_ms, toUnixTimestamp64Milli(max(ended_at)) AS to_ms
FROM calls WHERE tenant_id = {tenant:String} AND call_id = {call:String}
HAVING count() > 0`;

const EVENTS_SQL = `
SELECT ${EVENT_COLUMNS}
FROM cti_events
WHERE tenant_id = {tenant:String} AND call_id = {call:String}
  AND time >= fromUnixTimestamp64Milli({from:Int64}) AND time <= fromUnixTimestamp64Milli({to:Int64})
ORDER BY time, event_id
LIMIT 1 BY event_id`;

const AFTER_END_MS = 3_600_000;
const OPEN_CALL_MS = 86_400_000;
const BEFORE_OFFER_MS = 60_000;

export async function readCallEvents(ch: ClickHouseClient, tenantId: string, callId: string): Promise<CtiEvent[] | null> {
  const spans = await queryJson(ch, SPAN_SQL, { tenant: tenantId, call: callId }, "JSONCompactEachRow");
  const span = spans[0];
  if (!Array.isArray(span)) return null;
  const from = Number(span[0]);
  const ended = Number(span[1]);
  // An unset end reads as the epoch: a call still in progress.
  const to = ended > from ? ended + AFTER_END_MS : from + OPEN_CALL_MS;
  const rows = await queryJson(ch, EVENTS_SQL, { tenant: tenantId, call: callId, from: from - BEFORE_OFFER_MS, to }, "JSONCompactEachRow");
  const events: CtiEvent[] = [];
  for (const row of rows) {
    const e = eventFromRow(row);
    if (e) events.push(e);
  }
  return events;
}
