import { KPI_IDS, QUEUE_DEFAULTS, kpiDefinition, type CountExpr, type KpiId, type SlVariant } from "./definitions";
import type { KpiCounts } from "./kpi-counts";
import { markNotApplicable, type NotApplicable, type PeopleScope } from "./not-applicable";

/**
 * Pure KPI arithmetic over KpiCounts. Values are evaluated from each definition's
 * declared inputs, so the number shown and its "explain" (numerator, denominator)
 * can never disagree. A zero denominator gives null, never NaN or Infinity.
 */

export type KpiParts = { numerator?: number; denominator?: number };
/** `notApplicable` (value null) when the KPI means nothing in the scope (lib/kpi/not-applicable.ts). */
export type KpiResult = KpiParts & { value: number | null; notApplicable?: NotApplicable };

export function evalExpr(expr: CountExpr, counts: Readonly<KpiCounts>): number {
  const plus = expr.plus.reduce((sum, name) => sum + counts[name], 0);
  const minus = (expr.minus ?? []).reduce((sum, name) => sum + counts[name], 0);
  return plus - minus;
}

/** The numerator and denominator behind a KPI (for "explain"); counts and maxima have neither. */
export function kpiParts(id: KpiId, counts: Readonly<KpiCounts>, variant: SlVariant = QUEUE_DEFAULTS.slVariant): KpiParts {
  const { inputs } = kpiDefinition(id, variant);
  if (inputs.kind !== "ratio") return {};
  return { numerator: evalExpr(inputs.numerator, counts), denominator: evalExpr(inputs.denominator, counts) };
}

export function kpiValue(id: KpiId, counts: Readonly<KpiCounts>, variant: SlVariant = QUEUE_DEFAULTS.slVariant): number | null {
  return computeKpi(id, counts, variant).value;
}

export function computeKpi(id: KpiId, counts: Readonly<KpiCounts>, variant: SlVariant = QUEUE_DEFAULTS.slVariant): KpiResult {
  const { inputs } = kpiDefinition(id, variant);
  switch (inputs.kind) {
    case "count":
      return { value: counts[inputs.value] };
    case "max":
      return { value: counts[inputs.over] > 0 ? counts[inputs.value] : null };
    case "ratio": {
      const numerator = evalExpr(inputs.numerator, counts);
      const denominator = evalExpr(inputs.denominator, counts);
      // <= 0 rather than === 0: inconsistent input (e.g. more short abandons than offered) must not yield a negative rate.
      return { value: denominator <= 0 ? null : numerator / denominator, numerator, denominator };
    }
  }
}

/** Every KPI; counted per person (`scope`), those built on unanswered calls are not applicable. */
export function computeKpis(counts: Readonly<KpiCounts>, variant: SlVariant = QUEUE_DEFAULTS.slVariant, scope: PeopleScope | null = null): Record<KpiId, KpiResult> {
  const out = {} as Record<KpiId, KpiResult>;
  for (const id of KPI_IDS) out[id] = computeKpi(id, counts, variant);
  return markNotApplicable(out, variant, scope);
}
