import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { readCallEvents } from "@/lib/calls/read-call-events";
import { queryRows } from "@/lib/store/query-rows";
import { connectedLegFrom, STATE_OF, type AsteriskFloor } from "./floor";

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

/** Members: a logged_on naming the queue, or a call of the queue that reached the agent; each with its latest agent event and interface. */
const MEMBERS_SQL = `
SELECT agent_id AS agentId,
       argMaxIf(type, time, startsWith(type, 'agent.')) AS latestType,
       toUnixTimestamp64Milli(maxIf(time, startsWith(type, 'agent.'))) AS since,
       argMaxIf(JSONExtractString(data, 'reasonCode'), time, startsWith(type, 'agent.')) AS reasonCode,
       argMaxIf(JSONExtractString(raw, 'interface'), time, JSONExtractString(raw, 'interface') != '') AS member,
       countIf(queue_id = {queue:String} OR (type = 'agent.logged_on' AND has(JSONExtract(data, 'queues', 'Array(String)'), {queue:String}))) AS inQueue
FROM cti_events
WHERE tenant_id = {tenant:String} AND agent_id != '' AND time >= fromUnixTimestamp64Milli({from:Int64})
GROUP BY agent_id
HAVING inQueue > 0`;

const QUEUE_SQL = `
SELECT count() AS n FROM cti_events
WHERE tenant_id = {tenant:String} AND queue_id = {queue:String} AND time >= fromUnixTimestamp64Milli({from:Int64})`;

// The latest state is aliased apart from `type`: an alias shadowing the column would put one aggregate inside the others.
const memberRow = z.object({
  agentId: z.string(),
  latestType: z.string(),
  since: z.coerce.number(),
  reasonCode: z.string(),
  member: z.string(),
  inQueue: z.coerce.number(),
});

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
    queueMembers: async (queueId) => {
      const params = { tenant: tenantId, queue: queueId, from: Math.floor(now() - LOOKBACK_MS) };
      const client = await store();
      const rows = await queryRows(client, MEMBERS_SQL, params, memberRow);
      if (rows.length === 0) {
        const [seen] = await queryRows(client, QUEUE_SQL, params, z.object({ n: z.coerce.number() }));
        if ((seen?.n ?? 0) === 0) return undefined;
      }
      return rows
        .filter((r) => r.member !== "" && r.latestType !== "")
        .map((r) => ({
          agentId: r.agentId,
          memberInterface: r.member,
          state: STATE_OF[r.latestType] ?? "logged_off",
          since: r.since,
          ...(r.latestType === "agent.not_ready" && r.reasonCode !== "" ? { reasonCode: r.reasonCode } : {}),
        }));
    },
  };
}
