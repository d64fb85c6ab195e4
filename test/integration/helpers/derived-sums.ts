import type { ClickHouseClient } from "@clickhouse/client";
import type { CtiEvent } from "@/lib/events";

/**
 * Proof that each stored event reached every table derived from it exactly once.
 * The derived tables all collapse repeats when they merge (max() aggregates,
 * ReplacingMergeTree), so reading them the way queries do, with FINAL, would hide
 * a batch that reached them twice. These sums read the raw rows instead. Each is
 * of a column that only one materialized view writes (the others leave it 0), and
 * in the data the tests use every event writes it under a key of its own, so
 * merging correct rows never changes the sum, while a second copy of a block adds
 * its rows again. A merge can still collapse such a copy before the sums are read
 * (in chDB one often does within a second), so a check can miss a repeat unless it
 * runs inside withMergesStopped; it never fails on correct data.
 */
export type DerivedSums = {
  /** contact_segments.wait_ms: mv_segments_queue_exit, one row per call.queue_exited. */
  segmentWaitMs: number;
  /** contact_segments.ring_ms: mv_segments_established. */
  segmentRingMs: number;
  /** contact_segments.talk_ms: mv_segments_cleared. */
  segmentTalkMs: number;
  /** contact_segments.acw_ms: mv_segments_acw. */
  segmentAcwMs: number;
  /** calls.duration_ms: mv_calls_ended. */
  callDurationMs: number;
  /** end_at - start_at over agent_state_pieces: the pieces of an interval add up to it. */
  stateMs: number;
  /** Rows of agent_rings: mv_agent_rings, one per call.diverted with reason ring_no_answer. */
  agentRings: number;
};

const SQL = `SELECT
  (SELECT toString(sum(wait_ms)) FROM contact_segments WHERE tenant_id = {t:String}) AS segmentWaitMs,
  (SELECT toString(sum(ring_ms)) FROM contact_segments WHERE tenant_id = {t:String}) AS segmentRingMs,
  (SELECT toString(sum(talk_ms)) FROM contact_segments WHERE tenant_id = {t:String}) AS segmentTalkMs,
  (SELECT toString(sum(acw_ms)) FROM contact_segments WHERE tenant_id = {t:String}) AS segmentAcwMs,
  (SELECT toString(sum(duration_ms)) FROM calls WHERE tenant_id = {t:String}) AS callDurationMs,
  (SELECT toString(sum(toUnixTimestamp64Milli(end_at) - toUnixTimestamp64Milli(start_at))) FROM agent_state_pieces WHERE tenant_id = {t:String}) AS stateMs,
  (SELECT toString(count()) FROM agent_rings WHERE tenant_id = {t:String}) AS agentRings`;

/** The sums as stored (raw rows, no FINAL). */
export async function storedDerivedSums(ch: ClickHouseClient, tenantId: string): Promise<DerivedSums> {
  const rs = await ch.query({ query: SQL, query_params: { t: tenantId }, format: "JSONEachRow" });
  const [row] = await rs.json<Record<keyof DerivedSums, string>>();
  if (!row) throw new Error("no sums row");
  return {
    segmentWaitMs: Number(row.segmentWaitMs),
    segmentRingMs: Number(row.segmentRingMs),
    segmentTalkMs: Number(row.segmentTalkMs),
    segmentAcwMs: Number(row.segmentAcwMs),
    callDurationMs: Number(row.callDurationMs),
    stateMs: Number(row.stateMs),
    agentRings: Number(row.agentRings),
  };
}

/**
 * The same sums computed from the events themselves, independently of the views'
 * SQL: what the store must hold when each event reached each view once. (Assumes
 * no agent state lasts over 400 days, the longest the pieces view keeps.)
 */
export function expectedDerivedSums(events: readonly CtiEvent[]): DerivedSums {
  const sums: DerivedSums = { segmentWaitMs: 0, segmentRingMs: 0, segmentTalkMs: 0, segmentAcwMs: 0, callDurationMs: 0, stateMs: 0, agentRings: 0 };
  for (const e of events) {
    switch (e.type) {
      case "call.queue_exited":
        sums.segmentWaitMs += e.data.waitMs;
        break;
      case "call.established":
        sums.segmentRingMs += e.data.ringMs;
        break;
      case "call.connection_cleared":
        sums.segmentTalkMs += e.data.talkMs;
        break;
      case "call.cleared":
        sums.callDurationMs += e.data.durationMs;
        break;
      case "call.diverted":
        if (e.data.reason === "ring_no_answer") sums.agentRings += 1;
        break;
      case "agent.logged_off":
      case "agent.ready":
      case "agent.not_ready":
      case "agent.working_after_call":
      case "agent.busy": {
        const previous = e.data.previous;
        if (!previous) break;
        sums.stateMs += e.time - previous.since;
        if (previous.state === "after_call_work" && previous.legId) sums.segmentAcwMs += Math.max(0, e.time - previous.since);
        break;
      }
      default:
        break;
    }
  }
  return sums;
}

/** The raw table and every table a materialized view writes from it. */
const FED_TABLES = [
  "cti_events",
  "contact_segments",
  "calls",
  "agent_state_pieces",
  "agent_rings",
  "transcript_segments",
  "transcript_search",
  "recordings_by_call",
] as const;

/**
 * Runs `body` with background merges stopped on the raw and derived tables (the transcript
 * and recording tables too), so that
 * no merge collapses a repeated row before the check that looks for it has read it.
 * Stopping merges applies to the whole process's store: only for tests that own it.
 */
export async function withMergesStopped<T>(ch: ClickHouseClient, body: () => Promise<T>): Promise<T> {
  for (const table of FED_TABLES) await ch.command({ query: `SYSTEM STOP MERGES ${table}` });
  try {
    return await body();
  } finally {
    for (const table of FED_TABLES) await ch.command({ query: `SYSTEM START MERGES ${table}` });
  }
}
