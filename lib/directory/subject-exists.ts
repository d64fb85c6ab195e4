import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { queryRows, sqlNumber } from "@/lib/store/query-rows";

const countSchema = z.object({ n: sqlNumber });

const QUEUE_SQL = `SELECT count() AS n FROM queues FINAL WHERE tenant_id = {tenantId:String} AND queue_id = {id:String}`;

/**
 * An agent is known by a directory row or, for platforms that never send one
 * (a queue_log import), by any state time recorded for it.
 */
const AGENT_SQL = `
SELECT
  (SELECT count() FROM agents FINAL WHERE tenant_id = {tenantId:String} AND agent_id = {id:String})
  + (SELECT count() FROM (SELECT 1 FROM agent_state_daily WHERE tenant_id = {tenantId:String} AND agent_id = {id:String} LIMIT 1)) AS n`;

async function counted(ch: ClickHouseClient, sql: string, tenantId: string, id: string): Promise<boolean> {
  const [row] = await queryRows(ch, sql, { tenantId, id }, countSchema);
  return (row?.n ?? 0) > 0;
}

/** Whether a queue is configured: a page about an unknown one is "not found", not a dozen zero tiles. */
export function queueExists(ch: ClickHouseClient, tenantId: string, queueId: string): Promise<boolean> {
  return counted(ch, QUEUE_SQL, tenantId, queueId);
}

/** Whether the store knows an agent: a page about an unknown one is "not found", not "was not logged on". */
export function agentExists(ch: ClickHouseClient, tenantId: string, agentId: string): Promise<boolean> {
  return counted(ch, AGENT_SQL, tenantId, agentId);
}
