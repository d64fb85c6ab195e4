import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import type { AgentState } from "@/lib/events";
import type { KpiId } from "../definitions";
import { computeKpis, type KpiResult } from "../formulas";
import { entityId, fromBeforeTo, periodShape } from "../inputs";
import { ZERO_COUNTS, addCounts, type KpiCounts } from "../kpi-counts";
import type { PeopleScope } from "../not-applicable";
import { countsSql, countsRowSchema, prepareCounts, type GroupCounts } from "./counts";
import { queryRows } from "@/lib/store/query-rows";
import { RING_NO_ANSWER_SQL, ringNoAnswerRowSchema, type RingNoAnswerRow } from "./ring-no-answer";
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

export const TEAM_NAMES_SQL = `
SELECT team_id AS teamId, name
FROM teams FINAL
WHERE tenant_id = {tenantId:String}`;

export const teamNameRowSchema = z.object({ teamId: z.string(), name: z.string() });
export type TeamNameRow = z.output<typeof teamNameRowSchema>;

/** A team's name, its id when it has none, and "(no team)" for agents without one. */
export function teamName(teamId: string, names: ReadonlyMap<string, string>): string {
  return teamId === "" ? "(no team)" : names.get(teamId) || teamId;
}

export const agentsInputSchema = z.object({ ...periodShape, agentIds: z.array(entityId).max(1000).default([]) }).refine(...fromBeforeTo);
export type AgentsInput = z.input<typeof agentsInputSchema>;

/** Mean per handled contact of each part of AHT; the three add up to AHT. */
export type AhtSplit = { talkMs: number; holdMs: number; acwMs: number };

export type PeopleKpis = {
  /**
   * Calls that rang the agent: answered, plus rings let pass (ring-no-answer,
   * call.diverted reason ring_no_answer). Answered counts by queue entry in the
   * period, rings by when they were diverted.
   */
  offers: number;
  answered: number;
  ringNoAnswer: number;
  /** answered / offers; null with no offers. */
  answerRate: number | null;
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

export type AgentKpis = PeopleKpis & { agentId: string; name: string; teamId: string; teamName: string };
export type TeamKpis = PeopleKpis & { teamId: string; teamName: string; agentCount: number };
/** `total`: every agent summed (the same as every team summed), for the tables' totals rows. */
export type AgentsReport = { agents: AgentKpis[]; teams: TeamKpis[]; total: PeopleKpis };

function peopleKpis(counts: KpiCounts, time: AgentStateTime, ringNoAnswer: number, scope: PeopleScope): PeopleKpis {
  const kpis = computeKpis(counts, undefined, scope);
  const offers = counts.answered + ringNoAnswer;
  const split =
    counts.handled > 0 ? { talkMs: counts.talkMsSum / counts.handled, holdMs: counts.holdMsSum / counts.handled, acwMs: counts.acwMsSum / counts.handled } : null;
  return {
    offers,
    answered: counts.answered,
    ringNoAnswer,
    answerRate: offers > 0 ? counts.answered / offers : null,
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
export function prepareAgents(
  groups: readonly GroupCounts[],
  stateTime: ReadonlyMap<string, AgentStateTime>,
  names: readonly AgentNameRow[],
  rona: readonly RingNoAnswerRow[] = [],
  teamNames: readonly TeamNameRow[] = [],
): AgentsReport {
  const counts = new Map(groups.filter((g) => g.key !== "").map((g) => [g.key, g.counts]));
  const missed = new Map(rona.map((r) => [r.agentId, r.rona]));
  const byName = new Map(names.map((n) => [n.agentId, n]));
  const teamNameOf = new Map(teamNames.map((t) => [t.teamId, t.name]));
  const ids = [...new Set([...counts.keys(), ...stateTime.keys(), ...missed.keys()])].sort();
  const agents = ids.map((agentId): AgentKpis => {
    const time = stateTime.get(agentId) ?? emptyStateTime();
    const c: KpiCounts = { ...(counts.get(agentId) ?? ZERO_COUNTS), ...stateCounts(time) };
    const n = byName.get(agentId);
    const teamId = n?.teamId ?? "";
    return { agentId, name: n?.name || agentId, teamId, teamName: teamName(teamId, teamNameOf), ...peopleKpis(c, time, missed.get(agentId) ?? 0, "agent") };
  });
  const byTeam = new Map<string, AgentKpis[]>();
  for (const a of agents) byTeam.set(a.teamId, [...(byTeam.get(a.teamId) ?? []), a]);
  const teamList = [...byTeam.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([teamId, members]): TeamKpis => ({ teamId, teamName: teamName(teamId, teamNameOf), agentCount: members.length, ...sumPeople(members, "team") }));
  return { agents, teams: teamList, total: sumPeople(agents, "team") };
}

/** People's figures added up (a team from its agents, a totals row): counts and times sum, rates are recomputed. */
export function sumPeople(rows: readonly PeopleKpis[], scope: PeopleScope): PeopleKpis {
  let counts: KpiCounts = { ...ZERO_COUNTS };
  let time = emptyStateTime();
  let ringNoAnswer = 0;
  for (const r of rows) {
    counts = addCounts(counts, r.counts);
    time = addStateTime(time, { stateMs: r.stateMs, notReadyMsByReason: r.notReadyMsByReason });
    ringNoAnswer += r.ringNoAnswer;
  }
  return peopleKpis(counts, time, ringNoAnswer, scope);
}

export async function queryAgentKpis(ch: ClickHouseClient, input: AgentsInput): Promise<AgentsReport> {
  const p = agentsInputSchema.parse(input);
  const params = segmentParams(p);
  const [rows, stateTime, names, rona, teamNames] = await Promise.all([
    queryRows(ch, countsSql("agent"), params, countsRowSchema),
    queryStateTime(ch, p),
    queryRows(ch, AGENT_NAMES_SQL, params, agentNameRowSchema),
    queryRows(ch, RING_NO_ANSWER_SQL, params, ringNoAnswerRowSchema),
    queryRows(ch, TEAM_NAMES_SQL, params, teamNameRowSchema),
  ]);
  return prepareAgents(prepareCounts(rows, "agent"), stateTime, names, rona, teamNames);
}
