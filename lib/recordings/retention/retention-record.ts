import { z } from "zod";
import type { RecordKind } from "@/lib/records/record-kind";
import { queryRows, sqlNumber } from "@/lib/store/query-rows";
import { storeInsert } from "@/lib/store/store-call";

/**
 * A queue's recording retention as an edited record (lib/records): counter
 * versions, one winner per version, and an audit row with the days before and
 * after. `recording_retention` (migration 0022) is the projection the retention
 * job reads. A queue never set has version 0 and keeps its audio (days 0).
 */
export type RetentionState = { days: number };

export const RECORDING_RETENTION_ACTION = "recording_retention.update";

const CURRENT_SQL = `
SELECT
  (SELECT count() FROM queues WHERE tenant_id = {tenantId:String} AND queue_id = {queueId:String}) AS queueKnown,
  ifNull((SELECT argMax(days, version) FROM recording_retention WHERE tenant_id = {tenantId:String} AND queue_id = {queueId:String}), 0) AS days,
  ifNull((SELECT max(version) FROM recording_retention WHERE tenant_id = {tenantId:String} AND queue_id = {queueId:String}), 0) AS version,
  ifNull((SELECT toUnixTimestamp64Milli(argMax(updated_at, version)) FROM recording_retention WHERE tenant_id = {tenantId:String} AND queue_id = {queueId:String}), 0) AS at`;

const rowSchema = z.object({ queueKnown: sqlNumber, days: sqlNumber, version: sqlNumber, at: sqlNumber });

export const RECORDING_RETENTION_RECORD: RecordKind<RetentionState> = {
  kind: "recording_retention",
  describe: (queueId) => `queue "${queueId}"`,
  stateSchema: z.object({ days: z.number() }),
  sameState: (a, b) => a.days === b.days,
  async readProjection(ch, key) {
    const [row] = await queryRows(ch, CURRENT_SQL, { tenantId: key.tenantId, queueId: key.recordId }, rowSchema);
    if (!row || (row.queueKnown === 0 && row.version === 0)) return undefined;
    return { version: row.version, at: row.at, state: { days: row.days } };
  },
  async writeProjection(ch, key, v) {
    await storeInsert(ch, "recording_retention", [{ tenant_id: key.tenantId, queue_id: key.recordId, days: v.state.days, version: v.version, updated_at: v.at }]);
  },
  audit: {
    action: RECORDING_RETENTION_ACTION,
    target: (queueId) => `queue:${queueId}`,
    details: (before, after) => ({ before: { days: before.state.days, version: before.version }, after: { days: after.state.days, version: after.version } }),
  },
};
