import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { QUEUE_EXIT_REASONS } from "@/lib/events";
import { queryRows, sqlNumber } from "@/lib/store/query-rows";
import { readCallDirectory } from "@/lib/calls/call-directory";
import { segmentWords, segmentWordsShape } from "@/lib/calls/transcript";
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

/**
 * The search's SQL. `tokenFilter` and `table` exist for the benchmark, which compares
 * the token pre-filter with none and with a `text` index (hasAllTokens) on a copy of
 * the table; the product always uses the default.
 */
export function searchSql(i: {
  tokens: number;
  /** The query's words, each checked as a substring before the phrase check. */
  words?: number;
  queues: boolean;
  teams: boolean;
  agents: boolean;
  outcomes: boolean;
  tokenFilter?: "hasToken" | "hasAllTokens" | "none";
  table?: string;
  /** Let the store drop repeats (LIMIT 1 BY): exact, but it sorts every match with its words, where a plain LIMIT keeps only the top rows. */
  storeDedupe?: boolean;
  /**
   * Read the time range first (PREWHERE), then the text of those rows only. Right for a
   * window much shorter than the table's month partitions (the table is sorted by call,
   * so a day's rows are spread over the month); for a whole period the engine's own
   * top-N pre-filter on `at` reads less, and an explicit PREWHERE would turn it off.
   */
  timeFirst?: boolean;
}): string {
  const tokens = Array.from({ length: i.tokens }, (_, k) => `{t${k}:String}`);
  const prefilter =
    i.tokenFilter === "none" || tokens.length === 0
      ? []
      : i.tokenFilter === "hasAllTokens"
        ? [`hasAllTokens(lower(text), [${tokens.join(", ")}])`]
        : tokens.map((t) => `hasToken(lower(text), ${t})`);
  const time = ["tenant_id = {tenantId:String}", "at >= fromUnixTimestamp64Milli({from:Int64}) AND at < fromUnixTimestamp64Milli({to:Int64})"];
  const where = [
    ...(i.timeFirst ? [] : time),
    ...prefilter,
    // Cheap and necessary: each word somewhere in the text. Only segments passing it pay for the normalised phrase check.
    ...Array.from({ length: i.words ?? 0 }, (_, k) => `positionCaseInsensitiveUTF8(text, {w${k}:String}) > 0`),
    "match(text, {pattern:String})",
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
FROM ${i.table ?? "transcript_segments"}${i.timeFirst ? `\nPREWHERE ${time.join(" AND ")}` : ""}
WHERE ${where.join("\n  AND ")}
ORDER BY at DESC, call_id, recording_id, segment_index${i.storeDedupe ? "\nLIMIT 1 BY call_id, recording_id, segment_index" : ""}
LIMIT {limit:UInt32}`;
}

/** The query's parameters; `from` and `limit` may be a window's and the rows up to the page's end. */
export function searchParams(input: SearchInput, o: { from?: number; limit?: number } = {}): Record<string, unknown> {
  return {
    tenantId: input.tenantId,
    from: o.from ?? input.from,
    to: input.to,
    pattern: input.query.pattern,
    ...Object.fromEntries(input.query.tokens.map((t, k) => [`t${k}`, t])),
    ...Object.fromEntries(input.query.words.map((w, k) => [`w${k}`, w])),
    queueIds: [...input.queueIds],
    teamIds: [...input.teamIds],
    agentIds: [...input.agentIds],
    outcomes: [...input.outcomes],
    limit: o.limit ?? input.limit,
  };
}

const DAY_WINDOW_MS = 86_400_000;

/**
 * Newest first, in widening windows: the page's rows are the newest matches, so the
 * last day is searched first, then the last 4 days, then the whole period, stopping at
 * the first window holding every row up to the page's end (any match outside it is
 * older than all inside). A common word is then found in the last day without reading
 * the month's text; a rare one costs two more cheap reads before the period's.
 */
export function searchWindows(from: number, to: number, widths: readonly number[] = [DAY_WINDOW_MS, 4 * DAY_WINDOW_MS]): number[] {
  return [...widths.filter((w) => to - w > from).map((w) => to - w), from];
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
 * The newest `wanted` matches since `from`, each segment once. Repeats (the same
 * segment stored twice until ReplacingMergeTree merges) are rare, so they are dropped
 * here from a few extra rows; only when that many repeats fill the extra rows does
 * the store remove them itself, at the cost of sorting every match.
 */
async function newestMatches(ch: ClickHouseClient, input: SearchInput, from: number, wanted: number, sql: string, dedupeSql: () => string): Promise<HitRow[]> {
  const limit = wanted + REPEAT_SLACK;
  const rows = await queryRows(ch, sql, searchParams(input, { from, limit }), hitRow);
  const seen = new Set<string>();
  const unique = rows.filter((r) => {
    const key = `${r.callId}\u0000${r.recordingId}\u0000${r.segmentIndex}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (unique.length >= wanted || rows.length < limit) return unique.slice(0, wanted);
  return queryRows(ch, dedupeSql(), searchParams(input, { from, limit: wanted }), hitRow);
}

export async function searchTranscripts(ch: ClickHouseClient, input: SearchInput): Promise<SearchResult> {
  const shape = {
    tokens: input.query.tokens.length,
    words: input.query.words.length,
    queues: input.queueIds.length > 0,
    teams: input.teamIds.length > 0,
    agents: input.agentIds.length > 0,
    outcomes: input.outcomes.length > 0,
  };
  // One row past the page says whether there is a next one, without counting every match.
  const wanted = input.offset + input.limit + 1;
  let rows: HitRow[] = [];
  for (const from of searchWindows(input.from, input.to)) {
    const timeFirst = from > input.from;
    rows = await newestMatches(ch, input, from, wanted, searchSql({ ...shape, timeFirst }), () => searchSql({ ...shape, timeFirst, storeDedupe: true }));
    if (rows.length >= wanted) break;
  }
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
