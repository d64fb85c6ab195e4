import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { isAgentState, type AgentState } from "@/lib/events";
import { entityId, epochMs, fromBeforeTo } from "@/lib/kpi/inputs";
import { queryRows, sqlNumber } from "@/lib/store/query-rows";
import { statePiecesInSql } from "@/lib/kpi/queries/state-time";

/**
 * One agent's state intervals over a span (a day on the agent page), clipped to
 * it, with the gaps between them: no stored state, i.e. logged off, or a state
 * still in progress (each interval is written by the event that ends it).
 */

const MAX_SPAN_MS = 8 * 86_400_000;
const MAX_INTERVALS = 20_000;

/**
 * Pieces of one interval (cut at UTC midnights, see agent_state_pieces) share
 * interval_start and join up again here; a repeated event's duplicate pieces
 * collapse in the same grouping.
 */
export const AGENT_TIMELINE_SQL = `
SELECT
  toUnixTimestamp64Milli(interval_start) AS startMs,
  toUnixTimestamp64Milli(max(end_at)) AS endMs,
  state,
  max(reason_code) AS reasonCode,
  max(call_id) AS callId
FROM agent_state_pieces
WHERE ${statePiecesInSql("fromMs", "toMs")}
  AND agent_id = {agentId:String}
GROUP BY interval_start, state
ORDER BY startMs, state
LIMIT ${MAX_INTERVALS}`;

export const AGENT_INFO_SQL = `
SELECT name, team_id AS teamId
FROM agents FINAL
WHERE tenant_id = {tenantId:String} AND agent_id = {agentId:String}`;

export const timelineRowSchema = z.object({
  startMs: sqlNumber,
  endMs: sqlNumber,
  state: z.string(),
  reasonCode: z.string(),
  callId: z.string(),
});
export type TimelineRow = z.output<typeof timelineRowSchema>;

export const agentTimelineInputSchema = z
  .object({ tenantId: entityId, agentId: entityId, from: epochMs, to: epochMs })
  .refine(...fromBeforeTo)
  .refine((v) => v.to - v.from <= MAX_SPAN_MS, { message: "the timeline spans at most 8 days", path: ["to"] });
export type AgentTimelineInput = z.input<typeof agentTimelineInputSchema>;

export type TimelineSegment = {
  start: number;
  end: number;
  /** A stored state, or "none" for a gap without one. */
  state: AgentState | "none";
  /** Not-ready reason code ('' when none). */
  reasonCode: string;
  /** The call the state belonged to, for busy and after-call work. */
  callId: string;
};

export type AgentTimeline = {
  agentId: string;
  /** The agent's name, or the id when `agents` has no row. */
  name: string;
  teamId: string;
  from: number;
  to: number;
  segments: TimelineSegment[];
  /** Time per state within the span, gaps under "none". */
  totals: Record<AgentState | "none", number>;
};

/**
 * Rows clipped to [from, to), sorted, gaps filled. Overlaps (a platform that
 * reports one state starting before the last ended) are cut at the later start,
 * so the timeline never draws two states at once.
 */
export function prepareTimeline(rows: readonly TimelineRow[], info: { agentId: string; name?: string; teamId?: string; from: number; to: number }): AgentTimeline {
  const { from, to } = info;
  const totals: Record<AgentState | "none", number> = { ready: 0, not_ready: 0, busy: 0, after_call_work: 0, none: 0 };
  const segments: TimelineSegment[] = [];
  const push = (s: TimelineSegment) => {
    if (s.end <= s.start) return;
    segments.push(s);
    totals[s.state] += s.end - s.start;
  };
  let cursor = from;
  const sorted = [...rows].filter((r) => isAgentState(r.state)).sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs);
  for (const r of sorted) {
    const start = Math.max(r.startMs, from, cursor);
    const end = Math.min(r.endMs, to);
    if (end <= start) continue;
    if (start > cursor) push({ start: cursor, end: start, state: "none", reasonCode: "", callId: "" });
    push({ start, end, state: r.state as AgentState, reasonCode: r.reasonCode, callId: r.callId });
    cursor = end;
  }
  if (cursor < to) push({ start: cursor, end: to, state: "none", reasonCode: "", callId: "" });
  return { agentId: info.agentId, name: info.name || info.agentId, teamId: info.teamId ?? "", from, to, segments, totals };
}

export async function getAgentTimeline(ch: ClickHouseClient, input: AgentTimelineInput): Promise<AgentTimeline> {
  const p = agentTimelineInputSchema.parse(input);
  const params = { tenantId: p.tenantId, agentId: p.agentId, fromMs: p.from, toMs: p.to };
  const [rows, info] = await Promise.all([
    queryRows(ch, AGENT_TIMELINE_SQL, params, timelineRowSchema),
    queryRows(ch, AGENT_INFO_SQL, params, z.object({ name: z.string(), teamId: z.string() })),
  ]);
  return prepareTimeline(rows, { agentId: p.agentId, name: info[0]?.name, teamId: info[0]?.teamId, from: p.from, to: p.to });
}
