import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { readCallEvents } from "@/lib/calls/read-call-events";
import { queryRows } from "@/lib/store/query-rows";
import { connectedLegFrom, type AsteriskFloor } from "./floor";

/**
 * The floor as the store knows it from the queue_log import: a call's events (its leg in
 * conversation and the agent channel's uniqueid), and the member interface an agent's
 * events carry in raw.interface. Only the last LOOKBACK of agent events is read
 * (cti_events is sorted by time): an agent seen by no event for that long is not on the floor.
 */
const LOOKBACK_MS = 14 * 86_400_000;

const INTERFACE_SQL = `
SELECT JSONExtractString(raw, 'interface') AS member
FROM cti_events
WHERE tenant_id = {tenant:String} AND agent_id = {agent:String}
  AND time >= fromUnixTimestamp64Milli({from:Int64}) AND JSONExtractString(raw, 'interface') != ''
ORDER BY time DESC
LIMIT 1`;

export function storeFloor(store: () => Promise<ClickHouseClient>, tenantId: string, now: () => number = Date.now): AsteriskFloor {
  return {
    connectedLeg: async (callId) => {
      const events = await readCallEvents(await store(), tenantId, callId);
      return events === null ? undefined : connectedLegFrom(events);
    },
    memberInterface: async (agentId) => {
      const [row] = await queryRows(
        await store(),
        INTERFACE_SQL,
        { tenant: tenantId, agent: agentId, from: Math.floor(now() - LOOKBACK_MS) },
        z.object({ member: z.string() }),
      );
      return row?.member;
    },
  };
}
