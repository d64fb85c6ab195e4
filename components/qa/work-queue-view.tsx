"use client";

import Link from "next/link";
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiQueryOptions } from "@/lib/query-options/api-query";
import { runSampling } from "@/lib/query-options/qa";
import { CALL_OUTCOMES, type CallOutcome } from "@/lib/qa/sampling/sampling-rule";
import { callHref } from "./call-href";
import { formatScore, nameOf, useFormatWhen } from "./format";
import { ScrollRegion } from "@/components/table/scroll-region";
import styles from "./qa.module.css";

const DAY_MS = 86_400_000;

/** A sampling rule run over a recent period: calls per agent, shared among the chosen evaluators. */
function SamplingForm() {
  const qc = useQueryClient();
  const evaluators = useQuery(apiQueryOptions("/api/qa/evaluators", {}));
  const [days, setDays] = useState("7");
  const [perAgent, setPerAgent] = useState("2");
  const [minTalkS, setMinTalkS] = useState("");
  const [maxTalkS, setMaxTalkS] = useState("");
  const [queues, setQueues] = useState("");
  const [outcomes, setOutcomes] = useState<CallOutcome[]>([]);
  const [chosen, setChosen] = useState<string[]>([]);
  const [typed, setTyped] = useState("");
  const run = useMutation({
    mutationFn: () => {
      const to = Math.ceil(Date.now() / 3_600_000) * 3_600_000;
      const list = evaluators.data?.evaluators
        ? chosen
        : typed
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean);
      return runSampling({
        from: to - Number(days) * DAY_MS,
        to,
        perAgent: Number(perAgent),
        evaluators: list,
        queues: queues
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean),
        outcomes,
        ...(minTalkS ? { minTalkS: Number(minTalkS) } : {}),
        ...(maxTalkS ? { maxTalkS: Number(maxTalkS) } : {}),
      });
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: ["/api/qa/assignments"] }),
  });
  return (
    <section className="card" aria-labelledby="sampling-title">
      <h2 className="card-title" id="sampling-title">
        Assign calls by rule
      </h2>
      <div className={styles.row}>
        <label>
          Last <input className="input input-number" type="number" min={1} max={93} value={days} onChange={(e) => setDays(e.target.value)} aria-label="Days" /> days
        </label>
        <label>
          Calls per agent <input className="input input-number" type="number" min={1} max={50} value={perAgent} onChange={(e) => setPerAgent(e.target.value)} />
        </label>
        <label>
          Talk at least (s) <input className="input input-number" type="number" min={0} value={minTalkS} onChange={(e) => setMinTalkS(e.target.value)} />
        </label>
        <label>
          at most (s) <input className="input input-number" type="number" min={1} value={maxTalkS} onChange={(e) => setMaxTalkS(e.target.value)} />
        </label>
        <label>
          Queues (ids, comma-separated; empty: all) <input className="input" value={queues} onChange={(e) => setQueues(e.target.value)} />
        </label>
      </div>
      <fieldset className={styles.row}>
        <legend>Outcomes (none ticked: all)</legend>
        {CALL_OUTCOMES.map((o) => (
          <label key={o}>
            <input type="checkbox" checked={outcomes.includes(o)} onChange={(e) => setOutcomes(e.target.checked ? [...outcomes, o] : outcomes.filter((x) => x !== o))} />{" "}
            {o.replace("_", " ")}
          </label>
        ))}
      </fieldset>
      <fieldset className={styles.row}>
        <legend>Evaluators</legend>
        {evaluators.data?.evaluators ? (
          evaluators.data.evaluators.map((ev) => (
            <label key={ev.id}>
              <input
                type="checkbox"
                checked={chosen.includes(ev.id)}
                onChange={(e) => setChosen(e.target.checked ? [...chosen, ev.id] : chosen.filter((x) => x !== ev.id))}
              />{" "}
              {ev.name} ({ev.role})
            </label>
          ))
        ) : (
          <label>
            User ids, comma-separated <input className="input" value={typed} onChange={(e) => setTyped(e.target.value)} />
          </label>
        )}
      </fieldset>
      <button type="button" className="button button-primary" disabled={run.isPending} onClick={() => run.mutate()}>
        Assign calls
      </button>
      <p role="status">{run.data ? `Assigned ${run.data.assigned} call${run.data.assigned === 1 ? "" : "s"} (seed ${run.data.seed}).` : ""}</p>
      {run.isError && (
        <p className="form-error" role="alert">
          {run.error.message}
        </p>
      )}
    </section>
  );
}

/** The calls assigned to me, each opening the evaluation page for the call; with the sampling form above. */
export function WorkQueueView() {
  const q = useQuery(apiQueryOptions("/api/qa/assignments", {}));
  const formatWhen = useFormatWhen();
  return (
    <>
      <SamplingForm />
      <section className="card" aria-labelledby="queue-title" data-testid="work-queue">
        <h2 className="card-title" id="queue-title">
          My assigned calls
        </h2>
        {q.isError ? (
          <p className="form-error">{q.error.message}</p>
        ) : !q.data ? (
          <p className="muted">Loading…</p>
        ) : q.data.assignments.length === 0 ? (
          <p className="muted">Nothing assigned to you.</p>
        ) : (
          <ScrollRegion label="My assigned calls">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">Call</th>
                  <th scope="col">Agent</th>
                  <th scope="col">Queue</th>
                  <th scope="col">Evaluation</th>
                </tr>
              </thead>
              <tbody>
                {q.data.assignments.map((a) => (
                  <tr key={a.callId}>
                    <th scope="row">
                      <Link href={callHref(a.callId, "")}>{formatWhen(a.callAt)}</Link>
                    </th>
                    <td>{nameOf(q.data.names.agents, a.agentId)}</td>
                    <td>{nameOf(q.data.names.queues, a.queueId)}</td>
                    <td>{a.evaluation ? `${a.evaluation.status} ${a.evaluation.status === "submitted" ? formatScore(a.evaluation.score) : ""}` : "to do"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>
    </>
  );
}
