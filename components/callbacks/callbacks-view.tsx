"use client";

import { useState } from "react";
import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { apiQueryOptions, queuesQueryOptions } from "@/lib/query-options/api-query";
import type { CallbackRow } from "@/lib/callbacks/callback-list";
import { missedText, statusText } from "@/lib/callbacks/status-text";
import { formatCount, formatDateTime } from "@/lib/tables/format";
import { viewRange, type ViewParams } from "@/lib/views/view-params";
import { PeriodCaption } from "@/components/kit/period-caption";
import { useNow } from "@/components/kit/use-client-clock";
import { useShownTimeZone } from "@/components/kit/shown-zone";
import { useView } from "@/components/kit/use-view";
import { useHydrated } from "@/components/kit/use-hydrated";
import { ViewToolbar } from "@/components/kit/view-toolbar";
import { TableCard } from "@/components/table/table-card";
import { CallbackButton } from "./callback-button";
import { ScrollRegion } from "@/components/table/scroll-region";

/** Missed callers come in all the time, and a callback's outcome follows within seconds: the list stays current. */
const REFRESH_MS = 5_000;

/**
 * Abandoned and timed-out callers of the period, one row per number, with where each
 * stands and, for those who may act on the floor, a one-click callback (the queue's
 * next free agent first, or the supervisor's own phone, then the customer).
 */
export function CallbacksView({ agentFirst, myPhone }: { agentFirst: boolean; myPhone: string | null }) {
  const canCall = agentFirst || myPhone !== null;
  const { view, setView, params, setParams } = useView();
  const tz = useShownTimeZone();
  const now = useNow();
  const hydrated = useHydrated();
  const showAll = params.get("show") === "all";
  const range = viewRange(view, now, tz);
  const list = useQuery({
    ...apiQueryOptions("/api/callbacks", { from: range.from, to: range.to, queue: view.queueIds }),
    placeholderData: keepPreviousData,
    refetchInterval: REFRESH_MS,
  });
  const queues = useQuery(queuesQueryOptions());
  const [placed, setPlaced] = useState<ReadonlySet<string>>(new Set());

  const queueName = (id: string) => queues.data?.queues.find((q) => q.id === id)?.name ?? id;
  const time = (ms: number) => formatDateTime(ms, tz);
  const rows = (list.data?.rows ?? []).filter((r) => showAll || !r.done);
  const open = (list.data?.rows ?? []).filter((r) => !r.done).length;
  return (
    <div className="dashboard">
      <div className="page-header">
        <div>
          <h1 className="page-title">Callbacks</h1>
          <PeriodCaption period={view.period} range={range} tz={tz} updatedAt={list.dataUpdatedAt} />
        </div>
      </div>
      <ViewToolbar view={view} range={range} tz={tz} showTeam={false} onChange={(patch: Partial<ViewParams>) => setView({ ...view, ...patch })}>
        <div className="field">
          <label className="field-label" htmlFor="callbacks-show">
            Show
          </label>
          <select
            id="callbacks-show"
            className="select"
            value={showAll ? "all" : "open"}
            disabled={!hydrated}
            onChange={(e) => setParams({ show: e.target.value === "all" ? "all" : undefined })}
          >
            <option value="open">Still to call back</option>
            <option value="all">Every missed caller</option>
          </select>
        </div>
      </ViewToolbar>
      <TableCard
        id="callbacks-table"
        title="Missed callers"
        subtitle={
          list.data && (
            <span data-testid="callbacks-total" data-open={open} data-all={list.data.rows.length}>
              {formatCount(open)} still to call back of {formatCount(list.data.rows.length)} missed {list.data.rows.length === 1 ? "caller" : "callers"}
              {list.data.cut && " · the period has more missed calls than one list holds: choose a shorter period or one queue"}
            </span>
          )
        }
        query={list}
        isEmpty={() => rows.length === 0}
        empty={{
          title: showAll ? "No missed callers in this period" : "Nobody is waiting for a callback",
          hint: "Abandoned and timed-out callers show here, one row per number.",
        }}
      >
        {() => (
          <ScrollRegion label="Missed callers and their callbacks" className="table-scroll table-wide">
            <table className="data-table" data-testid="callbacks-table">
              <caption className="sr-only">Missed callers and their callbacks</caption>
              <thead>
                <tr>
                  <th scope="col" className="col-text">
                    Caller
                  </th>
                  <th scope="col" className="col-text">
                    Queue
                  </th>
                  <th scope="col">Missed at</th>
                  <th scope="col" className="col-text">
                    How
                  </th>
                  <th scope="col">Times missed</th>
                  <th scope="col" className="col-text">
                    Callback
                  </th>
                  {canCall && <th scope="col">Action</th>}
                </tr>
              </thead>
              <tbody>
                {rows.map((r: CallbackRow) => (
                  <tr key={r.number} data-testid="callback-row" data-number={r.number} data-status={r.status.kind} data-call-id={r.callId}>
                    <td className="col-text">{r.number || "withheld"}</td>
                    <td className="col-text">{queueName(r.queueId)}</td>
                    <td>
                      <Link href={`/calls/${encodeURIComponent(r.callId)}`}>{time(r.missedAt)}</Link>
                    </td>
                    <td className="col-text">{missedText(r)}</td>
                    <td>{formatCount(r.missedCount)}</td>
                    <td className="col-text" data-testid="callback-status">
                      {statusText(r, time)}
                    </td>
                    {canCall && (
                      <td>
                        <CallbackButton
                          row={r}
                          sent={placed.has(r.callId)}
                          agentFirst={agentFirst}
                          myPhone={myPhone}
                          onPlaced={() => setPlaced((s) => new Set(s).add(r.callId))}
                          onSettled={() => void list.refetch()}
                        />
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </TableCard>
    </div>
  );
}
