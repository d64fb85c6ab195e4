import type { KpiUnit } from "@/lib/kpi/definitions";
import { formatCount, formatDuration, formatPercent } from "@/lib/tables/format";

export { formatCount };

/**
 * A KPI value as shown on a tile. Null (nothing to divide by) is a dash, never 0
 * or NaN.
 */
export function formatKpi(value: number | null, unit: KpiUnit): string {
  if (value === null || !Number.isFinite(value)) return "—";
  switch (unit) {
    case "count":
      return formatCount(value);
    case "ratio":
      return formatPercent(value);
    case "ms":
      return formatDuration(value);
  }
}

/** Inputs of a ratio as shown in "explain": durations as clocks, counts as counts. */
export function formatInput(value: number, unit: KpiUnit, side: "numerator" | "denominator"): string {
  return unit === "ms" && side === "numerator" ? `${formatDuration(value)} (${formatCount(Math.round(value))} ms)` : formatCount(value);
}
