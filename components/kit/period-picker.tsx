"use client";

import { useState } from "react";
import { MAX_CUSTOM_DAYS, PERIOD_IDS, PERIOD_LABELS, customRange, toLocalDate, type PeriodId, type TimeRange } from "@/lib/time/periods";
import type { ViewParams } from "@/lib/views/view-params";

const NAMED = PERIOD_IDS.filter((p) => p !== "custom");

/**
 * A segmented control, one toggle button per named period, plus a custom span of
 * whole days in the zone the page shows. The custom dates open pre-filled with the
 * period in view, so "last week but one day longer" is two clicks.
 */
export function PeriodPicker({ view, range, tz, onChange }: { view: ViewParams; range: TimeRange; tz: string; onChange: (patch: Partial<ViewParams>) => void }) {
  const [editing, setEditing] = useState(false);
  const custom = view.period === "custom";
  return (
    <div className="field">
      <span className="field-label" id="period-label">
        Period
      </span>
      <div className="period-row">
        <div className="segmented" role="group" aria-labelledby="period-label">
          {NAMED.map((id) => (
            <button
              key={id}
              type="button"
              className="segment"
              aria-pressed={id === view.period}
              onClick={() => {
                setEditing(false);
                onChange({ period: id as PeriodId, start: undefined, end: undefined });
              }}
            >
              {PERIOD_LABELS[id]}
            </button>
          ))}
          <button
            type="button"
            className="segment"
            aria-pressed={custom}
            aria-expanded={editing || custom}
            aria-controls="custom-range"
            onClick={() => setEditing((e) => !e)}
          >
            {PERIOD_LABELS.custom}
          </button>
        </div>
        {(editing || custom) && (
          <CustomRange
            key={`${range.from}:${range.to}`}
            initialStart={view.start ?? toLocalDate(range.from, tz)}
            initialEnd={view.end ?? toLocalDate(range.to - 1, tz)}
            tz={tz}
            onApply={(start, end) => {
              setEditing(false);
              onChange({ period: "custom", start, end });
            }}
          />
        )}
      </div>
    </div>
  );
}

function CustomRange({ initialStart, initialEnd, tz, onApply }: { initialStart: string; initialEnd: string; tz: string; onApply: (start: string, end: string) => void }) {
  const [start, setStart] = useState(initialStart);
  const [end, setEnd] = useState(initialEnd);
  const valid = customRange(start, end, tz) !== null;
  return (
    <form
      id="custom-range"
      className="custom-range"
      aria-label="Custom period"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) onApply(start, end);
      }}
    >
      <label className="inline-field">
        <span>From</span>
        <input className="input" type="date" value={start} max={end} onChange={(e) => setStart(e.target.value)} required />
      </label>
      <label className="inline-field">
        <span>To</span>
        <input className="input" type="date" value={end} min={start} onChange={(e) => setEnd(e.target.value)} required />
      </label>
      <button type="submit" className="button" disabled={!valid}>
        Apply
      </button>
      {!valid && (
        <span className="field-error" role="alert">
          Pick a first day on or before the last, at most {MAX_CUSTOM_DAYS} days apart.
        </span>
      )}
    </form>
  );
}
