"use client";

import type { AgentCall, AgentRow } from "@/lib/live/view-types";
import { AgentStateMenu } from "./agent-state-menu";
import { MonitorControls, monitorable } from "./monitor/monitor-controls";
import { AGENT_STATE_LABELS, AGENT_STATE_ORDER, CALL_STATE_LABELS, reasonLabel } from "./labels";
import { Ticking } from "./ticking";
import styles from "./wallboard.module.css";

/** Grouped by state, longest in state first: the agents a supervisor should look at come first. */
export function sortAgents(agents: readonly AgentRow[]): AgentRow[] {
  return [...agents].sort((a, b) => AGENT_STATE_ORDER[a.state] - AGENT_STATE_ORDER[b.state] || a.since - b.since || a.name.localeCompare(b.name));
}

/** "Talking · Sales · +44 20 7946 0000": what the agent's call is, by names and the caller's number, never by call id. */
export function callText(call: AgentCall, queueName: string | null, caller: string | null): string {
  return [call.state ? CALL_STATE_LABELS[call.state] : "On a call", queueName, caller].filter(Boolean).join(" · ");
}

/**
 * `canSetState`: the viewer has `monitor` and the platform can set agents' states (docs/telephony.md).
 * `callers`: the caller's number by call id, where known.
 */
export function AgentGrid({
  agents,
  queueNames,
  callers = new Map(),
  canSetState = false,
}: {
  agents: readonly AgentRow[];
  queueNames: ReadonlyMap<string, string>;
  callers?: ReadonlyMap<string, string | null>;
  canSetState?: boolean;
}) {
  if (agents.length === 0) return <p className={styles.empty}>No agent is logged on. Agents appear here as they log on to the platform.</p>;
  return (
    <ul className={styles.agents} data-tv-list>
      {sortAgents(agents).map((a) => {
        const state = a.state === "not_ready" && a.reasonCode ? `${AGENT_STATE_LABELS[a.state]}: ${reasonLabel(a.reasonCode)}` : AGENT_STATE_LABELS[a.state];
        const queue = a.call?.queueId ? (queueNames.get(a.call.queueId) ?? a.call.queueId) : null;
        return (
          <li key={a.id} className={styles.agent} data-agent-id={a.id} data-state={a.state} data-call-state={a.call?.state ?? undefined}>
            <span className={styles.agentName} title={a.id} data-testid="agent-name">
              {a.name}
            </span>
            <Ticking since={a.since} className={styles.agentTime} />
            <span className={styles.agentState}>{state}</span>
            {canSetState ? <AgentStateMenu agent={a} /> : <span />}
            <span className={styles.agentCall}>
              {a.call ? callText(a.call, queue, callers.get(a.call.id) ?? null) : a.queues.map((q) => queueNames.get(q) ?? q).join(", ") || " "}
            </span>
            {/* Between calls, the tile of an agent being followed still shows the session (it says it is waiting). */}
            <MonitorControls
              callId={a.call && monitorable(a.call.state, a.id) ? a.call.id : null}
              queueId={a.call?.queueId ?? null}
              what={`${a.name}'s call`}
              agent={{ id: a.id, name: a.name }}
            />
          </li>
        );
      })}
    </ul>
  );
}
