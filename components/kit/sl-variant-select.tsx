"use client";

import { useHydrated } from "@/components/kit/use-hydrated";
import { SL_VARIANTS, SL_VARIANT_DEFINITIONS, isSlVariant, type SlVariant } from "@/lib/kpi/definitions";

/**
 * Vendors disagree on the service-level denominator, so the variant is a choice
 * the viewer makes in the open, and it travels in the URL with the rest of the view.
 */
export function SlVariantSelect({
  value,
  implied,
  onChange,
  inline = false,
}: {
  value: SlVariant;
  /** In a toolbar rather than inside an explain panel. */
  inline?: boolean;
  /** The variant used when none is chosen: the one queue's own, else the product default. */
  implied: SlVariant;
  onChange: (v: SlVariant | undefined) => void;
}) {
  const hydrated = useHydrated();
  return (
    <div className={inline ? "field" : "field field-compact"}>
      <label className="field-label" htmlFor="sl-variant">
        Service-level definition
      </label>
      <select
        id="sl-variant"
        className={inline ? "select select-wide" : "select"}
        value={value}
        disabled={!hydrated}
        onChange={(e) => {
          const v = e.target.value;
          // The implied variant stays out of the URL, so shared links stay short.
          if (isSlVariant(v)) onChange(v === implied ? undefined : v);
        }}
      >
        {SL_VARIANTS.map((v) => (
          <option key={v} value={v}>
            {SL_VARIANT_DEFINITIONS[v].label}
          </option>
        ))}
      </select>
    </div>
  );
}
