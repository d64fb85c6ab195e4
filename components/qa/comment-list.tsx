"use client";

import type { EvaluationComment } from "@/lib/qa/evaluations/evaluation-schema";
import { formatMoment } from "./format";
import styles from "./qa.module.css";

/** Comments with their anchors: a moment or a transcript span is a link that seeks the player there. */
export function CommentList({ comments, seekTo, onRemove }: { comments: readonly EvaluationComment[]; seekTo: (ms: number) => void; onRemove?: (id: string) => void }) {
  if (comments.length === 0) return <p className="muted">No comments.</p>;
  return (
    <ul className={styles.comments} data-testid="comments">
      {comments.map((c) => (
        <li key={c.id}>
          {c.anchor.kind === "moment" && (
            <button
              type="button"
              className={`link-button ${styles.timeLink}`}
              onClick={() => seekTo(c.anchor.kind === "moment" ? c.anchor.ms : 0)}
              aria-label={`Play from ${formatMoment(c.anchor.ms)}`}
            >
              {formatMoment(c.anchor.ms)}
            </button>
          )}
          {c.anchor.kind === "span" && (
            <button
              type="button"
              className={`link-button ${styles.timeLink}`}
              onClick={() => seekTo(c.anchor.kind === "span" ? c.anchor.startMs : 0)}
              aria-label={`Play from ${formatMoment(c.anchor.startMs)}`}
            >
              {formatMoment(c.anchor.startMs)}–{formatMoment(c.anchor.endMs)}
            </button>
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
