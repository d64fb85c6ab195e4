"use client";

import Link from "next/link";
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiQueryOptions } from "@/lib/query-options/api-query";
import { calibrationQuery, startCalibration } from "@/lib/query-options/qa";
import { callHref } from "./call-href";
import { formatAnswer, formatScore, nameOf, useFormatWhen } from "./format";
import { ScrollRegion } from "@/components/table/scroll-region";

/** Calibrations: start one on a call; each opens its blind scoring and, once one's own is in, the spread. */
export function CalibrationsView() {
  const qc = useQueryClient();
  const list = useQuery(apiQueryOptions("/api/qa/calibrations", {}));
  const cards = useQuery(apiQueryOptions("/api/qa/scorecards", {}));
  const formatWhen = useFormatWhen();
  const [callId, setCallId] = useState("");
  const [scorecardId, setScorecardId] = useState("");
  const chosen = scorecardId || cards.data?.scorecards[0]?.id || "";
  const start = useMutation({
    mutationFn: () => startCalibration({ callId: callId.trim(), scorecardId: chosen }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["/api/qa/calibrations"] }),
  });
  return (
    <>
      <section className="card" aria-labelledby="cal-new">
        <h2 className="card-title" id="cal-new">
          Start a calibration
        </h2>
        <label>
          Call id <input className="input" value={callId} onChange={(e) => setCallId(e.target.value)} />
        </label>{" "}
        <label>
          Scorecard{" "}
          <select className="select" value={chosen} onChange={(e) => setScorecardId(e.target.value)}>
            {(cards.data?.scorecards ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.card.name}
              </option>
            ))}
          </select>
        </label>{" "}
        <button type="button" className="button button-primary" disabled={!callId.trim() || !chosen || start.isPending} onClick={() => start.mutate()}>
          Start
        </button>
        {start.isError && (
          <p className="form-error" role="alert">
            {start.error.message}
          </p>
        )}
      </section>
      <section className="card" aria-labelledby="cal-list">
        <h2 className="card-title" id="cal-list">
          Calibrations
        </h2>
        <ul>
          {(list.data?.calibrations ?? []).map((c) => (
            <li key={c.id}>
              <Link href={`/qa/calibrations/${c.id}`}>{c.title}</Link> · {formatWhen(c.createdAt)} by {c.createdBy} ·{" "}
              {c.submittedByMe ? "you have scored it" : "not scored by you yet"}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

/** One calibration: the spread per question once the viewer's own evaluation is submitted (blind before). */
export function CalibrationSpreadView({ calibrationId }: { calibrationId: string }) {
  const q = useQuery(calibrationQuery(calibrationId));
  if (q.isError) return <p className="form-error">{q.error.message}</p>;
  const v = q.data;
  if (!v) return <p className="muted">Loading…</p>;
  const pct = (x: number | null) => (x === null ? "–" : `${Math.round(x * 100)} %`);
  return (
    <section className="card" data-testid="calibration-spread">
      <h2 className="card-title">{v.calibration.title}</h2>
      <p>
        Call {v.calibration.callId} · agent {nameOf(v.names.agents, v.calibration.agentId)} · {nameOf(v.names.queues, v.calibration.queueId)} · scorecard{" "}
        {v.scorecardName} v{v.calibration.scorecardVersion} · {v.submitted} submitted ·{" "}
        <Link href={callHref(v.calibration.callId, "", 0, v.calibration.id)}>{v.mine ? "your evaluation" : "score it"}</Link>
      </p>
      {!v.spread ? (
        <p>The others&apos; answers stay hidden until you submit your own evaluation in this calibration.</p>
      ) : (
        <>
          <p>
            Scores: {v.spread.evaluators.map((e) => `${e.name} ${formatScore(e.score)}`).join(", ")} · spread {formatScore(v.spread.score.min)} to{" "}
            {formatScore(v.spread.score.max)}, standard deviation {v.spread.score.stdDev === null ? "–" : v.spread.score.stdDev.toFixed(1)} points
          </p>
          <ScrollRegion label="Answers per question">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">Question</th>
                  <th scope="col">Answers</th>
                  <th scope="col">Min</th>
                  <th scope="col">Max</th>
                  <th scope="col">Std dev</th>
                  <th scope="col">Agreement</th>
                </tr>
              </thead>
              <tbody>
                {v.spread.questions.map((x) => (
                  <tr key={x.questionId} data-question={x.questionId}>
                    <th scope="row">{x.text}</th>
                    <td>{x.answers.map((a) => `${a.evaluator}: ${formatAnswer(a.answer)}`).join("; ")}</td>
                    <td>{pct(x.min)}</td>
                    <td>{pct(x.max)}</td>
                    <td>{x.stdDev === null ? "–" : x.stdDev.toFixed(2)}</td>
                    <td data-col="agreement">{pct(x.agreement)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </>
      )}
    </section>
  );
}
