"use client";

import type { EvaluationComment } from "@/lib/qa/evaluations/evaluation-schema";
import { formatMoment } from "./format";
import styles from "./qa.module.css";

/** Comments with their anchors: a moment or a transcript span is a link that seeks the player there (plain text for a reader who may not play the call). */
export function CommentList({ comments, seekTo, onRemove }: { comments: readonly EvaluationComment[]; seekTo?: (ms: number) => void; onRemove?: (id: string) => void }) {
  if (comments.length === 0) return <p className="muted">No comments.</p>;
  return (
    <ul className={styles.comments} data-testid="comments">
      {comments.map((c) => (
        <li key={c.id}>
          {c.anchor.kind !== "none" && (
            <MomentLink
              startMs={c.anchor.kind === "moment" ? c.anchor.ms : c.anchor.startMs}
              endMs={c.anchor.kind === "span" ? c.anchor.endMs : undefined}
              seekTo={seekTo}
            />
          )}
          {c.anchor.kind === "span" && c.anchor.quote && <q>{c.anchor.quote}</q>} {c.text}
          {c.questionId && <span className={styles.note}> (on {c.questionId})</span>}
          {onRemove && (
            <button type="button" className="link-button" onClick={() => onRemove(c.id)}>
              Remove
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

function MomentLink({ startMs, endMs, seekTo }: { startMs: number; endMs: number | undefined; seekTo: ((ms: number) => void) | undefined }) {
  const text = endMs === undefined ? formatMoment(startMs) : `${formatMoment(startMs)}–${formatMoment(endMs)}`;
  if (!seekTo) return <span className={styles.timeLink}>{text}</span>;
  return (
    <button type="button" className={`link-button ${styles.timeLink}`} onClick={() => seekTo(startMs)} aria-label={`Play from ${formatMoment(startMs)}`}>
      {text}
    </button>
  );
}
