"use client";

import { PERIOD_IDS, PERIOD_LABELS, type PeriodId } from "@/lib/time/periods";

/** A segmented control: one toggle button per period, the chosen one pressed. */
export function PeriodPicker({ value, onChange }: { value: PeriodId; onChange: (p: PeriodId) => void }) {
  return (
    <div className="field">
      <span className="field-label" id="period-label">
        Period
      </span>
      <div className="segmented" role="group" aria-labelledby="period-label">
        {PERIOD_IDS.map((id) => (
          <button key={id} type="button" className="segment" aria-pressed={id === value} onClick={() => onChange(id)}>
            {PERIOD_LABELS[id]}
          </button>
        ))}
      </div>
    </div>
  );
}
