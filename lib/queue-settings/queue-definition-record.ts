import { z } from "zod";
import type { RecordKind } from "@/lib/records/record-kind";
import { queryRows, sqlNumber } from "@/lib/store/query-rows";
import { storeInsert } from "@/lib/store/store-call";

/**
 * A queue's KPI settings as an edited record (lib/records). The `queues` row is
 * the projection the KPI queries read; its definition_version is the record's
 * version and its updated_at rises with it, so ReplacingMergeTree(updated_at)
 * keeps the latest version.
 */

export const QUEUE_DEFINITION_ACTION = "queue_definition.update";

/** The queue's row as an edit carries it: the name is kept as it is, the three settings are what admins change. */
export type QueueSettings = { name: string; slThresholdS: number; slVariant: string; shortAbandonS: number };

const CURRENT_SQL = `
SELECT name, sl_threshold_s AS slThresholdS, sl_variant AS slVariant, short_abandon_s AS shortAbandonS,
  definition_version AS version, toUnixTimestamp64Milli(updated_at) AS at
FROM queues FINAL
WHERE tenant_id = {tenantId:String} AND queue_id = {queueId:String}`;

const rowSchema = z.object({ name: z.string(), slThresholdS: sqlNumber, slVariant: z.string(), shortAbandonS: sqlNumber, version: sqlNumber, at: sqlNumber });

const settingsSchema = z.object({ name: z.string(), slThresholdS: z.number(), slVariant: z.string(), shortAbandonS: z.number() });

/** What the audit log shows of a version (definition-changes.ts reads it back). */
const audited = (s: QueueSettings, version: number) => ({
  slThresholdS: s.slThresholdS,
  slVariant: s.slVariant,
  shortAbandonS: s.shortAbandonS,
  definitionVersion: version,
});

export const QUEUE_DEFINITION_RECORD: RecordKind<QueueSettings> = {
  kind: "queue_definition",
  describe: (queueId) => `queue "${queueId}"`,
  stateSchema: settingsSchema,
  sameState: (a, b) => a.slThresholdS === b.slThresholdS && a.slVariant === b.slVariant && a.shortAbandonS === b.shortAbandonS,
  async readProjection(ch, key) {
    const [row] = await queryRows(ch, CURRENT_SQL, { tenantId: key.tenantId, queueId: key.recordId }, rowSchema);
    if (!row) return undefined;
    const { version, at, ...state } = row;
    return { version, at, state };
  },
  async writeProjection(ch, key, v) {
    await storeInsert(ch, "queues", [
      {
        tenant_id: key.tenantId,
        queue_id: key.recordId,
        name: v.state.name,
        sl_threshold_s: v.state.slThresholdS,
        sl_variant: v.state.slVariant,
        short_abandon_s: v.state.shortAbandonS,
        definition_version: v.version,
        updated_at: v.at,
      },
    ]);
  },
  audit: {
    action: QUEUE_DEFINITION_ACTION,
    target: (queueId) => `queue:${queueId}`,
    details: (before, after) => ({ before: audited(before.state, before.version), after: audited(after.state, after.version) }),
  },
};
