"use client";

import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiQueryOptions } from "@/lib/query-options/api-query";
import { startEvaluation } from "@/lib/query-options/qa";
import { AutoCheckList } from "./auto-check-list";
import { EvaluationForm } from "./evaluation-form";
import styles from "./qa.module.css";

export type EvaluationPanelProps = {
  callId: string;
  /** The recording being played; it names the agent leg evaluated. */
  recordingId?: string | undefined;
  /** The player's position, ms from the recording's start (a new comment is anchored here). */
  currentMs: number;
  /** Moves the player; comment and check moments call it. */
  seekTo: (ms: number) => void;
  /** Scoring inside a calibration (blind): its scorecard version is fixed. */
  calibrationId?: string | undefined;
};

/**
 * The evaluation form a call page embeds beside its player: the caller's own
 * evaluation of this call (a draft to continue, or the submitted one), or a start
 * with a chosen scorecard; the automatic checks beside it. Takes the player's
 * position and seek as props so any page with a player can host it.
 */
export function EvaluationPanel({ callId, recordingId, currentMs, seekTo, calibrationId }: EvaluationPanelProps) {
  const qc = useQueryClient();
  const mine = useQuery(apiQueryOptions("/api/qa/evaluations", { callId, mine: "1", ...(calibrationId ? { calibrationId } : {}) }));
  const scorecards = useQuery(apiQueryOptions("/api/qa/scorecards", {}));
  const [scorecardId, setScorecardId] = useState("");
  const start = useMutation({
    mutationFn: (id: string) =>
      startEvaluation({
        callId,
        ...(id ? { scorecardId: id } : {}),
        answers: {},
        comments: [],
        summary: "",
        ...(recordingId ? { recordingId } : {}),
        ...(calibrationId ? { calibrationId } : {}),
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["/api/qa/evaluations"] }),
  });
  const own = (mine.data?.evaluations ?? []).filter(
    (e) => (calibrationId ? e.calibrationId === calibrationId : e.calibrationId === "") && (!recordingId || !e.recordingId || e.recordingId === recordingId),
  );
  const current = own.find((e) => e.status === "draft") ?? own[0];
  const usable = (scorecards.data?.scorecards ?? []).filter((s) => !s.card.archived);
  const chosen = scorecardId || usable[0]?.id || "";

  return (
    // One column: the panel sits in the call page's side column, the checks under the form.
    <div className={styles.stack}>
      <section className="card" aria-labelledby="evaluation-title">
        <h2 className="card-title" id="evaluation-title">
          Evaluation
        </h2>
        {mine.isError ? (
          <p className="form-error">{mine.error.message}</p>
        ) : !mine.data ? (
          <p className="muted">Loading…</p>
        ) : current ? (
          <EvaluationForm evaluationId={current.id} player={{ currentMs, seekTo }} />
        ) : (
          <div className={styles.row}>
            {calibrationId ? (
              <span>This calibration fixes the scorecard.</span>
            ) : usable.length === 0 ? (
              <span className="muted">No scorecard yet: an admin builds one under Quality → Scorecards.</span>
            ) : (
              <label>
                Scorecard{" "}
                <select className="select" value={chosen} onChange={(e) => setScorecardId(e.target.value)}>
                  {usable.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.card.name} (v{s.version})
                    </option>
                  ))}
                </select>
              </label>
            )}
            <button type="button" className="button button-primary" disabled={start.isPending || (!calibrationId && !chosen)} onClick={() => start.mutate(chosen)}>
              Start evaluation
            </button>
            {start.isError && (
              <span className="form-error" role="alert">
                {start.error.message}
              </span>
            )}
          </div>
        )}
      </section>
      <AutoCheckList callId={callId} recordingId={recordingId} seekTo={seekTo} />
    </div>
  );
}
