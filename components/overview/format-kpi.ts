import type { KpiUnit } from "@/lib/kpi/definitions";
import { formatDuration } from "@/lib/time/format-duration";

const countFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const percentFormat = new Intl.NumberFormat("en-US", { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });

/**
 * A KPI value as shown on a tile. One fixed locale, so a number reads the same in
 * every browser and in screenshots shared between sites; null (nothing to divide
 * by) is a dash, never 0 or NaN.
 */
export function formatKpi(value: number | null, unit: KpiUnit): string {
  if (value === null || !Number.isFinite(value)) return "—";
  switch (unit) {
    case "count":
      return countFormat.format(value);
    case "ratio":
      return percentFormat.format(value);
    case "ms":
      return formatDuration(value);
  }
}

export const formatCount = (n: number): string => countFormat.format(n);

/** Inputs of a ratio as shown in "explain": durations as clocks, counts as counts. */
export function formatInput(value: number, unit: KpiUnit, side: "numerator" | "denominator"): string {
  return unit === "ms" && side === "numerator" ? `${formatDuration(value)} (${countFormat.format(Math.round(value))} ms)` : countFormat.format(value);
}
