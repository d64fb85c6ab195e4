import { z } from "zod";
import type { RecordKind } from "@/lib/records/record-kind";
import { queryRows, sqlFlag, sqlNumber } from "@/lib/store/query-rows";
import { storeInsert } from "@/lib/store/store-call";
import { DEFAULT_MONITORING_POLICY, type MonitoringPolicy } from "./policy";

/**
 * A queue's monitoring policy as an edited record (lib/records): counter versions, one
 * winner per version, an audit row with before and after. `queue_monitoring_policy`
 * (migration 0027) is the projection the monitoring service reads. A queue never set has
 * version 0 and the defaults.
 */
const OF_QUEUE = "FROM queue_monitoring_policy WHERE tenant_id = {tenantId:String} AND queue_id = {queueId:String}";
const CURRENT_SQL = `
SELECT
  (SELECT count() FROM queues WHERE tenant_id = {tenantId:String} AND queue_id = {queueId:String}) AS queueKnown,
  ifNull((SELECT max(version) ${OF_QUEUE}), 0) AS version,
  ifNull((SELECT toUnixTimestamp64Milli(argMax(updated_at, version)) ${OF_QUEUE}), 0) AS at,
  ifNull((SELECT argMax(monitoring, version) ${OF_QUEUE}), 0) AS monitoring,
  ifNull((SELECT argMax(whisper, version) ${OF_QUEUE}), 0) AS whisper,
  ifNull((SELECT argMax(barge, version) ${OF_QUEUE}), 0) AS barge,
  ifNull((SELECT argMax(notify_agent, version) ${OF_QUEUE}), 0) AS notifyAgent,
  ifNull((SELECT argMax(barge_tone, version) ${OF_QUEUE}), 0) AS bargeTone`;

const rowSchema = z.object({
  queueKnown: sqlNumber,
  version: sqlNumber,
  at: sqlNumber,
  monitoring: sqlFlag,
  whisper: sqlFlag,
  barge: sqlFlag,
  notifyAgent: sqlFlag,
  bargeTone: sqlFlag,
});

export const policyStateSchema = z.object({ monitoring: z.boolean(), whisper: z.boolean(), barge: z.boolean(), notifyAgent: z.boolean(), bargeTone: z.boolean() });

const same = (a: MonitoringPolicy, b: MonitoringPolicy) =>
  a.monitoring === b.monitoring && a.whisper === b.whisper && a.barge === b.barge && a.notifyAgent === b.notifyAgent && a.bargeTone === b.bargeTone;

export const MONITORING_POLICY_RECORD: RecordKind<MonitoringPolicy> = {
  kind: "monitoring_policy",
  describe: (queueId) => `the monitoring policy of queue "${queueId}"`,
  stateSchema: policyStateSchema,
  sameState: same,
  async readProjection(ch, key) {
    const [row] = await queryRows(ch, CURRENT_SQL, { tenantId: key.tenantId, queueId: key.recordId }, rowSchema);
    if (!row || (row.queueKnown === 0 && row.version === 0)) return undefined;
    if (row.version === 0) return { version: 0, at: 0, state: { ...DEFAULT_MONITORING_POLICY } };
    const { monitoring, whisper, barge, notifyAgent, bargeTone } = row;
    return { version: row.version, at: row.at, state: { monitoring, whisper, barge, notifyAgent, bargeTone } };
  },
  async writeProjection(ch, key, v) {
    const s = v.state;
    await storeInsert(ch, "queue_monitoring_policy", [
      {
        tenant_id: key.tenantId,
        queue_id: key.recordId,
        monitoring: Number(s.monitoring),
        whisper: Number(s.whisper),
        barge: Number(s.barge),
        notify_agent: Number(s.notifyAgent),
        barge_tone: Number(s.bargeTone),
        version: v.version,
        updated_at: v.at,
      },
    ]);
  },
  audit: {
    action: "monitoring.policy_changed",
    target: (queueId) => `queue:${queueId}`,
    details: (before, after) => ({ before: { ...before.state, version: before.version }, after: { ...after.state, version: after.version } }),
  },
};
