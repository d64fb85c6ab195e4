import type { AgentKpis, AgentsReport, TeamKpis } from "@/lib/kpi";
import { reasonLabel } from "@/lib/tables/reason-label";
import type { Column } from "./table";
import { perHandled } from "./queue-table";

/**
 * The agents page's tables: one row per agent, and one per team. Handle time is
 * split into talk, hold and ACW per handled contact (they add up to AHT); "Avg
 * hold" is the mean over held contacts only, as its KPI defines it.
 */

type People = AgentKpis | TeamKpis;

function peopleColumns<R extends People>(): Column<R>[] {
  return [
    { id: "offers", header: "Offers", kind: "count", value: (a) => a.offers },
    { id: "answered", header: "Answered", kind: "count", value: (a) => a.answered },
    { id: "ring_no_answer", header: "Rang, not answered", kind: "count", value: (a) => a.ringNoAnswer },
    { id: "answer_rate", header: "Answer rate", kind: "ratio", value: (a) => a.answerRate },
    { id: "handled", header: "Handled", kind: "count", value: (a) => a.handled },
    { id: "aht", header: "AHT", kind: "duration", kpi: "aht", value: (a) => a.ahtMs },
    { id: "talk", header: "Talk", kind: "duration", kpi: "avg_talk", value: (a) => perHandled(a.counts.talkMsSum, a.handled) },
    { id: "hold", header: "Hold", kind: "duration", value: (a) => perHandled(a.counts.holdMsSum, a.handled) },
    { id: "acw", header: "ACW", kind: "duration", kpi: "avg_acw", value: (a) => perHandled(a.counts.acwMsSum, a.handled) },
    { id: "held", header: "Held", kind: "count", value: (a) => a.counts.heldCount },
    { id: "avg_hold", header: "Avg hold", kind: "duration", kpi: "avg_hold", value: (a) => a.kpis.avg_hold.value },
    { id: "transfers", header: "Transfers", kind: "count", value: (a) => a.transferred },
    { id: "transfer_rate", header: "Transfer rate", kind: "ratio", kpi: "transfer_rate", value: (a) => a.transferRate },
    { id: "occupancy", header: "Occupancy", kind: "ratio", kpi: "occupancy", value: (a) => a.occupancy },
    { id: "state_ready", header: "Ready", kind: "duration", value: (a) => a.stateMs.ready },
    { id: "state_busy", header: "On calls", kind: "duration", value: (a) => a.stateMs.busy },
    { id: "state_acw", header: "After-call work", kind: "duration", value: (a) => a.stateMs.after_call_work },
    { id: "state_not_ready", header: "Not ready", kind: "duration", value: (a) => a.stateMs.not_ready },
  ];
}

/** Every not-ready reason any row has, sorted, so each gets a column ('' is "no reason"). */
export function notReadyReasons(rows: readonly People[]): string[] {
  const set = new Set<string>();
  for (const r of rows) for (const reason of Object.keys(r.notReadyMsByReason)) set.add(reason);
  return [...set].sort();
}

function reasonColumns<R extends People>(reasons: readonly string[]): Column<R>[] {
  return reasons.map((reason) => ({
    id: `reason_${reason || "none"}`,
    header: `Not ready: ${reasonLabel(reason)}`,
    kind: "duration" as const,
    value: (a: R) => a.notReadyMsByReason[reason] ?? 0,
  }));
}

export function agentColumns(report: Pick<AgentsReport, "agents">): Column<AgentKpis>[] {
  return [
    { id: "agent", header: "Agent", kind: "text", value: (a) => a.name },
    { id: "team", header: "Team", kind: "text", value: (a) => a.teamName },
    ...peopleColumns<AgentKpis>(),
    ...reasonColumns<AgentKpis>(notReadyReasons(report.agents)),
  ];
}

export function teamColumns(report: Pick<AgentsReport, "teams">): Column<TeamKpis>[] {
  return [
    { id: "team", header: "Team", kind: "text", value: (t) => t.teamName },
    { id: "agents", header: "Agents", kind: "count", value: (t) => t.agentCount },
    ...peopleColumns<TeamKpis>(),
    ...reasonColumns<TeamKpis>(notReadyReasons(report.teams)),
  ];
}

export const AGENT_DEFAULT_SORT = { id: "agent", dir: "asc" } as const;
export const TEAM_DEFAULT_SORT = { id: "team", dir: "asc" } as const;
