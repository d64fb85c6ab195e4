"use client";

import Link from "next/link";
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { can, type Role } from "@/lib/auth/roles";
import { disputeEvaluation, evaluationQuery, resolveEvaluation } from "@/lib/query-options/qa";
import { CommentList } from "./comment-list";
import { callHref } from "./call-href";
import { formatAnswer, formatScore, nameOf, useFormatWhen } from "./format";
import { ScrollRegion } from "@/components/table/scroll-region";
import styles from "./qa.module.css";

/**
 * One evaluation as its readers see it (the agent's supervisor, QA, managers):
 * score, answers per question, comments with their moments (links to the call),
 * and the dispute: a supervisor or admin raises it for the agent, QA or an admin
 * resolves it.
 */
export function EvaluationView({ evaluationId, role }: { evaluationId: string; role: Role }) {
  const qc = useQueryClient();
  const q = useQuery(evaluationQuery(evaluationId));
  const [reason, setReason] = useState("");
  const [note, setNote] = useState("");
  const formatWhen = useFormatWhen();
  const refresh = () => qc.invalidateQueries({ predicate: (x) => String(x.queryKey[0]).startsWith("/api/qa/") });
  const dispute = useMutation({ mutationFn: (v: number) => disputeEvaluation(evaluationId, { expectedVersion: v, reason }), onSuccess: refresh });
  const resolve = useMutation({
    mutationFn: (p: { v: number; outcome: "upheld" | "overturned" }) => resolveEvaluation(evaluationId, { expectedVersion: p.v, outcome: p.outcome, note }),
    onSuccess: refresh,
  });
  if (q.isError) return <p className="form-error">{q.error.message}</p>;
  const e = q.data;
  if (!e) return <p className="muted">Loading…</p>;
  const callLink = (ms: number) => callHref(e.callId, e.recordingId, ms);
  // Managers read scores but may not play calls: no links to the call page for them.
  const playable = can(role, "recordings");
  return (
    <section className="card" data-testid="evaluation-view">
      <h2 className="card-title">
        Call {e.callId} · agent {nameOf(e.names.agents, e.agentId)}
      </h2>
      <p>
        Queue {nameOf(e.names.queues, e.queueId)} · team {e.teamId ? nameOf(e.names.teams, e.teamId) : "–"} · call at {formatWhen(e.callAt)} · by {e.evaluator.name} ·
        scorecard {e.scorecardName} v{e.scorecardVersion} · {e.status}
      </p>
      <p className={styles.score}>
        <span className={e.failed ? styles.failed : undefined} data-testid="evaluation-score">
          {formatScore(e.score)}
        </span>
        {e.failed && <span className={styles.failed}> · failed on a critical question (answers earned {formatScore(e.rawScore)})</span>}
      </p>
      <ScrollRegion label="Answers">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Question</th>
              <th scope="col">Answer</th>
              <th scope="col">Points</th>
            </tr>
          </thead>
          <tbody>
            {e.questions.map((x) => (
              <tr key={x.id}>
                <th scope="row">{x.text}</th>
                <td>{formatAnswer(e.answers[x.id])}</td>
                <td>{x.points === null ? "N/A" : `${Math.round(x.points * 100)} %`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <h3>Comments</h3>
      <CommentList comments={e.comments} {...(playable ? { seekTo: (ms: number) => window.location.assign(callLink(ms)) } : {})} />
      {e.summary && <p>{e.summary}</p>}
      <p>
        {playable && (
          <>
            <Link href={callLink(0)}>Open the call</Link> <span className={styles.note}>(a comment&apos;s time opens the call at that moment)</span>
          </>
        )}
      </p>
      <h3>Dispute</h3>
      {e.dispute ? (
        <div data-testid="dispute-state">
          <p>
            Raised by {e.dispute.by.name} at {formatWhen(e.dispute.at)}: {e.dispute.reason}
          </p>
          {e.dispute.resolution ? (
            <p>
              {e.dispute.resolution.outcome === "upheld" ? "Upheld" : "Overturned"} by {e.dispute.resolution.by.name}: {e.dispute.resolution.note} (score{" "}
              {formatScore(e.dispute.resolution.scoreBefore)} → {formatScore(e.dispute.resolution.scoreAfter)})
            </p>
          ) : role === "qa" || role === "admin" ? (
            <div className={styles.row}>
              <label className="field">
                <span className="field-label">Resolution note</span>
                <input className="input" value={note} onChange={(x) => setNote(x.target.value)} />
              </label>
              <button type="button" className="button" disabled={!note.trim() || resolve.isPending} onClick={() => resolve.mutate({ v: e.version, outcome: "upheld" })}>
                Uphold the evaluation
              </button>
              <button
                type="button"
                className="button"
                disabled={!note.trim() || resolve.isPending}
                onClick={() => resolve.mutate({ v: e.version, outcome: "overturned" })}
              >
                Overturn
              </button>
            </div>
          ) : (
            <p className="muted">Awaiting QA&apos;s resolution.</p>
          )}
        </div>
      ) : e.status === "submitted" && !e.calibrationId && (role === "supervisor" || role === "admin") ? (
        <div className={styles.row}>
          <label className="field">
            <span className="field-label">Dispute reason (for the agent)</span>
            <input className="input" value={reason} onChange={(x) => setReason(x.target.value)} />
          </label>
          <button type="button" className="button" disabled={!reason.trim() || dispute.isPending} onClick={() => dispute.mutate(e.version)}>
            Dispute
          </button>
        </div>
      ) : (
        <p className="muted">Not disputed.</p>
      )}
      {(dispute.isError || resolve.isError) && (
        <p className="form-error" role="alert">
          {(dispute.error ?? resolve.error)?.message}
        </p>
      )}
    </section>
  );
}
