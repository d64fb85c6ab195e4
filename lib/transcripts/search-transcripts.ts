import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { QUEUE_EXIT_REASONS } from "@/lib/events";
import { queryRows, sqlNumber } from "@/lib/store/query-rows";
import { readCallDirectory } from "@/lib/calls/call-directory";
import { segmentWords } from "@/lib/calls/transcript";
import { findPhrase, type SearchQuery } from "./search-query";

/**
 * Transcript search: the segments whose words contain a phrase, newest first, in
 * pages. The token index on lower(text) (migration 0019, tokenbf_v1) skips the
 * granules that cannot hold every word of the query (hasToken per word); the exact
 * phrase is then checked on each remaining segment's normalised text. Scope arrives
 * as the queue and team lists (narrowed by the endpoint's scope step) and is applied
 * here, in SQL, like any other filter.
 */

export const SEARCH_OUTCOMES = QUEUE_EXIT_REASONS;
export type SearchOutcome = (typeof SEARCH_OUTCOMES)[number];

export type SearchInput = {
  tenantId: string;
  query: SearchQuery;
  from: number;
  to: number;
  queueIds: readonly string[];
  teamIds: readonly string[];
  agentIds: readonly string[];
  outcomes: readonly SearchOutcome[];
  limit: number;
  offset: number;
};

export type SearchHit = {
  callId: string;
  recordingId: string;
  segmentIndex: number;
  /** Epoch ms of the segment (its event time). */
  at: number;
  speaker: string;
  queueId: string;
  queueName: string;
  agentId: string;
  agentName: string;
  words: string[];
  /** The matched words, by index into `words`. */
  match: { first: number; last: number } | null;
  /** Where the player should start: the first matched word, ms from the recording's start. */
  seekMs: number;
};

export type SearchResult = { items: SearchHit[]; hasMore: boolean; offset: number; limit: number };

const DAY_MS = 86_400_000;

/** The segment's text, normalised as search-query.ts normalises a query, padded with spaces. */
const NORMALISED_TEXT = `concat(' ', replaceRegexpAll(lowerUTF8(text), '[^\\\\p{L}\\\\p{N}]+', ' '), ' ')`;

export function searchSql(i: { tokens: number; queues: boolean; teams: boolean; agents: boolean; outcomes: boolean; tokenFilter?: "hasToken" | "none" }): string {
  const where = [
    "tenant_id = {tenantId:String}",
    "at >= fromUnixTimestamp64Milli({from:Int64}) AND at < fromUnixTimestamp64Milli({to:Int64})",
    ...(i.tokenFilter === "none" ? [] : Array.from({ length: i.tokens }, (_, k) => `hasToken(lower(text), {t${k}:String})`)),
    `position(${NORMALISED_TEXT}, {needle:String}) > 0`,
    ...(i.queues ? ["queue_id IN {queueIds:Array(String)}"] : []),
    ...(i.agents ? ["agent_id IN {agentIds:Array(String)}"] : []),
    ...(i.teams ? ["agent_id IN (SELECT agent_id FROM agents FINAL WHERE tenant_id = {tenantId:String} AND team_id IN {teamIds:Array(String)})"] : []),
    // A leg enters its queue before its recording's segments; a day before the period is margin enough.
    ...(i.outcomes
      ? [
          `call_id IN (SELECT call_id FROM contact_segments WHERE tenant_id = {tenantId:String}
            AND queued_at >= fromUnixTimestamp64Milli({from:Int64} - ${DAY_MS}) AND queued_at < fromUnixTimestamp64Milli({to:Int64})
            AND outcome IN {outcomes:Array(String)})`,
        ]
      : []),
  ];
  return `
SELECT call_id AS callId, recording_id AS recordingId, segment_index AS segmentIndex, toUnixTimestamp64Milli(at) AS atMs, speaker,
  queue_id AS queueId, agent_id AS agentId, start_ms AS startMs, end_ms AS endMs, text, words, word_starts AS starts, word_ends AS ends
FROM transcript_segments
WHERE ${where.join("\n  AND ")}
ORDER BY at DESC, call_id, recording_id, segment_index
LIMIT 1 BY call_id, recording_id, segment_index
LIMIT {limit:UInt32} OFFSET {offset:UInt32}`;
}

export function searchParams(input: SearchInput, limit = input.limit): Record<string, unknown> {
  return {
    tenantId: input.tenantId,
    from: input.from,
    to: input.to,
    needle: input.query.needle,
    ...Object.fromEntries(input.query.tokens.map((t, k) => [`t${k}`, t])),
    queueIds: [...input.queueIds],
    teamIds: [...input.teamIds],
    agentIds: [...input.agentIds],
    outcomes: [...input.outcomes],
    limit,
    offset: input.offset,
  };
}

const hitRow = z.object({
  callId: z.string(),
  recordingId: z.string(),
  segmentIndex: sqlNumber,
  atMs: sqlNumber,
  speaker: z.string(),
  queueId: z.string(),
  agentId: z.string(),
  startMs: sqlNumber,
  endMs: sqlNumber,
  text: z.string(),
  words: z.array(z.string()),
  starts: z.array(sqlNumber),
  ends: z.array(sqlNumber),
});

export async function searchTranscripts(ch: ClickHouseClient, input: SearchInput): Promise<SearchResult> {
  const sql = searchSql({
    tokens: input.query.tokens.length,
    queues: input.queueIds.length > 0,
    teams: input.teamIds.length > 0,
    agents: input.agentIds.length > 0,
    outcomes: input.outcomes.length > 0,
  });
  // One row past the page says whether there is a next one, without counting every match.
  const rows = await queryRows(ch, sql, searchParams(input, input.limit + 1), hitRow);
  const page = rows.slice(0, input.limit);
  const directory = await readCallDirectory(ch, input.tenantId, [...new Set(page.map((r) => r.agentId).filter(Boolean))], [...new Set(page.map((r) => r.queueId))]);
  const items = page.map((r): SearchHit => {
    const words = segmentWords(r);
    const match = findPhrase(
      words.map((w) => w.t),
      input.query.words,
    );
    return {
      callId: r.callId,
      recordingId: r.recordingId,
      segmentIndex: r.segmentIndex,
      at: r.atMs,
      speaker: r.speaker,
      queueId: r.queueId,
      queueName: directory.queues.get(r.queueId) || r.queueId,
      agentId: r.agentId,
      agentName: directory.agents.get(r.agentId)?.name || r.agentId,
      words: words.map((w) => w.t),
      match,
      seekMs: match ? (words[match.first]?.s ?? r.startMs) : r.startMs,
    };
  });
  return { items, hasMore: rows.length > input.limit, offset: input.offset, limit: input.limit };
}
