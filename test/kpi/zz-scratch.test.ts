import { it } from "vitest";
import { testStore } from "../helpers/store";

it("scratch", async () => {
  const { ch } = await testStore();
  const qs = [
    `SELECT version() v`,
    `SELECT toUnixTimestamp(toStartOfInterval(toTimeZone(toDateTime64('2026-03-29 10:50:00', 3, 'UTC'), 'Asia/Kolkata'), INTERVAL 1 HOUR)) * 1000 AS h, toUnixTimestamp(toStartOfDay(toTimeZone(toDateTime64('2026-03-29 10:50:00', 3, 'UTC'), 'Asia/Kolkata'))) AS d`,
    `SELECT toUnixTimestamp(toStartOfInterval(toTimeZone(toDateTime64('2026-10-25 01:30:00', 3, 'UTC'), 'Europe/London'), INTERVAL 1 HOUR)) AS h2, toUnixTimestamp(toStartOfInterval(toTimeZone(toDateTime64('2026-10-25 00:30:00', 3, 'UTC'), 'Europe/London'), INTERVAL 1 HOUR)) AS h1, toUnixTimestamp(toStartOfDay(toTimeZone(toDateTime64('2026-10-25 23:30:00', 3, 'UTC'), 'Europe/London'))) AS d`,
    `SELECT toUnixTimestamp(toStartOfInterval(toTimeZone(toDateTime64('2026-03-29 10:50:00', 3, 'UTC'), 'Asia/Kathmandu'), INTERVAL 15 MINUTE)) % 900 AS m`,
    `SELECT leg_id, max(queued_at) AS queued_at, max(wait_ms) AS wait_ms FROM contacts WHERE tenant_id = 'x' GROUP BY leg_id HAVING queued_at > 0`,
    `SELECT x, count() OVER () AS total FROM numbers(3) AS t(x) ORDER BY x LIMIT 2`,
    `SELECT toUnixTimestamp64Milli(toDateTime64(0, 3, 'UTC')) AS z, toInt64(1) AS i, toUInt64(5) AS u`,
    `SELECT * FROM (SELECT 1 AS a) AS s LEFT JOIN (SELECT 2 AS a, 1 AS known, 'x' AS v) AS q ON q.a = s.a`,
  ];
  for (const q of qs) {
    try {
      const rs = await ch.query({ query: q, format: "JSONEachRow" });
      console.log(q.slice(0, 60), JSON.stringify(await rs.json()));
    } catch (e) { console.log("ERR", q.slice(0, 60), String(e).slice(0, 300)); }
  }
});
