import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { parseEnv } from "../lib/env";
import { closeClickHouse, getClickHouse } from "../lib/store/client";
import { queryRows, sqlNumber } from "../lib/store/query-rows";
import { storeCommand } from "../lib/store/store-call";
import { migrate } from "../sql/migrate";
import { parseSearchQuery } from "../lib/transcripts/search-query";
import { searchParams, searchSql, searchTranscripts, type SearchInput } from "../lib/transcripts/search-transcripts";
import { runCli } from "../scripts/run-cli";
import { percentile } from "./percentile";
import { numArg, strArg } from "./cli-args";

/**
 * npm run bench:recordings:search [-- --calls 1000000] [--segments 10] [--runs 20] [--data-dir DIR]
 *
 * 1. Generates transcript segments for N calls (default 1,000,000 calls × 10 segments)
 *    straight into `transcript_segments` with INSERT ... SELECT FROM numbers(), over 90
 *    days, 8 queues, 200 agents in 10 teams, one contact segment per call (85 %
 *    answered, 15 % transferred) for the outcome filter, then copies them into
 *    `transcript_search` as migration 0024's backfill does. Words: 97 % from a small
 *    call-centre vocabulary (so "card" or "number" is in a large share of segments),
 *    3 % rare tokens "zq<k>" (k < 200,000: each occurs about 15 times), and 1 % of
 *    segments open with the phrase "please read the card number".
 * 2. Times the product's search (searchTranscripts: the time-sorted table, token
 *    pre-filter, phrase check, names of the page's agents and queues) over the last 31
 *    days, 1 warm-up + N runs, p50/p95: a common word, a rare word, a phrase, and the
 *    phrase with a queue, a team or an outcome filter. In the same run, baselines: the
 *    same searches on the call-sorted `transcript_segments` as the product ran them
 *    before migration 0024 (token index on lower(text), RE2 phrase match), a plain
 *    `ILIKE '%...%'` scan, and the product's SQL without the token pre-filter.
 * 3. Prints the table and whether the goal (p95 < 500 ms) holds. Exit code 0 whatever
 *    the figures (it is a benchmark).
 */

const TENANT = "bench-search";
const DAY = 86_400_000;
const END = Date.UTC(2026, 5, 1);
const SPAN_DAYS = 90;
const GOAL_MS = 500;
const CHUNK_ROWS = 1_000_000;

const VOCABULARY = [
  "thank",
  "you",
  "for",
  "calling",
  "how",
  "can",
  "i",
  "help",
  "my",
  "account",
  "the",
  "a",
  "to",
  "is",
  "it",
  "that",
  "please",
  "card",
  "number",
  "payment",
  "bill",
  "order",
  "delivery",
  "refund",
  "address",
  "name",
  "date",
  "of",
  "birth",
  "postcode",
  "yes",
  "no",
  "okay",
  "sure",
  "one",
  "moment",
  "hold",
  "transfer",
  "let",
  "me",
  "check",
  "this",
  "your",
  "we",
  "have",
  "on",
  "file",
  "today",
  "could",
  "confirm",
  "again",
  "sorry",
  "about",
  "wait",
  "booking",
  "cancel",
  "subscription",
  "broadband",
  "engineer",
  "appointment",
];

/** One chunk of segments: rows [from, from + rows) of calls × segments. */
function generateSql(from: number, rows: number, segments: number, calls: number): string {
  const vocab = `[${VOCABULARY.map((w) => `'${w}'`).join(",")}]`;
  const spanMs = SPAN_DAYS * DAY;
  const start = END - spanMs;
  return `
INSERT INTO transcript_segments (tenant_id, call_id, recording_id, segment_index, at, source, queue_id, agent_id, speaker, channel, start_ms, end_ms, text, confidence, words, word_starts, word_ends)
SELECT '${TENANT}', concat('bc-', toString(c)), concat('rec-bc-', toString(c)), s,
  fromUnixTimestamp64Milli(toInt64(${start} + intDiv(c * ${spanMs}, ${calls}) + s * 6000)),
  'bench', concat('q', toString(c % 8)), concat('a', toString(cityHash64(c) % 200)),
  if(s % 2 = 0, 'agent', 'caller'), s % 2, s * 6000, s * 6000 + 5000,
  arrayStringConcat(ws, ' '), 0.9, ws,
  arrayMap(i -> toUInt32(s * 6000 + i * 400), range(length(ws))),
  arrayMap(i -> toUInt32(s * 6000 + i * 400 + 300), range(length(ws)))
FROM (
  SELECT intDiv(number, ${segments}) AS c, number % ${segments} AS s,
    arrayMap(i -> if(cityHash64(number, i) % 100 < 97,
                     ${vocab}[1 + cityHash64(number, i, 1) % ${VOCABULARY.length}],
                     concat('zq', toString(cityHash64(number, i, 2) % 200000))),
             range(6 + number % 9)) AS base,
    if(cityHash64(number, 7) % 100 = 0, arrayConcat(['Please', 'read', 'the', 'card', 'number'], base), base) AS ws
  FROM numbers(${from}, ${rows})
)`;
}

async function generate(ch: ClickHouseClient, calls: number, segments: number): Promise<void> {
  const rows = calls * segments;
  const t = Date.now();
  for (let from = 0; from < rows; from += CHUNK_ROWS) {
    await storeCommand(ch, generateSql(from, Math.min(CHUNK_ROWS, rows - from), segments, calls), {}, { kind: "migration" });
    process.stdout.write(`\r  segments: ${Math.min(rows, from + CHUNK_ROWS).toLocaleString("en")} / ${rows.toLocaleString("en")}`);
  }
  process.stdout.write("\n");
  await storeCommand(
    ch,
    `INSERT INTO agents (tenant_id, agent_id, name, team_id) SELECT '${TENANT}', concat('a', toString(number)), concat('Agent ', toString(number)), concat('t', toString(number % 10)) FROM numbers(200)`,
  );
  await storeCommand(
    ch,
    `INSERT INTO queues (tenant_id, queue_id, name) SELECT '${TENANT}', concat('q', toString(number)), concat('Queue ', toString(number)) FROM numbers(8)`,
  );
  await storeCommand(
    ch,
    `INSERT INTO contact_segments (tenant_id, queued_at, leg_id, call_id, queue_id, agent_id, outcome)
     SELECT '${TENANT}', fromUnixTimestamp64Milli(toInt64(${END - SPAN_DAYS * DAY} + intDiv(number * ${SPAN_DAYS * DAY}, ${calls}) - 30000)),
       concat('bc-', toString(number), '.1'), concat('bc-', toString(number)), concat('q', toString(number % 8)), concat('a', toString(cityHash64(number) % 200)),
       if(cityHash64(number, 3) % 100 < 85, 'answered', 'transfer')
     FROM numbers(${calls})`,
    {},
    { kind: "migration" },
  );
  await storeCommand(ch, `OPTIMIZE TABLE transcript_segments FINAL`, {}, { kind: "migration" });
  // Migration 0024's backfill, normalisation included.
  await storeCommand(
    ch,
    `INSERT INTO transcript_search
     SELECT tenant_id, at, call_id, recording_id, segment_index, queue_id, agent_id, speaker, start_ms, end_ms, text,
       concat(' ', trimBoth(replaceRegexpAll(lowerUTF8(text), '[^\\\\p{L}\\\\p{N}]+', ' ')), ' '), words, word_starts, word_ends
     FROM transcript_segments WHERE tenant_id = '${TENANT}'`,
    {},
    { kind: "migration" },
  );
  await storeCommand(ch, `OPTIMIZE TABLE transcript_search FINAL`, {}, { kind: "migration" });
  console.log(`  generated in ${((Date.now() - t) / 1000).toFixed(0)} s`);
}

/**
 * The search as it ran before migration 0024, on the call-sorted table: the token index
 * on lower(text) (which splits on ASCII separators only), then an RE2 match of the phrase.
 */
function callSortedSql(tokens: number): string {
  return `
SELECT call_id AS callId FROM transcript_segments
WHERE tenant_id = {tenantId:String} AND at >= fromUnixTimestamp64Milli({from:Int64}) AND at < fromUnixTimestamp64Milli({to:Int64})
  ${Array.from({ length: tokens }, (_, k) => `AND hasToken(lower(text), {t${k}:String})`).join(" ")}
  AND match(text, {pattern:String})
ORDER BY at DESC, call_id, recording_id, segment_index
LIMIT {limit:UInt32}`;
}

type Case = { label: string; run: () => Promise<number> };

async function time(c: Case, runs: number): Promise<{ label: string; hits: number; p50: number; p95: number }> {
  const hits = await c.run(); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await c.run();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { label: c.label, hits, p50: percentile(ms, 50), p95: percentile(ms, 95) };
}

runCli(async () => {
  const calls = numArg("calls", 1_000_000);
  const segments = numArg("segments", 10);
  const runs = numArg("runs", 20);
  const givenDir = strArg("data-dir");
  const dir = givenDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "bench-search-"));
  const ch = await getClickHouse(parseEnv({ DATA_DIR: dir }));
  await migrate(ch);
  const [have] = await queryRows(ch, `SELECT count() AS n FROM transcript_segments WHERE tenant_id = '${TENANT}'`, {}, z.object({ n: sqlNumber }));
  if ((have?.n ?? 0) === 0) {
    console.log(`generating ${calls.toLocaleString("en")} calls × ${segments} segments into ${dir}`);
    await generate(ch, calls, segments);
  } else console.log(`measuring the ${have?.n.toLocaleString("en")} segments already in ${dir}`);

  const period = { from: END - 31 * DAY, to: END };
  // A rare word that is there: the commonest of the rare tokens in the period (about 15 to 40 segments at the default size).
  const [rareRow] = await queryRows(
    ch,
    `SELECT w FROM (SELECT arrayJoin(words) AS w FROM transcript_segments
       WHERE tenant_id = '${TENANT}' AND at >= fromUnixTimestamp64Milli(${period.from}) AND at < fromUnixTimestamp64Milli(${period.to}))
     WHERE startsWith(w, 'zq') GROUP BY w ORDER BY count() DESC, w LIMIT 1`,
    {},
    z.object({ w: z.string() }),
  );
  const rare = rareRow?.w ?? "zq0";
  const input = (q: string, extra: Partial<SearchInput> = {}): SearchInput => ({
    tenantId: TENANT,
    query: parseSearchQuery(q),
    ...period,
    queueIds: [],
    teamIds: [],
    agentIds: [],
    outcomes: [],
    limit: 25,
    offset: 0,
    ...extra,
  });
  const product = (label: string, q: string, extra: Partial<SearchInput> = {}): Case => ({
    label,
    run: async () => (await searchTranscripts(ch, input(q, extra))).items.length,
  });
  const noTokens = (label: string, q: string): Case => ({
    label,
    run: async () => {
      const i = input(q);
      const sql = searchSql({ tokens: i.query.tokens.length, shingles: 0, queues: false, teams: false, agents: false, outcomes: false, tokenFilter: false });
      return (await queryRows(ch, sql, searchParams(i, 26), z.object({ callId: z.string() }))).length;
    },
  });
  // The product's SQL as it was before the shingle index (migration 0032): the word index alone.
  const noShingles = (label: string, q: string): Case => ({
    label,
    run: async () => {
      const i = input(q);
      const sql = searchSql({ tokens: i.query.tokens.length, shingles: 0, queues: false, teams: false, agents: false, outcomes: false });
      return (await queryRows(ch, sql, searchParams(i, 26), z.object({ callId: z.string() }))).length;
    },
  });
  const callSorted = (label: string, q: string): Case => ({
    label,
    run: async () => {
      const i = input(q);
      const pattern = `(?i)(?:^|[^\\p{L}\\p{N}])${i.query.words.join("[^\\p{L}\\p{N}]+")}(?:$|[^\\p{L}\\p{N}])`;
      const params = { ...searchParams(i, 26), pattern, ...Object.fromEntries(i.query.tokens.map((t, k) => [`t${k}`, t])) };
      return (await queryRows(ch, callSortedSql(i.query.tokens.length), params, z.object({ callId: z.string() }))).length;
    },
  });
  const ilike = (label: string, q: string): Case => ({
    label,
    run: async () =>
      (
        await queryRows(
          ch,
          `SELECT call_id AS callId FROM transcript_segments
           WHERE tenant_id = {t:String} AND at >= fromUnixTimestamp64Milli({from:Int64}) AND at < fromUnixTimestamp64Milli({to:Int64}) AND text ILIKE {like:String}
           ORDER BY at DESC, call_id, recording_id, segment_index LIMIT 26`,
          { t: TENANT, ...period, like: `%${q}%` },
          z.object({ callId: z.string() }),
        )
      ).length,
  });

  const cases: Case[] = [
    product("word, common (card)", "card"),
    product(`word, rare (${rare})`, rare),
    product("phrase (card number)", "card number"),
    product("phrase (read the card number)", "read the card number"),
    product("phrase + queue", "read the card number", { queueIds: ["q3"] }),
    product("phrase + team", "read the card number", { teamIds: ["t4"] }),
    product("phrase + outcome", "read the card number", { outcomes: ["transfer"] }),
    product("rare + agent", rare, { agentIds: ["a17"] }),
    product("rare, whole 90 days", rare, { from: END - SPAN_DAYS * DAY }),
    // The worst case: every word is common, so the token index skips nothing, and the phrase is nowhere.
    product("phrase nowhere (common words)", "number thank card birth"),
    callSorted("baseline call-sorted, common", "card"),
    callSorted("baseline call-sorted, rare", rare),
    callSorted("baseline call-sorted, phrase", "read the card number"),
    ilike("baseline ILIKE, common", "card"),
    ilike("baseline ILIKE, rare", rare),
    ilike("baseline ILIKE, phrase", "read the card number"),
    noTokens("no token pre-filter, rare", rare),
    noTokens("no token pre-filter, phrase", "read the card number"),
    noShingles("no shingle index, phrase nowhere", "number thank card birth"),
  ];
  console.log(`\nlast 31 days of ${SPAN_DAYS}, page of 25, ${runs} runs after a warm-up\n`);
  console.log(`${"case".padEnd(34)} ${"hits".padStart(5)} ${"p50 ms".padStart(9)} ${"p95 ms".padStart(9)}  goal`);
  for (const c of cases) {
    const r = await time(c, runs);
    const goal = r.label.startsWith("baseline") || r.label.startsWith("no ") ? "" : r.p95 < GOAL_MS ? "ok" : "MISSED";
    console.log(`${r.label.padEnd(34)} ${String(r.hits).padStart(5)} ${r.p50.toFixed(1).padStart(9)} ${r.p95.toFixed(1).padStart(9)}  ${goal}`);
  }
  await closeClickHouse();
  if (!givenDir) fs.rmSync(dir, { recursive: true, force: true });
});
