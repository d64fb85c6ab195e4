"use client";

import { useState } from "react";
import { EvaluationPanel } from "./evaluation-panel";
import { formatMoment } from "./format";

/**
 * A call evaluated on its own page, for when no player hosts the panel: a
 * position control stands in for the player (the panel's contract is only
 * `currentMs` and `seekTo`), so moments can be set and followed. The call page
 * (/calls/[callId]) embeds the same panel beside its real player.
 */
export function EvaluateCallView({
  callId,
  recordingId,
  startMs,
  calibrationId,
}: {
  callId: string;
  recordingId?: string | undefined;
  startMs: number;
  calibrationId?: string | undefined;
}) {
  const [ms, setMs] = useState(startMs);
  return (
    <>
      <section className="card" aria-label="Position">
        <label className="field">
          <span className="field-label">Position in the recording: {formatMoment(ms)}</span>
          <input
            type="range"
            min={0}
            max={Math.max(600_000, ms)}
            step={1000}
            value={ms}
            onChange={(e) => setMs(Number(e.target.value))}
            aria-valuetext={formatMoment(ms)}
          />
        </label>
      </section>
      <EvaluationPanel callId={callId} recordingId={recordingId} currentMs={ms} seekTo={setMs} calibrationId={calibrationId} />
    </>
  );
}
