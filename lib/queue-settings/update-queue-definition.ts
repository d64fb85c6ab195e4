import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { editRecord } from "@/lib/records/edit-record";
import type { Versioned } from "@/lib/records/record-kind";
import { SHORT_ABANDON_RULES, SL_VARIANTS } from "@/lib/kpi/definitions";
import { entityId } from "@/lib/kpi/inputs";
import { QUEUE_DEFINITION_ACTION, QUEUE_DEFINITION_RECORD, type QueueSettings } from "./queue-definition-record";
import { QUEUE_DEFINITION_LIMITS } from "./limits";
import { getLiveFloor } from "@/lib/live/registry";
import { loadDirectory } from "@/lib/live/store/directory";
import { outsideRequest } from "@/lib/store/request-signal";

/**
 * An admin's change of one queue's KPI settings. Settings are read at query time
 * (segments-sql.ts), so a change re-evaluates history; the queue's
 * definition_version goes up by one, so every number computed with the new
 * settings names a version no number computed with the old ones had. Each change
 * writes one audit_log row with the settings before and after. The change is an
 * edit of a versioned record (lib/records): of concurrent saves of the same
 * version exactly one wins, the others get a Conflict.
 */

export { QUEUE_DEFINITION_ACTION, QUEUE_DEFINITION_LIMITS };

export const queueDefinitionChangeSchema = z.object({
  slThresholdS: z.number().int().min(QUEUE_DEFINITION_LIMITS.slThresholdS.min).max(QUEUE_DEFINITION_LIMITS.slThresholdS.max),
  slVariant: z.enum(SL_VARIANTS),
  shortAbandonS: z.number().int().min(QUEUE_DEFINITION_LIMITS.shortAbandonS.min).max(QUEUE_DEFINITION_LIMITS.shortAbandonS.max),
  /** Whether a wait of exactly shortAbandonS is short; absent keeps the queue's current rule. */
  shortAbandonRule: z.enum(SHORT_ABANDON_RULES).optional(),
  /** The queue's longest possible wait in seconds (0 = not known, the default applies); absent keeps the current one. */
  maxWaitS: z.number().int().min(QUEUE_DEFINITION_LIMITS.maxWaitS.min).max(QUEUE_DEFINITION_LIMITS.maxWaitS.max).optional(),
  /** The service-level target in percent (the "80" of 80/20); absent keeps the current one. */
  slTargetPct: z.number().min(QUEUE_DEFINITION_LIMITS.slTargetPct.min).max(QUEUE_DEFINITION_LIMITS.slTargetPct.max).optional(),
  /** The version the editor saw; a later one means someone else changed it meanwhile. */
  expectedVersion: z.number().int().min(0).optional(),
});
export type QueueDefinitionChange = z.input<typeof queueDefinitionChangeSchema>;

export const updateQueueDefinitionInputSchema = z.object({
  tenantId: entityId,
  queueId: entityId,
  change: queueDefinitionChangeSchema,
  actor: z.object({ id: z.string().max(256), name: z.string().max(256), role: z.string().max(64), from: z.string().max(256).optional() }),
});
export type UpdateQueueDefinitionInput = z.input<typeof updateQueueDefinitionInputSchema>;

export type QueueDefinition = {
  queueId: string;
  name: string;
  slThresholdS: number;
  slVariant: string;
  shortAbandonS: number;
  shortAbandonRule: string;
  maxWaitS: number;
  slTargetPct: number;
  definitionVersion: number;
  updatedAt: number;
};

export type QueueDefinitionUpdate = { changed: boolean; before: QueueDefinition; after: QueueDefinition };

const toDefinition = (queueId: string, v: Versioned<QueueSettings>): QueueDefinition => ({
  queueId,
  ...v.state,
  definitionVersion: v.version,
  updatedAt: v.at,
});

export async function updateQueueDefinition(ch: ClickHouseClient, input: UpdateQueueDefinitionInput): Promise<QueueDefinitionUpdate> {
  const p = updateQueueDefinitionInputSchema.parse(input);
  const { slThresholdS, slVariant, shortAbandonS, shortAbandonRule, maxWaitS, slTargetPct, expectedVersion } = p.change;
  const r = await editRecord(ch, QUEUE_DEFINITION_RECORD, {
    tenantId: p.tenantId,
    recordId: p.queueId,
    expectedVersion,
    actor: p.actor,
    change: (current) => ({
      ...current,
      slThresholdS,
      slVariant,
      shortAbandonS,
      shortAbandonRule: shortAbandonRule ?? current.shortAbandonRule,
      maxWaitS: maxWaitS ?? current.maxWaitS,
      slTargetPct: slTargetPct ?? current.slTargetPct,
    }),
  });
  // This process's wallboards take the new target and threshold now, not at the floor's next 30 s refresh
  // (other processes do then); read even if the editor's request has gone, as thresholds do.
  const floor = getLiveFloor();
  if (r.changed && floor) floor.setDirectory(await outsideRequest(() => loadDirectory(ch, p.tenantId)));
  return { changed: r.changed, before: toDefinition(p.queueId, r.before), after: toDefinition(p.queueId, r.after) };
}
