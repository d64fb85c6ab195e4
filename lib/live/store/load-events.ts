import type { ClickHouseClient } from "@clickhouse/client";
import { queryJson } from "@/lib/store/query-rows";
import type { CtiEvent } from "@/lib/events";
import type { FloorWindow } from "../window";
import { EVENT_COLUMNS, eventFromRow } from "./event-from-row";

// Supervision too: who is monitoring a call is part of the floor (apply-supervision.ts), on a restart and in replay alike.
const FLOOR_TYPES = `(startsWith(type, 'call.') OR startsWith(type, 'agent.') OR startsWith(type, 'supervision.'))`;
const AGENT_STATE_TYPES = `type IN ('agent.logged_on', 'agent.logged_off', 'agent.ready', 'agent.not_ready', 'agent.working_after_call', 'agent.busy')`;

// Each agent's latest log-on and latest other state event before the window.
const seedsSql = (bySource: boolean) => `
SELECT ${EVENT_COLUMNS}
FROM cti_events
WHERE tenant_id = {tenant:String}${bySource ? " AND source = {source:String}" : ""}
  AND time >= fromUnixTimestamp64Milli({seedFrom:Int64}) AND time < fromUnixTimestamp64Milli({from:Int64})
  AND ${AGENT_STATE_TYPES}
ORDER BY time DESC
LIMIT 1 BY agent_id, type = 'agent.logged_on'`;

const windowSql = (bounded: boolean, bySource: boolean) => `
SELECT ${EVENT_COLUMNS}
FROM cti_events
WHERE tenant_id = {tenant:String}${bySource ? " AND source = {source:String}" : ""}
  AND time >= fromUnixTimestamp64Milli({from:Int64})
  ${bounded ? "AND time <= fromUnixTimestamp64Milli({at:Int64})" : ""}
  AND ${FLOOR_TYPES}
ORDER BY time`;

async function rows(ch: ClickHouseClient, query: string, params: Record<string, unknown>): Promise<CtiEvent[]> {
  const out: CtiEvent[] = [];
  for (const row of await queryJson(ch, query, params, "JSONCompactEachRow", { kind: "live" })) {
    const e = eventFromRow(row);
    if (e) out.push(e);
  }
  return out;
}

/**
 * The stored events that rebuild the floor for `w` (see window.ts), oldest first.
 * `upToAt: false` reads everything stored since `w.from`, for the live start-up
 * snapshot (later events are then deduplicated against the live stream).
 * `source`: only that platform's events (a restarting adapter closing what its own run left open).
 */
export async function loadFloorEvents(ch: ClickHouseClient, tenantId: string, w: FloorWindow, upToAt = true, source?: string): Promise<CtiEvent[]> {
  const params = { tenant: tenantId, seedFrom: w.seedFrom, from: w.from, at: w.at, source: source ?? "" };
  const bySource = source !== undefined;
  const [seeds, events] = await Promise.all([rows(ch, seedsSql(bySource), params), rows(ch, windowSql(upToAt, bySource), params)]);
  seeds.sort((a, b) => a.time - b.time);
  return [...seeds, ...events];
}
