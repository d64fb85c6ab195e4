"use client";

import { useQuery } from "@tanstack/react-query";
import { callChecksQuery } from "@/lib/query-options/qa";
import { formatMoment } from "./format";
import styles from "./qa.module.css";

const MARK = { pass: "✓", fail: "✗", unknown: "?" } as const;

/** The automatic checks beside the form: suggestions with the moments behind them, never an answer. */
export function AutoCheckList({ callId, recordingId, seekTo }: { callId: string; recordingId?: string | undefined; seekTo: (ms: number) => void }) {
  const checks = useQuery(callChecksQuery(callId, recordingId));
  return (
    <section className="card" aria-labelledby="checks-title" data-testid="auto-checks">
      <h2 className="card-title" id="checks-title">
        Automatic checks
      </h2>
      <p className={styles.note}>Suggestions from the transcript and the call&apos;s events. They never fill in an answer: the evaluation is yours.</p>
      {checks.isError ? (
        <p className="form-error">{checks.error.message}</p>
      ) : !checks.data ? (
        <p className="muted">Checking…</p>
      ) : (
        <>
          {!checks.data.hasTranscript && <p className={styles.note}>This recording has no transcript yet: only the event-based checks can say anything.</p>}
          <ul className={styles.checks}>
            {checks.data.checks.map((c) => (
              <li key={c.id} data-check={c.id} data-status={c.status}>
                <strong className={styles[c.status]}>
                  {MARK[c.status]} {c.label}
                </strong>{" "}
                <span className={styles.note}>{c.detail}</span>
                {c.moments.length > 0 && (
                  <div>
                    {c.moments.slice(0, 5).map((m) => (
                      <button key={`${m.ms}-${m.note}`} type="button" className={`link-button ${styles.timeLink}`} onClick={() => seekTo(m.ms)} title={m.note}>
                        {formatMoment(m.ms)}
                      </button>
                    ))}
                  </div>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
