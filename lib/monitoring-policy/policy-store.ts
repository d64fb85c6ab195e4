import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import type { Actor } from "@/lib/audit/write-audit";
import { editRecord } from "@/lib/records/edit-record";
import { queryRows, sqlFlag, sqlNumber } from "@/lib/store/query-rows";
import { DEFAULT_MONITORING_POLICY, type MonitoringPolicy, type QueueMonitoringPolicy } from "./policy";
import { MONITORING_POLICY_RECORD } from "./policy-record";

const POLICIES_SQL = `
SELECT queue_id AS queueId, monitoring, whisper, barge, notify_agent AS notifyAgent, barge_tone AS bargeTone, version
FROM queue_monitoring_policy FINAL
WHERE tenant_id = {tenantId:String} AND (empty({queueIds:Array(String)}) OR has({queueIds:Array(String)}, queue_id))`;

const policyRowSchema = z.object({
  queueId: z.string(),
  monitoring: sqlFlag,
  whisper: sqlFlag,
  barge: sqlFlag,
  notifyAgent: sqlFlag,
  bargeTone: sqlFlag,
  version: sqlNumber,
});

/** The policies of these queues (every queue with a saved one when empty); a queue never set has the defaults at version 0. */
export async function queuePolicies(ch: ClickHouseClient, tenantId: string, queueIds: readonly string[] = []): Promise<Map<string, QueueMonitoringPolicy>> {
  const rows = await queryRows(ch, POLICIES_SQL, { tenantId, queueIds: [...queueIds] }, policyRowSchema);
  const out = new Map<string, QueueMonitoringPolicy>(queueIds.map((queueId) => [queueId, { queueId, ...DEFAULT_MONITORING_POLICY, version: 0 }]));
  for (const r of rows) out.set(r.queueId, r);
  return out;
}

/** One queue's policy. */
export async function policyOf(ch: ClickHouseClient, tenantId: string, queueId: string): Promise<QueueMonitoringPolicy> {
  return (await queuePolicies(ch, tenantId, [queueId])).get(queueId) ?? { queueId, ...DEFAULT_MONITORING_POLICY, version: 0 };
}

export type PolicyChange = { policy: MonitoringPolicy; expectedVersion?: number };

/** An admin sets a queue's policy: the next version of the record (a 409 if `expectedVersion` is no longer current), audited. */
export async function savePolicy(ch: ClickHouseClient, tenantId: string, queueId: string, change: PolicyChange, actor: Actor): Promise<QueueMonitoringPolicy> {
  const r = await editRecord(ch, MONITORING_POLICY_RECORD, {
    tenantId,
    recordId: queueId,
    ...(change.expectedVersion !== undefined ? { expectedVersion: change.expectedVersion } : {}),
    actor,
    change: () => change.policy,
  });
  return { queueId, ...r.after.state, version: r.after.version };
}
