import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { QUEUE_EXIT_REASONS } from "@/lib/events";
import { queryRows, sqlNumber } from "@/lib/store/query-rows";
import { readCallDirectory } from "@/lib/calls/call-directory";
import { segmentWords, segmentWordsShape } from "@/lib/calls/transcript";
import { findPhrase, type SearchQuery } from "./search-query";
import { NORM_SHINGLES_SQL } from "./search-shingles";

/**
 * Transcript search: the segments whose words contain a phrase, newest first, in
 * pages. It reads `transcript_search` (migration 0024), the segments sorted by time
 * with their normalised text: the period is a range of the sort key, the store reads
 * it backwards from the period's end and stops once the page is full, the token index
 * skips granules that cannot hold every word, the shingle index (0032) those that
 * cannot hold the phrase's word triples, and the phrase is one substring check on the
 * normalised text. Scope arrives as the queue and team
 * lists (narrowed by the endpoint's scope step) and is applied here, in SQL, like any
 * other filter.
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

/** The time-sorted copy of the segments search reads (migration 0024). */
export const SEARCH_TABLE = "transcript_search";

export function searchSql(i: {
  tokens: number;
  shingles: number;
  queues: boolean;
  teams: boolean;
  agents: boolean;
  outcomes: boolean;
  /** For the benchmark's baseline: the same search without the token pre-filter. */
  tokenFilter?: boolean;
  /** Let the store drop repeats (LIMIT 1 BY): exact, but it sorts every match with its words, where a plain LIMIT keeps only the top rows. */
  storeDedupe?: boolean;
}): string {
  const where = [
    "tenant_id = {tenantId:String}",
    "at >= fromUnixTimestamp64Milli({from:Int64}) AND at < fromUnixTimestamp64Milli({to:Int64})",
    // indexHint: the words skip granules, but are not checked again on each row (the phrase check below implies them).
    ...(i.tokenFilter === false ? [] : [`indexHint(${Array.from({ length: i.tokens }, (_, k) => `hasToken(norm_text, {t${k}:String})`).join(" AND ")})`]),
    "position(norm_text, {phrase:String}) > 0",
    // After the phrase check, so each row computes its shingles only where the phrase is (they never change the
    // answer). Not inside indexHint: the store does not match the index's expression there (tested).
    ...(i.tokenFilter === false ? [] : Array.from({ length: i.shingles }, (_, k) => `hasToken(${NORM_SHINGLES_SQL}, {s${k}:String})`)),
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
  // Every key column descending, the table's sort order reversed, so the store reads in order and stops at the limit.
  return `
SELECT call_id AS callId, recording_id AS recordingId, segment_index AS segmentIndex, toUnixTimestamp64Milli(at) AS atMs, speaker,
  queue_id AS queueId, agent_id AS agentId, start_ms AS startMs, end_ms AS endMs, text, words, word_starts AS starts, word_ends AS ends
FROM ${SEARCH_TABLE}
WHERE ${where.join("\n  AND ")}
ORDER BY at DESC, call_id DESC, recording_id DESC, segment_index DESC${i.storeDedupe ? "\nLIMIT 1 BY call_id, recording_id, segment_index" : ""}
LIMIT {limit:UInt32}`;
}

/** The query's parameters; `limit` may be the rows up to the page's end. */
export function searchParams(input: SearchInput, limit = input.limit): Record<string, unknown> {
  return {
    tenantId: input.tenantId,
    from: input.from,
    to: input.to,
    phrase: input.query.phrase,
    ...Object.fromEntries(input.query.tokens.map((t, k) => [`t${k}`, t])),
    ...Object.fromEntries(input.query.shingles.map((t, k) => [`s${k}`, t])),
    queueIds: [...input.queueIds],
    teamIds: [...input.teamIds],
    agentIds: [...input.agentIds],
    outcomes: [...input.outcomes],
    limit,
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
  ...segmentWordsShape,
});

type HitRow = z.output<typeof hitRow>;

/** Rows repeated by an at-least-once delivery, before the table's merge removes them, fetched beyond the page so dropping them here still fills it. */
const REPEAT_SLACK = 8;

/**
 * The newest `wanted` matches, each segment once. Repeats (the same segment stored
 * twice until ReplacingMergeTree merges) are rare, so they are dropped here from a few
 * extra rows; only when that many repeats fill the extra rows does the store remove
 * them itself, at the cost of sorting every match.
 */
async function newestMatches(ch: ClickHouseClient, input: SearchInput, wanted: number): Promise<HitRow[]> {
  const shape = {
    tokens: input.query.tokens.length,
    shingles: input.query.shingles.length,
    queues: input.queueIds.length > 0,
    teams: input.teamIds.length > 0,
    agents: input.agentIds.length > 0,
    outcomes: input.outcomes.length > 0,
  };
  const limit = wanted + REPEAT_SLACK;
  const rows = await queryRows(ch, searchSql(shape), searchParams(input, limit), hitRow);
  const seen = new Set<string>();
  const unique = rows.filter((r) => {
    const key = `${r.callId}\u0000${r.recordingId}\u0000${r.segmentIndex}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (unique.length >= wanted || rows.length < limit) return unique.slice(0, wanted);
  return queryRows(ch, searchSql({ ...shape, storeDedupe: true }), searchParams(input, wanted), hitRow);
}

export async function searchTranscripts(ch: ClickHouseClient, input: SearchInput): Promise<SearchResult> {
  // One row past the page says whether there is a next one, without counting every match.
  const rows = await newestMatches(ch, input, input.offset + input.limit + 1);
  const page = rows.slice(input.offset, input.offset + input.limit);
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
  return { items, hasMore: rows.length > input.offset + input.limit, offset: input.offset, limit: input.limit };
}
