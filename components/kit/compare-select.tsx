"use client";

import { COMPARISONS, COMPARISON_LABELS, DEFAULT_COMPARISON, parseComparison, type Comparison } from "@/lib/time/comparisons";
import { useView } from "@/components/kit/use-view";
import { useHydrated } from "@/components/kit/use-hydrated";

/** The view's comparison as the URL keeps it (?cmp=week); the default is left out of the URL. */
export function useComparison(): [Comparison, (cmp: Comparison) => void] {
  const { param, setParams } = useView();
  return [parseComparison(param("cmp")), (cmp) => setParams({ cmp: cmp === DEFAULT_COMPARISON ? undefined : cmp })];
}

/** What the tiles' changes are measured against: previous period, same day last week, same period last year. */
export function CompareSelect() {
  const [cmp, setCmp] = useComparison();
  const hydrated = useHydrated();
  return (
    <div className="field">
      <label className="field-label" htmlFor="compare-select">
        Compare with
      </label>
      <select id="compare-select" className="select select-narrow" value={cmp} disabled={!hydrated} onChange={(e) => setCmp(parseComparison(e.target.value))}>
        {COMPARISONS.map((c) => (
          <option key={c} value={c}>
            {COMPARISON_LABELS[c]}
          </option>
        ))}
      </select>
    </div>
  );
}
