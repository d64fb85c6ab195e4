import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import type { AgentState } from "@/lib/events";
import type { KpiId } from "../definitions";
import { computeKpis, type KpiResult } from "../formulas";
import { entityId, fromBeforeTo, periodShape } from "../inputs";
import { ZERO_COUNTS, addCounts, type KpiCounts } from "../kpi-counts";
import { countsSql, countsRowSchema, prepareCounts, type GroupCounts } from "./counts";
import { queryRows } from "@/lib/store/query-rows";
import { segmentParams } from "./segments-sql";
import { queryStateTime } from "./state-days";
import { addStateTime, emptyStateTime, stateCounts, type AgentStateTime } from "./state-time";

/**
 * Per agent (and per team, summed from its agents): handled contacts, AHT and its
 * split, transfers, time per state and per not-ready reason, occupancy. Contact
 * figures count contacts that entered the queue in the period (the same rule as
 * every KPI); state time is clipped to the period.
 */

export const AGENT_NAMES_SQL = `
SELECT agent_id AS agentId, name, team_id AS teamId
FROM agents FINAL
WHERE tenant_id = {tenantId:String}`;

export const agentNameRowSchema = z.object({ agentId: z.string(), name: z.string(), teamId: z.string() });
export type AgentNameRow = z.output<typeof agentNameRowSchema>;

export const agentsInputSchema = z.object({ ...periodShape, agentIds: z.array(entityId).max(1000).default([]) }).refine(...fromBeforeTo);
export type AgentsInput = z.input<typeof agentsInputSchema>;

/** Mean per handled contact of each part of AHT; the three add up to AHT. */
export type AhtSplit = { talkMs: number; holdMs: number; acwMs: number };

export type PeopleKpis = {
  handled: number;
  transferred: number;
  transferRate: number | null;
  ahtMs: number | null;
  ahtSplit: AhtSplit | null;
  stateMs: Record<AgentState, number>;
  notReadyMsByReason: Record<string, number>;
  occupancy: number | null;
  counts: KpiCounts;
  kpis: Record<KpiId, KpiResult>;
};

export type AgentKpis = PeopleKpis & { agentId: string; name: string; teamId: string };
export type TeamKpis = PeopleKpis & { teamId: string; agentCount: number };
export type AgentsReport = { agents: AgentKpis[]; teams: TeamKpis[] };

function peopleKpis(counts: KpiCounts, time: AgentStateTime): PeopleKpis {
  const kpis = computeKpis(counts);
  const split =
    counts.handled > 0 ? { talkMs: counts.talkMsSum / counts.handled, holdMs: counts.holdMsSum / counts.handled, acwMs: counts.acwMsSum / counts.handled } : null;
  return {
    handled: counts.handled,
    transferred: counts.transferred,
    transferRate: kpis.transfer_rate.value,
    ahtMs: kpis.aht.value,
    ahtSplit: split,
    stateMs: time.stateMs,
    notReadyMsByReason: time.notReadyMsByReason,
    occupancy: kpis.occupancy.value,
    counts,
    kpis,
  };
}

/**
 * Agents with any activity in the period (contacts answered or state time), with
 * names from `agents` where known. Unanswered contacts have no agent and are left out.
 */
export function prepareAgents(groups: readonly GroupCounts[], stateTime: ReadonlyMap<string, AgentStateTime>, names: readonly AgentNameRow[]): AgentsReport {
  const counts = new Map(groups.filter((g) => g.key !== "").map((g) => [g.key, g.counts]));
  const byName = new Map(names.map((n) => [n.agentId, n]));
  const ids = [...new Set([...counts.keys(), ...stateTime.keys()])].sort();
  const agents = ids.map((agentId): AgentKpis => {
    const time = stateTime.get(agentId) ?? emptyStateTime();
    const c: KpiCounts = { ...(counts.get(agentId) ?? ZERO_COUNTS), ...stateCounts(time) };
    const n = byName.get(agentId);
    return { agentId, name: n?.name || agentId, teamId: n?.teamId ?? "", ...peopleKpis(c, time) };
  });
  const teams = new Map<string, { counts: KpiCounts; time: AgentStateTime; agentCount: number }>();
  for (const a of agents) {
    const t = teams.get(a.teamId) ?? { counts: { ...ZERO_COUNTS }, time: emptyStateTime(), agentCount: 0 };
    const time = { stateMs: a.stateMs, notReadyMsByReason: a.notReadyMsByReason };
    teams.set(a.teamId, { counts: addCounts(t.counts, a.counts), time: addStateTime(t.time, time), agentCount: t.agentCount + 1 });
  }
  const teamList = [...teams.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([teamId, t]): TeamKpis => ({ teamId, agentCount: t.agentCount, ...peopleKpis(t.counts, t.time) }));
  return { agents, teams: teamList };
}

export async function queryAgentKpis(ch: ClickHouseClient, input: AgentsInput): Promise<AgentsReport> {
  const p = agentsInputSchema.parse(input);
  const params = segmentParams(p);
  const [rows, stateTime, names] = await Promise.all([
    queryRows(ch, countsSql("agent"), params, countsRowSchema),
    queryStateTime(ch, p),
    queryRows(ch, AGENT_NAMES_SQL, params, agentNameRowSchema),
  ]);
  return prepareAgents(prepareCounts(rows, "agent"), stateTime, names);
}
