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
  /** Teams whose agents' contacts and state time to include; empty means all (see CONVENTIONS.team). */
  teamIds: z.array(entityId).max(200).default([]),
};

export const slVariantSchema = z.enum(SL_VARIANTS).default(QUEUE_DEFAULTS.slVariant);

const fromBeforeToCheck = (v: { from: number; to: number }): boolean => v.from < v.to;

/** Arguments for `.refine(...fromBeforeTo)` on any schema with from and to. */
export const fromBeforeTo: [typeof fromBeforeToCheck, { message: string; path: PropertyKey[] }] = [
  fromBeforeToCheck,
  { message: "from must be before to", path: ["to"] },
];

export const periodSchema = z.object(periodShape).refine(...fromBeforeTo);
export type PeriodInput = z.input<typeof periodSchema>;
export type Period = z.output<typeof periodSchema>;
