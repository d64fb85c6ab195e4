/**
 * What each kind of store query may cost, in one table. Every query names its
 * kind (default: interactive) and is sent with these limits as its own settings,
 * so one query can neither hold the engine for long nor take the server's memory
 * (issue 9: a groupArray over 150M numbers held chDB for 13.6 s and took 2.8 GB).
 *
 * The figures are far above what the product's own queries need (a year of a
 * 50M-event store answers a dashboard query in 0.3-0.44 s p95, docs/architecture.md)
 * and far below what stalls the floor. An export is bounded per page, not per file:
 * a file is many short pages (lib/export/contacts-csv.ts, lib/contacts/contact-pages.ts).
 *
 * On chDB the settings are sent as SETs before the query, in the one session every
 * query shares, so they stay set for the next query: the client therefore sends all
 * of them with every query (the interactive ones by default, lib/store/client.ts),
 * so no query inherits another's.
 */
export const QUERY_KINDS = ["interactive", "live", "export", "ingest", "compaction", "migration", "operator"] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];

export type QueryLimit = {
  /** Wall-clock limit in seconds (max_execution_time). */
  seconds: number;
  /** Memory one query may take (max_memory_usage), bytes. */
  memoryBytes: number;
  /** What the caller should do instead, for the error message. */
  advice: string;
};

const GiB = 1024 ** 3;

export const QUERY_LIMITS: Record<QueryKind, QueryLimit> = {
  // Dashboards, KPIs, contact lists, directory, settings: a user waits for each.
  interactive: { seconds: 20, memoryBytes: 2 * GiB, advice: "narrow the period or the filters" },
  // The live floor's start-up snapshot and a replay: a day of events, once per start or replay.
  live: { seconds: 30, memoryBytes: 2 * GiB, advice: "replay a shorter window" },
  // One page of an export; the file is many pages, each a primary-key range.
  export: { seconds: 20, memoryBytes: 1 * GiB, advice: "narrow the period or the filters" },
  // A batch insert (INGEST_BATCH_SIZE events; from Kafka, INGEST_BLOCK_OFFSETS) with its materialized views, and the pre-insert lookup.
  ingest: { seconds: 60, memoryBytes: 2 * GiB, advice: "lower INGEST_BATCH_SIZE (Kafka: INGEST_BLOCK_OFFSETS)" },
  // OPTIMIZE ... FINAL of a month and pruning: about a second per table at half a million contacts a month.
  compaction: { seconds: 600, memoryBytes: 4 * GiB, advice: "the next round tries again" },
  // Migrations move history (0011 rewrites both KPI tables), once per upgrade.
  migration: { seconds: 3600, memoryBytes: 8 * GiB, advice: "run npm run migrate with the web server stopped" },
  // An operator's ad-hoc read (npm run ch); lib/store/operator-sql sends it in the query's SETTINGS clause.
  operator: { seconds: 30, memoryBytes: 1 * GiB, advice: "add a narrower WHERE or a LIMIT" },
};

/** The per-query settings of a kind. `timeout_overflow_mode: throw` makes an over-limit query fail, never answer with part of its rows. */
export function limitSettings(kind: QueryKind, maxSeconds?: number): { max_execution_time: number; max_memory_usage: string; timeout_overflow_mode: "throw" } {
  const l = QUERY_LIMITS[kind];
  return { max_execution_time: timeLimit(kind, maxSeconds), max_memory_usage: String(l.memoryBytes), timeout_overflow_mode: "throw" };
}

/** The kind's time limit, or a tighter one a caller asks for (never a looser one). */
export function timeLimit(kind: QueryKind, maxSeconds?: number): number {
  const s = QUERY_LIMITS[kind].seconds;
  return maxSeconds === undefined ? s : Math.max(1, Math.min(s, Math.ceil(maxSeconds)));
}
