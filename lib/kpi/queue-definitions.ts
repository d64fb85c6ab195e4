import { randomUUID } from "node:crypto";
import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { Conflict, NotFound } from "@/lib/errors/domain-errors";
import { SL_VARIANTS, type SlVariant } from "./definitions";
import { entityId } from "./inputs";
import { QUEUE_DEFINITION_LIMITS } from "./queue-definitions-limits";
import { queryRows, sqlNumber } from "@/lib/store/query-rows";

/**
 * An admin's change of one queue's KPI settings. Settings are read at query time
 * (segments-sql.ts), so a change re-evaluates history; the queue's
 * definition_version goes up by one, so every number computed with the new
 * settings names a version no number computed with the old ones had. Each change
 * writes one audit_log row with the settings before and after.
 *
 * `queues` is a ReplacingMergeTree(updated_at): the new row wins because its
 * updated_at is later than the row it replaces.
 */

export { QUEUE_DEFINITION_LIMITS };

export const queueDefinitionChangeSchema = z.object({
  slThresholdS: z.number().int().min(QUEUE_DEFINITION_LIMITS.slThresholdS.min).max(QUEUE_DEFINITION_LIMITS.slThresholdS.max),
  slVariant: z.enum(SL_VARIANTS),
  shortAbandonS: z.number().int().min(QUEUE_DEFINITION_LIMITS.shortAbandonS.min).max(QUEUE_DEFINITION_LIMITS.shortAbandonS.max),
  /** The version the editor saw; a later one means someone else changed it meanwhile. */
  expectedVersion: z.number().int().min(0).optional(),
});
export type QueueDefinitionChange = z.input<typeof queueDefinitionChangeSchema>;

export const updateQueueDefinitionInputSchema = z.object({
  tenantId: entityId,
  queueId: entityId,
  change: queueDefinitionChangeSchema,
  actor: z.object({ id: z.string().max(256), name: z.string().max(256), role: z.string().max(64) }),
});
export type UpdateQueueDefinitionInput = z.input<typeof updateQueueDefinitionInputSchema>;

export type QueueDefinition = {
  queueId: string;
  name: string;
  slThresholdS: number;
  slVariant: string;
  shortAbandonS: number;
  definitionVersion: number;
  updatedAt: number;
};

export type QueueDefinitionUpdate = { changed: boolean; before: QueueDefinition; after: QueueDefinition };

const CURRENT_SQL = `
SELECT queue_id AS queueId, name, sl_threshold_s AS slThresholdS, sl_variant AS slVariant, short_abandon_s AS shortAbandonS,
  definition_version AS definitionVersion, toUnixTimestamp64Milli(updated_at) AS updatedAt
FROM queues FINAL
WHERE tenant_id = {tenantId:String} AND queue_id = {queueId:String}`;

const definitionRowSchema = z.object({
  queueId: z.string(),
  name: z.string(),
  slThresholdS: sqlNumber,
  slVariant: z.string(),
  shortAbandonS: sqlNumber,
  definitionVersion: sqlNumber,
  updatedAt: sqlNumber,
});

export const QUEUE_DEFINITION_ACTION = "queue_definition.update";

function sameSettings(a: QueueDefinition, b: { slThresholdS: number; slVariant: SlVariant; shortAbandonS: number }): boolean {
  return a.slThresholdS === b.slThresholdS && a.slVariant === b.slVariant && a.shortAbandonS === b.shortAbandonS;
}

/** The next settings row: a higher version and an updated_at that sorts after the current row's. */
export function nextDefinition(
  current: QueueDefinition,
  change: { slThresholdS: number; slVariant: SlVariant; shortAbandonS: number },
  now: number,
): QueueDefinition {
  return {
    ...current,
    slThresholdS: change.slThresholdS,
    slVariant: change.slVariant,
    shortAbandonS: change.shortAbandonS,
    definitionVersion: current.definitionVersion + 1,
    updatedAt: Math.max(now, current.updatedAt + 1),
  };
}

export async function updateQueueDefinition(ch: ClickHouseClient, input: UpdateQueueDefinitionInput): Promise<QueueDefinitionUpdate> {
  const p = updateQueueDefinitionInputSchema.parse(input);
  const [current] = await queryRows(ch, CURRENT_SQL, { tenantId: p.tenantId, queueId: p.queueId }, definitionRowSchema);
  if (!current) throw new NotFound(`queue "${p.queueId}"`);
  if (p.change.expectedVersion !== undefined && p.change.expectedVersion !== current.definitionVersion) {
    throw new Conflict(`queue "${p.queueId}" was changed meanwhile (now version ${current.definitionVersion}); reload and try again`, current.definitionVersion);
  }
  // Saving the same settings again is not a change: no new version, no audit row.
  if (sameSettings(current, p.change)) return { changed: false, before: current, after: current };

  const after = nextDefinition(current, p.change, Date.now());
  await ch.insert({
    table: "queues",
    format: "JSONEachRow",
    values: [
      {
        tenant_id: p.tenantId,
        queue_id: after.queueId,
        name: after.name,
        sl_threshold_s: after.slThresholdS,
        sl_variant: after.slVariant,
        short_abandon_s: after.shortAbandonS,
        definition_version: after.definitionVersion,
        updated_at: after.updatedAt,
      },
    ],
  });
  const pick = (d: QueueDefinition) => ({
    slThresholdS: d.slThresholdS,
    slVariant: d.slVariant,
    shortAbandonS: d.shortAbandonS,
    definitionVersion: d.definitionVersion,
  });
  await ch.insert({
    table: "audit_log",
    format: "JSONEachRow",
    values: [
      {
        tenant_id: p.tenantId,
        id: randomUUID(),
        at: after.updatedAt,
        actor: p.actor.id || p.actor.name,
        role: p.actor.role,
        action: QUEUE_DEFINITION_ACTION,
        target: `queue:${p.queueId}`,
        details: JSON.stringify({ actorName: p.actor.name, before: pick(current), after: pick(after) }),
      },
    ],
  });
  return { changed: true, before: current, after };
}
