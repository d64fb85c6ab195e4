"use client";

import Link from "next/link";
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { apiQueryOptions } from "@/lib/query-options/api-query";
import type { Group } from "@/lib/qa/dashboard/aggregate-scores";
import { ErrorState } from "@/components/ui/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import { useShownTimeZone } from "@/components/kit/shown-zone";
import { useHydrated } from "@/components/kit/use-hydrated";
import { formatScore, nameOf, useFormatWhen } from "./format";
import { ScrollRegion } from "@/components/table/scroll-region";
import styles from "./qa.module.css";

const DAY_MS = 86_400_000;
const PERIODS = [7, 30, 90, 365] as const;

type Drill = { label: string; agent?: string; team?: string; queue?: string; question?: string; from?: number; to?: number };

function GroupTable({
  title,
  groups,
  keyLabel,
  onDrill,
  name,
}: {
  title: string;
  groups: readonly Group[];
  keyLabel: (k: string) => string;
  onDrill: (k: string) => void;
  name: string;
}) {
  return (
    <section className="card" aria-label={title} data-testid={`qa-by-${name}`}>
      <h2 className="card-title">{title}</h2>
      {groups.length === 0 ? (
        <p className="muted">No submitted evaluation in this period.</p>
      ) : (
        <ScrollRegion label={`Scores ${title.toLowerCase()}`}>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{title.replace(/^By /, "")}</th>
                <th scope="col">Evaluations</th>
                <th scope="col">Mean score</th>
                <th scope="col">Failed</th>
              </tr>
            </thead>
            <tbody>
              {groups.map((g) => (
                <tr key={g.key} data-key={g.key}>
                  <th scope="row">
                    <button type="button" className="link-button" onClick={() => onDrill(g.key)}>
                      {keyLabel(g.key)}
                    </button>
                  </th>
                  <td>{g.evaluations}</td>
                  <td data-col="score">{formatScore(g.meanScore)}</td>
                  <td>{g.failed}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}

/** The drill-down: the evaluations behind a row, each opening the evaluation. */
function DrillList({ drill, from, to }: { drill: Drill; from: number; to: number }) {
  const list = useQuery(
    apiQueryOptions("/api/qa/evaluations", {
      from: drill.from ?? from,
      to: drill.to ?? to,
      status: "submitted",
      ...(drill.agent ? { agent: [drill.agent] } : {}),
      ...(drill.team ? { team: [drill.team] } : {}),
      ...(drill.queue ? { queue: [drill.queue] } : {}),
      ...(drill.question ? { question: drill.question } : {}),
    }),
  );
  const formatWhen = useFormatWhen();
  const names = list.data?.names;
  return (
    <section className="card" aria-label="Evaluations" data-testid="qa-drill">
      <h2 className="card-title">Evaluations: {drill.label}</h2>
      {!list.data ? (
        <p className="muted">Loading…</p>
      ) : (
        <ScrollRegion label={`Evaluations: ${drill.label}`}>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Call</th>
                <th scope="col">Agent</th>
                <th scope="col">Queue</th>
                <th scope="col">Evaluator</th>
                <th scope="col">Score</th>
                {drill.question && <th scope="col">This question</th>}
                <th scope="col">Dispute</th>
              </tr>
            </thead>
            <tbody>
              {list.data.evaluations
                .filter((e) => e.calibrationId === "")
                .map((e) => (
                  <tr key={e.id}>
                    <th scope="row">
                      <Link href={`/qa/evaluations/${e.id}`}>{formatWhen(e.callAt)}</Link>
                    </th>
                    <td>{nameOf(names?.agents, e.agentId)}</td>
                    <td>{nameOf(names?.queues, e.queueId)}</td>
                    <td>{e.evaluator}</td>
                    <td>
                      {formatScore(e.score)}
                      {e.failed ? " (failed)" : ""}
                    </td>
                    {drill.question && <td>{e.questionPoints === null || e.questionPoints === undefined ? "N/A" : `${Math.round(e.questionPoints * 100)} %`}</td>}
                    <td>{e.dispute ?? ""}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}

/** Scores by agent, team, queue, question and day, with the evaluations behind each. Managers, supervisors (their scope), QA and admins. */
export function QaDashboardView({ periodEnd }: { periodEnd: number }) {
  const [days, setDays] = useState<(typeof PERIODS)[number]>(30);
  const [drill, setDrill] = useState<Drill | null>(null);
  const tz = useShownTimeZone();
  const hydrated = useHydrated();
  // The period ends where the page said (the next whole hour), so the query key is stable while the page is open.
  const to = periodEnd;
  const from = to - days * DAY_MS;
  const q = useQuery(apiQueryOptions("/api/qa/dashboard", { from, to, tz }));
  const d = q.data;
  const dayLabel = (k: string) => new Date(Number(k)).toLocaleDateString(undefined, { timeZone: tz, year: "numeric", month: "short", day: "numeric" });
  return (
    <div className="dashboard">
      <div className={styles.row}>
        <label>
          Period{" "}
          <select className="select" value={days} disabled={!hydrated} onChange={(e) => (setDays(Number(e.target.value) as (typeof PERIODS)[number]), setDrill(null))}>
            {PERIODS.map((p) => (
              <option key={p} value={p}>
                Last {p} days
              </option>
            ))}
          </select>
        </label>
      </div>
      {q.isError ? (
        <ErrorState title="The scores could not be loaded." error={q.error} onRetry={() => void q.refetch()} />
      ) : !d ? (
        <Skeleton className="table-skeleton" />
      ) : (
        <>
          <section className="card" aria-label="All evaluations" data-testid="qa-total">
            <p className={styles.score}>
              Mean score <span data-testid="qa-mean">{formatScore(d.total.meanScore)}</span>
            </p>
            <p>
              {d.total.evaluations} submitted evaluation{d.total.evaluations === 1 ? "" : "s"} · {d.total.failed} failed on a critical question
              {d.truncated ? " · only the first 50,000 evaluations are counted" : ""}
            </p>
          </section>
          {drill && <DrillList drill={drill} from={from} to={to} />}
          {(
            [
              { title: "By agent", name: "agent", groups: d.byAgent, names: d.names.agents },
              { title: "By team", name: "team", groups: d.byTeam, names: d.names.teams },
              { title: "By queue", name: "queue", groups: d.byQueue, names: d.names.queues },
            ] as const
          ).map(({ title, name, groups, names }) => {
            const label = (k: string) => (k === "" ? `(no ${name})` : nameOf(names, k));
            return <GroupTable key={name} title={title} name={name} groups={groups} keyLabel={label} onDrill={(k) => setDrill({ label: label(k), [name]: k })} />;
          })}
          <GroupTable
            title="By day"
            name="day"
            groups={d.byDay}
            keyLabel={dayLabel}
            onDrill={(k) => setDrill({ label: dayLabel(k), from: Number(k), to: Number(k) + DAY_MS })}
          />
          <section className="card" aria-label="By question" data-testid="qa-by-question">
            <h2 className="card-title">By question (lowest first)</h2>
            <ScrollRegion label="Scores by question">
              <table className="data-table">
                <thead>
                  <tr>
                    <th scope="col">Question</th>
                    <th scope="col">Answered</th>
                    <th scope="col">Mean points</th>
                  </tr>
                </thead>
                <tbody>
                  {d.byQuestion.map((x) => (
                    <tr key={x.questionId}>
                      <th scope="row">
                        <button type="button" className="link-button" onClick={() => setDrill({ label: x.text, question: x.questionId })}>
                          {x.text}
                        </button>
                      </th>
                      <td>{x.answered}</td>
                      <td>{formatScore(x.meanPct)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          </section>
        </>
      )}
    </div>
  );
}
