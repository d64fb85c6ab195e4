import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { entityId, fromBeforeTo, periodShape } from "../inputs";
import { ZERO_COUNTS, type KpiCounts } from "../kpi-counts";
import { COUNT_COLUMNS_SQL, contactCountsShape, toKpiCounts } from "./count-columns";
import { queryRows } from "@/lib/store/query-rows";
import { SEGMENTS_SQL, segmentParams } from "./segments-sql";
import { queryStateTime } from "./state-days";
import { addStateTime, emptyStateTime, stateCounts, type AgentStateTime } from "./state-time";

/**
 * KpiCounts for a period, for everything or per queue or per agent. Each contact
 * is judged with its own queue's thresholds (see segments-sql.ts), so counts of
 * queues with different settings add up correctly.
 */

export const COUNT_GROUPS = ["none", "queue", "agent"] as const;
export type CountGroup = (typeof COUNT_GROUPS)[number];

// Whitelisted grouping expressions: SQL identifiers cannot be query parameters.
const GROUP_KEY_SQL: Record<CountGroup, string> = { none: "''", queue: "queue_id", agent: "agent_id" };

export function countsSql(group: CountGroup): string {
  return `
SELECT ${GROUP_KEY_SQL[group]} AS groupKey, ${COUNT_COLUMNS_SQL}
FROM (${SEGMENTS_SQL})
GROUP BY groupKey
ORDER BY groupKey`;
}

export const countsRowSchema = z.object({ groupKey: z.string(), ...contactCountsShape });
export type CountsRow = z.output<typeof countsRowSchema>;

export const countsInputSchema = z
  .object({
    ...periodShape,
    agentIds: z.array(entityId).max(1000).default([]),
    groupBy: z.enum(COUNT_GROUPS).default("none"),
  })
  .refine(...fromBeforeTo);
export type CountsInput = z.input<typeof countsInputSchema>;

export type GroupCounts = { key: string; counts: KpiCounts };

/** Contact rows to counts per group key; with no grouping there is always exactly one entry. */
export function prepareCounts(rows: readonly CountsRow[], group: CountGroup): GroupCounts[] {
  const out = rows.map((r) => ({ key: r.groupKey, counts: toKpiCounts(r) }));
  if (group === "none" && out.length === 0) return [{ key: "", counts: { ...ZERO_COUNTS } }];
  return out;
}

/**
 * Adds agent state time: per agent when grouped by agent, the scope's total when
 * not grouped. Queues get none, since agent state belongs to no queue. Agents with
 * state time but no contacts get an entry of their own.
 */
export function withStateTime(groups: readonly GroupCounts[], group: CountGroup, stateTime: ReadonlyMap<string, AgentStateTime>): GroupCounts[] {
  if (group === "queue") return [...groups];
  if (group === "none") {
    const total = [...stateTime.values()].reduce(addStateTime, emptyStateTime());
    return groups.map((g) => ({ key: g.key, counts: { ...g.counts, ...stateCounts(total) } }));
  }
  const out = groups.map((g) => {
    const t = stateTime.get(g.key);
    return t ? { key: g.key, counts: { ...g.counts, ...stateCounts(t) } } : { ...g };
  });
  const seen = new Set(groups.map((g) => g.key));
  for (const [agentId, t] of stateTime) {
    if (!seen.has(agentId)) out.push({ key: agentId, counts: { ...ZERO_COUNTS, ...stateCounts(t) } });
  }
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export async function queryCounts(ch: ClickHouseClient, input: CountsInput): Promise<GroupCounts[]> {
  const p = countsInputSchema.parse(input);
  const params = segmentParams(p);
  const [rows, stateTime] = await Promise.all([
    queryRows(ch, countsSql(p.groupBy), params, countsRowSchema),
    p.groupBy === "queue" ? Promise.resolve(new Map<string, AgentStateTime>()) : queryStateTime(ch, p),
  ]);
  return withStateTime(prepareCounts(rows, p.groupBy), p.groupBy, stateTime);
}
