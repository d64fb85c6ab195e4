"use client";

import Link from "next/link";
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { evaluationQuery, saveEvaluation, scorecardVersionQuery } from "@/lib/query-options/qa";
import { scoreEvaluation, type Answer, type Answers } from "@/lib/qa/scorecards/scoring";
import type { Anchor, Evaluation, EvaluationComment } from "@/lib/qa/evaluations/evaluation-schema";
import type { Scorecard } from "@/lib/qa/scorecards/scorecard-schema";
import { AnswerInput } from "./answer-input";
import { CommentList } from "./comment-list";
import { formatMoment, formatScore } from "./format";
import styles from "./qa.module.css";

type Player = { currentMs: number; seekTo: (ms: number) => void };

/** One evaluation, loaded with the scorecard version it uses: a form while a draft, a record once submitted. */
export function EvaluationForm({ evaluationId, player }: { evaluationId: string; player: Player }) {
  const evaluation = useQuery(evaluationQuery(evaluationId));
  const e = evaluation.data;
  const card = useQuery({ ...scorecardVersionQuery(e?.scorecardId ?? "", e?.scorecardVersion ?? 0), enabled: e !== undefined });
  if (evaluation.isError) return <p className="form-error">{evaluation.error.message}</p>;
  if (!e || !card.data) return <p className="muted">Loading the evaluation…</p>;
  // Keyed by version: after a save the form starts again from what was stored.
  return <Filled key={`${e.id}:${e.version}`} evaluation={e} card={card.data.card} player={player} />;
}

function Filled({ evaluation: e, card, player }: { evaluation: Evaluation; card: Scorecard; player: Player }) {
  const qc = useQueryClient();
  const [answers, setAnswers] = useState<Answers>(e.answers);
  const [comments, setComments] = useState<EvaluationComment[]>(e.comments);
  const [summary, setSummary] = useState(e.summary);
  const [text, setText] = useState("");
  const [anchorKind, setAnchorKind] = useState<Anchor["kind"]>("moment");
  const [spanEnd, setSpanEnd] = useState("");
  const [quote, setQuote] = useState("");
  const [questionId, setQuestionId] = useState("");
  const editable = e.status === "draft";
  const save = useMutation({
    mutationFn: (submit: boolean) => saveEvaluation(e.id, { expectedVersion: e.version, answers, comments, summary, submit }),
    onSuccess: () => qc.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith("/api/qa/evaluations") }),
  });
  const live = scoreEvaluation(card, answers);

  const addComment = () => {
    const at = Math.round(player.currentMs);
    const end = Math.round(Number(spanEnd) * 1000);
    const anchor: Anchor =
      anchorKind === "moment"
        ? { kind: "moment", ms: at }
        : anchorKind === "span"
          ? { kind: "span", startMs: at, endMs: Math.max(at, end || at), quote }
          : { kind: "none" };
    setComments([...comments, { id: `c${Date.now().toString(36)}${comments.length}`, text: text.trim(), anchor, ...(questionId ? { questionId } : {}) }]);
    setText("");
    setQuote("");
  };

  return (
    <div data-testid="evaluation-form" data-status={e.status}>
      <p>
        <strong>{card.name}</strong> v{e.scorecardVersion} · agent {e.agentId} · queue {e.queueId} · {e.status === "draft" ? "draft" : "submitted"}
        {e.calibrationId ? " · calibration (blind)" : ""} · <Link href={`/qa/evaluations/${e.id}`}>open</Link>
      </p>
      <p className={styles.score} data-testid="live-score">
        <span className={live.failed ? styles.failed : undefined}>{formatScore(editable ? live.score : e.score)}</span>
        {(editable ? live.failed : e.failed) && <span className={styles.failed}> · failed on a critical question</span>}
      </p>
      {editable && live.missing.length > 0 && <p className={styles.note}>{live.missing.length} question(s) unanswered; every question needs an answer to submit.</p>}
      {card.sections.map((s) => (
        <fieldset key={s.id} className={styles.section}>
          <legend>
            {s.title} <span className={styles.note}>{formatScore(live.sections.find((x) => x.sectionId === s.id)?.score)}</span>
          </legend>
          {s.questions.map((q) => (
            <AnswerInput key={q.id} question={q} value={answers[q.id]} disabled={!editable} onChange={(a: Answer) => setAnswers({ ...answers, [q.id]: a })} />
          ))}
        </fieldset>
      ))}
      <h3>Comments</h3>
      <CommentList comments={comments} seekTo={player.seekTo} {...(editable ? { onRemove: (id: string) => setComments(comments.filter((c) => c.id !== id)) } : {})} />
      {editable && (
        <div className={styles.section}>
          <label className="field">
            <span className="field-label">Comment</span>
            <textarea className="input" rows={2} value={text} onChange={(ev) => setText(ev.target.value)} />
          </label>
          <div className={styles.row}>
            <label>
              Anchor{" "}
              <select className="select" value={anchorKind} onChange={(ev) => setAnchorKind(ev.target.value as Anchor["kind"])}>
                <option value="moment">At {formatMoment(player.currentMs)}</option>
                <option value="span">Transcript span from {formatMoment(player.currentMs)}</option>
                <option value="none">No moment</option>
              </select>
            </label>
            {anchorKind === "span" && (
              <>
                <label>
                  to (s) <input className="input input-number" type="number" min={0} value={spanEnd} onChange={(ev) => setSpanEnd(ev.target.value)} />
                </label>
                <label>
                  quote <input className="input" value={quote} onChange={(ev) => setQuote(ev.target.value)} />
                </label>
              </>
            )}
            <label>
              Question{" "}
              <select className="select" value={questionId} onChange={(ev) => setQuestionId(ev.target.value)}>
                <option value="">(the call)</option>
                {card.sections
                  .flatMap((s) => s.questions)
                  .map((q) => (
                    <option key={q.id} value={q.id}>
                      {q.text}
                    </option>
                  ))}
              </select>
            </label>
            <button type="button" className="button" disabled={text.trim() === ""} onClick={addComment}>
              Add comment
            </button>
          </div>
        </div>
      )}
      <label className="field">
        <span className="field-label">Summary</span>
        <textarea className="input" rows={3} value={summary} disabled={!editable} onChange={(ev) => setSummary(ev.target.value)} />
      </label>
      {editable && (
        <div className={styles.row}>
          <button type="button" className="button" disabled={save.isPending} onClick={() => save.mutate(false)}>
            Save draft
          </button>
          <button type="button" className="button button-primary" disabled={save.isPending || live.missing.length > 0} onClick={() => save.mutate(true)}>
            Submit evaluation
          </button>
        </div>
      )}
      {save.isError && (
        <p className="form-error" role="alert">
          {save.error.message}
        </p>
      )}
      {e.dispute && (
        <p data-testid="dispute-state">
          Disputed by {e.dispute.by.name}: {e.dispute.reason}
          {e.dispute.resolution ? ` · ${e.dispute.resolution.outcome} by ${e.dispute.resolution.by.name}: ${e.dispute.resolution.note}` : " · awaiting resolution"}
        </p>
      )}
    </div>
  );
}
