import { computeKpi } from "@/lib/kpi/formulas";
import { isShortAbandonWait, type SlVariant } from "@/lib/kpi/definitions";
import { ZERO_COUNTS } from "@/lib/kpi/kpi-counts";
import type { QueueToday } from "./state";

/** Names and KPI settings from the store's dimension tables; ids stand in for names not (yet) known. */
export type QueueDefinition = {
  id: string;
  name: string;
  slThresholdS: number;
  slVariant: SlVariant;
  shortAbandonS: number;
  /** "below" (default) or "at_or_below": whether a wait of exactly shortAbandonS is short. */
  shortAbandonRule?: string;
  /** The service-level target in percent (QUEUE_DEFAULTS.slTargetPct when not known). */
  slTargetPct?: number;
};

/** A service level with the numbers it is made of, as the wallboard shows it. */
export type ServiceLevelFigure = { value: number | null; numerator: number; denominator: number };

/** The contacts a service level is computed over: their waits by outcome, and how many were offered. */
export type QueueOutcomes = Pick<QueueToday, "offered" | "answeredWaits" | "abandonedWaits" | "timedOut" | "otherExits">;

export const shortAbandons = (o: QueueOutcomes, def: QueueDefinition): number =>
  o.abandonedWaits.filter((w) => isShortAbandonWait(w, def.shortAbandonS, def.shortAbandonRule)).length;

/** Service level with the queue's own threshold and variant (the KPI engine's formulas). */
export function serviceLevelOf(o: QueueOutcomes, def: QueueDefinition): ServiceLevelFigure {
  const withinMs = def.slThresholdS * 1000;
  const counts = {
    ...ZERO_COUNTS,
    offered: o.offered,
    answered: o.answeredWaits.length,
    abandoned: o.abandonedWaits.length,
    answeredWithin: o.answeredWaits.filter((w) => w <= withinMs).length,
    abandonedWithin: o.abandonedWaits.filter((w) => w <= withinMs).length,
    shortAbandoned: shortAbandons(o, def),
    timedOut: o.timedOut,
    otherExits: o.otherExits,
    // Offered and not yet out of the queue: no outcome to judge yet (CONVENTIONS.decided).
    inProgress: Math.max(0, o.offered - o.answeredWaits.length - o.abandonedWaits.length - o.timedOut - o.otherExits),
  };
  const sl = computeKpi("service_level", counts, def.slVariant);
  return { value: sl.value, numerator: sl.numerator ?? 0, denominator: sl.denominator ?? 0 };
}
