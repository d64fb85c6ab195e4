import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { QUEUE_DEFAULTS } from "@/lib/kpi/definitions";
import { entityId } from "@/lib/kpi/inputs";
import { QUEUE_DEFINITION_ACTION } from "@/lib/queue-settings/update-queue-definition";
import { queryRows, sqlNumber } from "@/lib/store/query-rows";

/** The latest definition changes from the audit log, newest first, for the definitions page. */

export const DEFINITION_CHANGES_SQL = `
SELECT toUnixTimestamp64Milli(at) AS at, actor, role, target, details
FROM audit_log
WHERE tenant_id = {tenantId:String} AND action = {action:String}
ORDER BY at DESC, id
LIMIT {limit:UInt32}`;

const changeRowSchema = z.object({ at: sqlNumber, actor: z.string(), role: z.string(), target: z.string(), details: z.string() });
export type DefinitionChangeRow = z.output<typeof changeRowSchema>;

const settingsSchema = z.object({
  slThresholdS: z.number(),
  slVariant: z.string(),
  shortAbandonS: z.number(),
  // Absent in changes audited before these settings existed: the defaults then applied.
  shortAbandonRule: z.string().default("below"),
  maxWaitS: z.number().default(0),
  slTargetPct: z.number().default(QUEUE_DEFAULTS.slTargetPct),
  definitionVersion: z.number(),
});
const detailsSchema = z.object({ actorName: z.string().optional(), before: settingsSchema, after: settingsSchema });

export type DefinitionChange = {
  at: number;
  actor: string;
  role: string;
  queueId: string;
  before: z.output<typeof settingsSchema>;
  after: z.output<typeof settingsSchema>;
};

export const definitionChangesInputSchema = z.object({ tenantId: entityId, limit: z.number().int().min(1).max(500).default(20) });
export type DefinitionChangesInput = z.input<typeof definitionChangesInputSchema>;

/** Rows whose details do not parse (written by another version) are skipped, not fatal. */
export function prepareDefinitionChanges(rows: readonly DefinitionChangeRow[]): DefinitionChange[] {
  const out: DefinitionChange[] = [];
  for (const r of rows) {
    let json: unknown;
    try {
      json = JSON.parse(r.details);
    } catch {
      continue;
    }
    const d = detailsSchema.safeParse(json);
    if (!d.success) continue;
    out.push({
      at: r.at,
      actor: d.data.actorName || r.actor,
      role: r.role,
      queueId: r.target.replace(/^queue:/, ""),
      before: d.data.before,
      after: d.data.after,
    });
  }
  return out;
}

export async function listDefinitionChanges(ch: ClickHouseClient, input: DefinitionChangesInput): Promise<DefinitionChange[]> {
  const p = definitionChangesInputSchema.parse(input);
  const rows = await queryRows(ch, DEFINITION_CHANGES_SQL, { tenantId: p.tenantId, action: QUEUE_DEFINITION_ACTION, limit: p.limit }, changeRowSchema);
  return prepareDefinitionChanges(rows);
}
