"use client";

import type { AgentRow, CallRow } from "@/lib/live/view-types";
import { CALL_STATE_LABELS, MONITOR_MODE_LABELS } from "./labels";
import { MonitorControls, monitorable } from "./monitor/monitor-controls";
import { Ticking } from "./ticking";
import styles from "./wallboard.module.css";
import { ScrollRegion } from "@/components/table/scroll-region";

/** Calls in progress, oldest first. The last cell says who is monitoring the call and how, with the listen / whisper / barge controls where the viewer may use them. */
export function ActiveCalls({
  calls,
  agents,
  queueNames,
}: {
  calls: readonly CallRow[];
  agents: Readonly<Record<string, AgentRow>>;
  queueNames: ReadonlyMap<string, string>;
}) {
  if (calls.length === 0) return <p className={styles.empty}>No call in progress. New calls appear here the moment the platform offers them.</p>;
  const rows = [...calls].sort((a, b) => a.startedAt - b.startedAt || a.id.localeCompare(b.id));
  return (
    <ScrollRegion label="Active calls" className={styles.tableWrap}>
      <table className={styles.calls}>
        <caption className="sr-only">Active calls</caption>
        <thead>
          <tr>
            <th scope="col">Call</th>
            <th scope="col">Caller</th>
            <th scope="col">Queue</th>
            <th scope="col">Agent</th>
            <th scope="col">State</th>
            <th scope="col">In state</th>
            <th scope="col">Duration</th>
            <th scope="col" className={styles.actions}>
              Monitoring
            </th>
          </tr>
        </thead>
        <tbody data-tv-list>
          {rows.map((c) => (
            <tr key={c.id} data-call-id={c.id} data-state={c.state} data-call-queue-id={c.queueId ?? undefined}>
              <td>{c.id}</td>
              <td>{c.caller ?? "–"}</td>
              <td>{c.queueId ? (queueNames.get(c.queueId) ?? c.queueId) : "–"}</td>
              <td>{c.agentId ? (agents[c.agentId]?.name ?? c.agentId) : "–"}</td>
              <td>
                <span className={styles.callState} data-state={c.state}>
                  {CALL_STATE_LABELS[c.state]}
                </span>
              </td>
              <td>
                <Ticking since={c.since} />
              </td>
              <td>
                <Ticking since={c.startedAt} />
              </td>
              <td className={styles.actions}>
                <span data-testid="call-monitors">
                  {c.monitors.length === 0 ? "" : c.monitors.map((m) => `${m.supervisor} (${MONITOR_MODE_LABELS[m.mode]})`).join(", ")}
                </span>
                {monitorable(c.state, c.agentId) && <MonitorControls callId={c.id} queueId={c.queueId} what={`call ${c.id}`} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
