import { z } from "zod";
import type { RecordKind } from "@/lib/records/record-kind";
import { queryRows, sqlNumber } from "@/lib/store/query-rows";
import { storeInsert } from "@/lib/store/store-call";
import { QUEUE_DEFAULTS } from "@/lib/kpi/definitions";

/**
 * A queue's KPI settings as an edited record (lib/records). The `queues` row is
 * the projection the KPI queries read; its definition_version is the record's
 * version and its updated_at rises with it, so ReplacingMergeTree(updated_at)
 * keeps the latest version.
 */

export const QUEUE_DEFINITION_ACTION = "queue_definition.update";

/** The queue's row as an edit carries it: the name is kept as it is, the settings are what admins change. */
export type QueueSettings = {
  name: string;
  slThresholdS: number;
  slVariant: string;
  shortAbandonS: number;
  shortAbandonRule: string;
  maxWaitS: number;
  slTargetPct: number;
};

const CURRENT_SQL = `
SELECT name, sl_threshold_s AS slThresholdS, sl_variant AS slVariant, short_abandon_s AS shortAbandonS,
  short_abandon_rule AS shortAbandonRule, max_wait_s AS maxWaitS, sl_target_pct AS slTargetPct, definition_version AS version, toUnixTimestamp64Milli(updated_at) AS at
FROM queues FINAL
WHERE tenant_id = {tenantId:String} AND queue_id = {queueId:String}`;

const rowSchema = z.object({
  name: z.string(),
  slThresholdS: sqlNumber,
  slVariant: z.string(),
  shortAbandonS: sqlNumber,
  shortAbandonRule: z.string(),
  maxWaitS: sqlNumber,
  slTargetPct: sqlNumber,
  version: sqlNumber,
  at: sqlNumber,
});

// Claims written before the rule and the longest wait existed read as the column defaults.
const settingsSchema = z.object({
  name: z.string(),
  slThresholdS: z.number(),
  slVariant: z.string(),
  shortAbandonS: z.number(),
  shortAbandonRule: z.string().default(QUEUE_DEFAULTS.shortAbandonRule),
  maxWaitS: z.number().default(0),
  slTargetPct: z.number().default(QUEUE_DEFAULTS.slTargetPct),
});

/** What the audit log shows of a version (definition-changes.ts reads it back). */
const audited = (s: QueueSettings, version: number) => ({
  slThresholdS: s.slThresholdS,
  slVariant: s.slVariant,
  shortAbandonS: s.shortAbandonS,
  shortAbandonRule: s.shortAbandonRule,
  maxWaitS: s.maxWaitS,
  slTargetPct: s.slTargetPct,
  definitionVersion: version,
});

export const QUEUE_DEFINITION_RECORD: RecordKind<QueueSettings> = {
  kind: "queue_definition",
  describe: (queueId) => `queue "${queueId}"`,
  stateSchema: settingsSchema,
  sameState: (a, b) =>
    a.slThresholdS === b.slThresholdS &&
    a.slVariant === b.slVariant &&
    a.shortAbandonS === b.shortAbandonS &&
    a.shortAbandonRule === b.shortAbandonRule &&
    a.maxWaitS === b.maxWaitS &&
    a.slTargetPct === b.slTargetPct,
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
        short_abandon_rule: v.state.shortAbandonRule,
        max_wait_s: v.state.maxWaitS,
        sl_target_pct: v.state.slTargetPct,
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
