import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { queryRows, sqlNumber } from "@/lib/store/query-rows";

/**
 * The history bench:queries measures: about a year of a 500-agent centre, written
 * straight into `cti_events` with INSERT ... SELECT FROM numbers(), so the
 * materialized views derive every table exactly as in production.
 */

export const TENANT = "bench";
const AGENTS = 500;
const TEAMS = 25;
const QUEUES = 12;
const DAYS = 365;
export const DAY = 86_400_000;
const HOUR = 3_600_000;
/** The generated year: [START, END). */
const START = Date.UTC(2025, 0, 1);
export const END = START + DAYS * DAY;
/** Share of answered contacts (9 events each); the others (abandon, timeout) have 4. */
const ANSWERED_PER_10K = 8600;
/** Share of answered contacts that first rang another agent who let it pass (one call.diverted more). */
const RANG_PAST_PER_100 = 10;
const EVENTS_PER_CONTACT = (ANSWERED_PER_10K * (9 + RANG_PAST_PER_100 / 100) + (10_000 - ANSWERED_PER_10K) * 4) / 10_000;
/** Service-level threshold of every generated queue (the default), for the baseline. */
export const SL_THRESHOLD_MS = 20_000;

/**
 * One chunk of contacts [first, first + count) as raw events. Everything about a
 * contact is a pure function of its number (sipHash64 of the number and a salt), so
 * a chunk can be generated on its own. Contact c arrives on day floor(c / perDay),
 * between 07:00 and 20:00 UTC with a peak around midday, and is handled by agent
 * c mod 500: consecutive contacts of one agent are 500 arrivals apart, which at the
 * default ~6M contacts a year (16 minutes apart at the peak) is longer than almost
 * every handle time generated, so an agent's state intervals rarely overlap.
 */
function chunkSql(first: number, count: number, perDay: number): string {
  const h = (salt: number) => `sipHash64(c, ${salt})`;
  const u = (salt: number) => `((${h(salt)} % 1000000) + 0.5) / 1000000`;
  return `
INSERT INTO cti_events (tenant_id, event_id, type, spec_version, source, time, call_id, agent_id, queue_id, leg_id, data, raw)
SELECT
  '${TENANT}' AS tenant_id,
  reinterpretAsUUID(sipHash128(c, k)) AS event_id,
  [
    'call.offered', 'call.queued', 'call.queue_exited', 'call.established', 'agent.busy',
    'call.connection_cleared', 'agent.working_after_call', 'call.cleared', 'agent.ready', 'call.diverted'
  ][k + 1] AS type,
  '1.0' AS spec_version,
  'bench://generator' AS source,
  fromUnixTimestamp64Milli(toInt64(multiIf(
    k <= 1, t0,
    k <= 4, exit_at,
    k <= 6, cleared_at,
    k = 7, if(answered, cleared_at, exit_at),
    k = 8, acw_end,
    t0 + intDiv(wait_ms, 2)
  )), 'UTC') AS time,
  if(k IN (4, 6, 8), '', cid) AS call_id,
  multiIf(k IN (0, 1, 7), '', k = 2, if(answered, agent, ''), k = 9, passed_by, agent) AS agent_id,
  if(k IN (0, 4, 6, 7, 8), '', queue) AS queue_id,
  if(k IN (0, 4, 6, 7, 8), '', lid) AS leg_id,
  multiIf(
    k = 0, concat('{"from":"+44', toString(7000000000 + ${h(20)} % 999999999), '","to":"+448000', toString(queue_no), '","direction":"inbound","channelId":"ch-', toString(c), '"}'),
    k = 1, '{"position":1}',
    k = 2, concat('{"reason":"', outcome, '","waitMs":', toString(wait_ms), '}'),
    k = 3, concat('{"waitMs":', toString(wait_ms), ',"ringMs":', toString(ring_ms), ',"agentChannelId":"ach-', toString(c), '"}'),
    k = 4, concat('{"previous":{"state":"', prev_state, '","since":', toString(exit_at - idle_ms),
                  if(prev_state = 'not_ready', ',"reasonCode":"break"', ''), '}}'),
    k = 5, concat('{"queuedAt":', toString(t0), ',"talkMs":', toString(talk_ms), ',"holdMs":', toString(hold_ms), ',"holdCount":', toString(hold_count),
                  ',"releasedBy":"', released_by, '","transferred":', if(transferred, 'true', 'false'), '}'),
    k = 6, concat('{"previous":{"state":"busy","since":', toString(exit_at), ',"callId":"', cid, '","legId":"', lid, '","queuedAt":', toString(t0), '}}'),
    k = 7, concat('{"durationMs":', toString(if(answered, cleared_at, exit_at) - t0), ',"cause":"normal"}'),
    k = 8, concat('{"previous":{"state":"after_call_work","since":', toString(cleared_at), ',"callId":"', cid, '","legId":"', lid, '","queuedAt":', toString(t0), '}}'),
    '{"reason":"ring_no_answer","ringMs":15000}'
  ) AS data,
  '{}' AS raw
FROM
(
  SELECT *, arrayJoin(multiIf(rang_past, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], answered, [0, 1, 2, 3, 4, 5, 6, 7, 8], [0, 1, 2, 7])) AS k
  FROM
  (
  SELECT
    c,
    concat('c', toString(c)) AS cid,
    concat('l', toString(c)) AS lid,
    concat('a', leftPad(toString(c % ${AGENTS}), 3, '0')) AS agent,
    concat('a', leftPad(toString((c + 1) % ${AGENTS}), 3, '0')) AS passed_by,
    toUInt32(${h(13)} % ${QUEUES}) AS queue_no,
    concat('q', toString(queue_no)) AS queue,
    (c % ${perDay}) / ${perDay} AS p,
    toInt64(${START}) + toInt64(intDiv(c, ${perDay})) * ${DAY} + ${7 * HOUR}
      + toInt64(${13 * HOUR} * (p + 0.08 * sin(2 * pi() * p))) AS t0,
    ${h(1)} % 10000 AS u_outcome,
    u_outcome < ${ANSWERED_PER_10K} AS answered,
    multiIf(answered, 'answered', u_outcome < 9700, 'abandon', 'timeout') AS outcome,
    answered AND ${h(14)} % 100 < ${RANG_PAST_PER_100} AS rang_past,
    toInt64(multiIf(
      answered, least(300000, -log(${u(2)}) * 14000),
      outcome = 'abandon', least(600000, -log(${u(2)}) * 45000),
      300000
    )) AS wait_ms,
    toInt64(2000 + ${h(3)} % 10000) AS ring_ms,
    toInt64(30000 + least(690000, -log(${u(4)}) * 200000)) AS talk_ms,
    toInt64(if(${h(5)} % 100 < 18, 1 + ${h(6)} % 3, 0)) AS hold_count,
    least(intDiv(talk_ms, 2), hold_count * toInt64(5000 + ${h(7)} % 60000)) AS hold_ms,
    ${h(8)} % 100 < 6 AS transferred,
    if(transferred, 'transfer', if(${h(9)} % 2 = 0, 'agent', 'caller')) AS released_by,
    toInt64(5000 + ${h(10)} % 90000) AS acw_ms,
    toInt64(5000 + ${h(11)} % 120000) AS idle_ms,
    if(${h(12)} % 10 = 0, 'not_ready', 'ready') AS prev_state,
    t0 + wait_ms AS exit_at,
    exit_at + talk_ms AS cleared_at,
    cleared_at + acw_ms AS acw_end
  FROM (SELECT number AS c FROM numbers(${first}, ${count}))
  )
)`;
}

/** A single number; `{tenantId:String}` in the query is the bench tenant. */
export async function countOf(ch: ClickHouseClient, query: string): Promise<number> {
  const params = query.includes("{tenantId:String}") ? { tenantId: TENANT } : {};
  const [row] = await queryRows(ch, query, params, z.object({ n: sqlNumber }));
  return row?.n ?? 0;
}

/**
 * Inserts `chunkDays` days of contacts at a time, in arrival order, as a live store
 * receives them: a contact's partial rows then land in parts that background merges
 * combine early, as in production. (One insert spanning weeks left every contact's
 * rows in separate large parts that ClickHouse had no reason to merge, a state no
 * running store is in.)
 */
export async function generate(ch: ClickHouseClient, targetEvents: number, chunkDays: number): Promise<void> {
  const contacts = Math.ceil(targetEvents / EVENTS_PER_CONTACT);
  const perDay = Math.ceil(contacts / DAYS);
  const perChunk = perDay * chunkDays;
  console.log(
    `generating ~${targetEvents.toLocaleString("en")} events: ${contacts.toLocaleString("en")} contacts over ${DAYS} days ` +
      `(${perDay.toLocaleString("en")} a day, ${AGENTS} agents, ${QUEUES} queues), ${chunkDays} day(s) per insert`,
  );
  await ch.command({
    query: `INSERT INTO agents (tenant_id, agent_id, name, team_id)
      SELECT '${TENANT}', concat('a', leftPad(toString(number), 3, '0')), concat('Agent ', toString(number)), concat('t', toString(number % ${TEAMS}))
      FROM numbers(${AGENTS})`,
  });
  await ch.command({
    query: `INSERT INTO queues (tenant_id, queue_id, name) SELECT '${TENANT}', concat('q', toString(number)), concat('Queue ', toString(number)) FROM numbers(${QUEUES})`,
  });
  const t0 = performance.now();
  let reported = 0;
  for (let first = 0; first < contacts; first += perChunk) {
    const count = Math.min(perChunk, contacts - first);
    await ch.command({ query: chunkSql(first, count, perDay) });
    const share = (first + count) / contacts;
    if (share - reported >= 0.1 || first + count >= contacts) {
      reported = share;
      const done = await countOf(ch, "SELECT count() AS n FROM cti_events WHERE tenant_id = {tenantId:String}");
      const secs = (performance.now() - t0) / 1000;
      console.log(
        `  ${done.toLocaleString("en")} events (${Math.round(100 * share)}%) in ${secs.toFixed(0)} s: ${Math.round(done / secs).toLocaleString("en")} events/s`,
      );
    }
  }
  const done = await countOf(ch, "SELECT count() AS n FROM cti_events WHERE tenant_id = {tenantId:String}");
  const secs = (performance.now() - t0) / 1000;
  console.log(
    `generated ${done.toLocaleString("en")} events in ${secs.toFixed(1)} s (${Math.round(done / secs).toLocaleString("en")} events/s, materialized views included)`,
  );
}
