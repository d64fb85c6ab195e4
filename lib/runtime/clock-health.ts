import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { queryRows, sqlNumber } from "@/lib/store/query-rows";
import { spellDuration } from "@/lib/time/spell-duration";

/**
 * Whether the events' clocks and this server's agree, for /api/health (admins). An event
 * dated 2100 once moved the wallboard to that day and stopped the simulator while health
 * said ok; now such events are refused (future_time), and this says when that happens, and
 * when events dated ahead are in the store anyway (stored before the rule, or this server's
 * clock is behind the platform's). `ok` of the health answer is left alone: a load balancer
 * should not take a web server out because a producer's clock is wrong.
 */
export type ClockHealth = {
  state: "ok" | "problem" | "unknown";
  /** This server's clock, epoch ms. */
  now: number;
  maxFutureMs: number;
  /** Stored events dated more than maxFutureMs ahead of now, and the newest of them. */
  storedAhead: { count: number; newest?: number };
  /** Events refused as future_time in the last 24 hours, by any ingest path (they are in dead_letters), and the latest. */
  refusedLastDay: { count: number; latest?: { at: number; detail: string } };
  /** Live events this process's wallboard ignored since it started (dated ahead, or older than its window). */
  liveIgnored: { future: number; stale: number };
  problems: string[];
  error?: string;
};

export type ClockFacts = Pick<ClockHealth, "storedAhead" | "refusedLastDay">;

const DAY_MS = 86_400_000;

const AHEAD_SQL = `SELECT count() AS n, toUnixTimestamp64Milli(max(time)) AS newest FROM cti_events
WHERE time > fromUnixTimestamp64Milli({limit:Int64})`;
const REFUSED_SQL = `SELECT count() AS n, toUnixTimestamp64Milli(max(received_at)) AS at, argMax(detail, received_at) AS detail FROM dead_letters
WHERE received_at >= fromUnixTimestamp64Milli({since:Int64}) AND startsWith(reason, 'future_time')`;

/** Two small reads: the months after now (cti_events is partitioned by month) and one day of dead letters. */
export async function readClockFacts(ch: ClickHouseClient, now: number, maxFutureMs: number): Promise<ClockFacts> {
  const [ahead, refused] = await Promise.all([
    queryRows(ch, AHEAD_SQL, { limit: now + maxFutureMs }, z.object({ n: sqlNumber, newest: sqlNumber })),
    queryRows(ch, REFUSED_SQL, { since: now - DAY_MS }, z.object({ n: sqlNumber, at: sqlNumber, detail: z.string() })),
  ]);
  const a = ahead[0];
  const r = refused[0];
  return {
    storedAhead: a && a.n > 0 ? { count: a.n, newest: a.newest } : { count: 0 },
    refusedLastDay: r && r.n > 0 ? { count: r.n, latest: { at: r.at, detail: r.detail } } : { count: 0 },
  };
}

/** The verdict and its sentences. Pure. */
export function judgeClock(facts: ClockFacts, liveIgnored: ClockHealth["liveIgnored"], now: number, maxFutureMs: number): ClockHealth {
  const problems: string[] = [];
  const { storedAhead, refusedLastDay } = facts;
  if (storedAhead.count > 0 && storedAhead.newest !== undefined) {
    problems.push(
      `${storedAhead.count} stored event(s) are dated more than ${spellDuration(maxFutureMs)} ahead of this server's clock, the newest ` +
        `${new Date(storedAhead.newest).toISOString()} (${spellDuration(storedAhead.newest - now)} ahead): stored before INGEST_MAX_FUTURE_MS ` +
        `existed, or this server's clock is behind; the wallboard and resuming ignore them`,
    );
  }
  if (refusedLastDay.count > 0) {
    problems.push(
      `${refusedLastDay.count} event(s) dated too far ahead were refused in the last 24 h (dead_letters, reason future_time); the latest: ${refusedLastDay.latest?.detail ?? ""}`,
    );
  }
  if (liveIgnored.future > 0) problems.push(`the wallboard ignored ${liveIgnored.future} live event(s) dated too far ahead since this server started`);
  return { state: problems.length > 0 ? "problem" : "ok", now, maxFutureMs, storedAhead, refusedLastDay, liveIgnored, problems };
}
