import type { KpiResult, KpiSummary } from "@/lib/kpi";
import type { KpiId } from "@/lib/kpi/definitions";
import { formatCount, formatDuration } from "@/lib/tables/format";
import type { Polarity } from "@/components/kit/delta-model";

/**
 * Which KPIs a dashboard shows as tiles, in the order a supervisor reads them,
 * each with whether its going up is good news, and one line of context.
 */
export type TileSpec = { id: KpiId; title: string; polarity: Polarity };

export const OVERVIEW_TILES: readonly TileSpec[] = [
  { id: "offered", title: "Offered", polarity: "neutral" },
  { id: "answered", title: "Answered", polarity: "up_good" },
  { id: "abandoned", title: "Abandoned", polarity: "down_good" },
  { id: "abandon_rate", title: "Abandon rate", polarity: "down_good" },
  { id: "short_abandoned", title: "Short abandons", polarity: "neutral" },
  { id: "service_level", title: "Service level", polarity: "up_good" },
  { id: "asa", title: "ASA", polarity: "down_good" },
  { id: "avg_wait", title: "Average wait", polarity: "down_good" },
  { id: "longest_wait", title: "Longest wait", polarity: "down_good" },
  { id: "aht", title: "AHT", polarity: "neutral" },
  { id: "transfer_rate", title: "Transfer rate", polarity: "down_good" },
  { id: "timed_out", title: "Timed out", polarity: "down_good" },
];

export const AGENT_TILES: readonly TileSpec[] = [
  { id: "answered", title: "Answered", polarity: "up_good" },
  { id: "aht", title: "AHT", polarity: "neutral" },
  { id: "avg_hold", title: "Average hold", polarity: "down_good" },
  { id: "transfer_rate", title: "Transfer rate", polarity: "down_good" },
  { id: "occupancy", title: "Occupancy", polarity: "neutral" },
  { id: "asa", title: "ASA", polarity: "down_good" },
];

type Counts = KpiSummary["counts"];
type Kpis = Record<KpiId, KpiResult>;

/** The three parts of AHT per handled contact; they add up to AHT. */
export function ahtSplitText(c: Counts): string | undefined {
  if (c.handled === 0) return undefined;
  const per = (ms: number) => formatDuration(ms / c.handled);
  return `talk ${per(c.talkMsSum)} · hold ${per(c.holdMsSum)} · ACW ${per(c.acwMsSum)}`;
}

/** One line of context under a number; undefined when there is nothing to say. */
export function tileContext(id: KpiId, c: Counts, k: Kpis, threshold: string): string | undefined {
  switch (id) {
    case "offered":
      // With a team filter nobody's abandons are the team's: offered is what its agents answered.
      return k.abandoned.notApplicable ? "answered by the team's agents" : `${formatCount(c.answered)} answered · ${formatCount(c.abandoned)} abandoned`;
    case "answered":
      // With a team filter offered is what the team answered: "1,632 of 1,632" would say nothing.
      if (k.abandoned.notApplicable) return "by the team's agents";
      return c.offered > 0 ? `of ${formatCount(c.offered)} offered` : undefined;
    case "abandoned":
      return c.offered > 0 ? `${formatCount(c.shortAbandoned)} of them short` : "no calls offered";
    case "abandon_rate":
      return c.offered > 0 ? `${formatCount(c.abandoned)} of ${formatCount(c.offered)} offered` : "no calls offered";
    case "short_abandoned":
      return "hung up within the short-abandon threshold";
    case "timed_out":
      return "left when the queue's maximum wait expired";
    case "asa":
      return c.answered > 0 ? `mean wait, ${formatCount(c.answered)} answered` : "no calls answered";
    case "avg_wait":
      return c.offered > 0 ? `mean wait, all ${formatCount(c.offered)} offered` : "no calls offered";
    case "longest_wait":
      return c.offered > 0 ? "any outcome" : "no calls offered";
    case "service_level":
      return k.service_level.denominator ? `${formatCount(k.service_level.numerator ?? 0)} of ${formatCount(k.service_level.denominator)} ${threshold}` : threshold;
    case "aht":
      return ahtSplitText(c) ?? "no calls handled";
    case "avg_hold":
      return c.heldCount > 0 ? `${formatCount(c.heldCount)} of ${formatCount(c.handled)} handled were held` : "no calls held";
    case "transfer_rate":
      return c.handled > 0 ? `${formatCount(c.transferred)} of ${formatCount(c.handled)} handled` : "no calls handled";
    case "occupancy":
      return "time on calls and ACW / (that + ready)";
    default:
      return undefined;
  }
}
