import { z } from "zod";
import { QUEUE_DEFAULTS, SL_VARIANTS } from "./definitions";

/**
 * Input shapes shared by the KPI queries. Route handlers can parse requests with
 * the per-query schemas built from these; the query functions parse again, since
 * the whitelisted names (interval, sort column, filter) pick SQL text.
 */

export const epochMs = z.number().int().min(0).max(8_000_000_000_000);
export const entityId = z.string().min(1).max(128);

export const periodShape = {
  tenantId: entityId,
  /** Inclusive start, epoch ms. */
  from: epochMs,
  /** Exclusive end, epoch ms. */
  to: epochMs,
  /** Queues to include; empty means all. */
  queueIds: z.array(entityId).max(1000).default([]),
};

export const slVariantSchema = z.enum(SL_VARIANTS).default(QUEUE_DEFAULTS.slVariant);

export const fromBeforeTo = [
  (v: { from: number; to: number }) => v.from < v.to,
  { message: "from must be before to", path: ["to"] },
] as const;

export const periodSchema = z.object(periodShape).refine(...fromBeforeTo);
export type PeriodInput = z.input<typeof periodSchema>;
export type Period = z.output<typeof periodSchema>;
