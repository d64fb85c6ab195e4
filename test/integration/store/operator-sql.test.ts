import fs from "node:fs";
import net from "node:net";
import { describe, expect, it } from "vitest";
import { runOperatorQuery } from "@/lib/store/operator-sql/run-operator-query";
import { OperatorQueryRefused } from "@/lib/store/operator-sql/operator-query-refused";
import { freshTenant, queryRows, testStore } from "../helpers/store";

/**
 * The operator SQL path (npm run ch) on real chDB: ClickHouse's own parser reads each
 * query, so these attacks are judged exactly as the engine would run them. Each was
 * answered by the old path (a `SELECT * FROM (...)` wrapper), which read host files and
 * reached the network.
 */
const refusals: [query: string, reason: RegExp][] = [
  ["SELECT * FROM file('/proc/self/environ', 'RawBLOB')", /table function file\(\)/],
  ["SELECT * FROM file('.auth-secret', 'RawBLOB')", /table function file\(\)/],
  ["select * from FILE('/etc/passwd', 'LineAsString')", /table function FILE\(\)/],
  ["SELECT file('/etc/hostname')", /function file\(\) is not allowed/],
  ["SELECT length(file('/etc/hostname')) AS n FROM cti_events LIMIT 1", /function file\(\) is not allowed/],
  ["SELECT * FROM url('http://127.0.0.1:9/', 'RawBLOB', 'x String')", /table function url\(\)/],
  ["SELECT * FROM s3('http://127.0.0.1:9/b/k', 'RawBLOB')", /table function s3\(\)/],
  ["SELECT * FROM remote('127.0.0.1:9000', system.one)", /table function remote\(\)/],
  ["SELECT * FROM mysql('127.0.0.1:3306', 'db', 't', 'u', 'p')", /table function mysql\(\)/],
  ["SELECT * FROM postgresql('127.0.0.1:5432', 'db', 't', 'u', 'p')", /table function postgresql\(\)/],
  ["SELECT * FROM mongodb('127.0.0.1:27017', 'db', 't', 'u', 'p', 'x String')", /table function mongodb\(\)/],
  ["SELECT * FROM numbers(10)", /table function numbers\(\)/],
  ["SELECT * FROM merge('default', '.*')", /table function merge\(\)/],
  ["SELECT * FROM view(SELECT * FROM system.settings)", /table function view\(\)/],
  ["SELECT * FROM executable('id', 'TSV', 'x String')", /table function executable\(\)/],
  ["SELECT * FROM input('x String')", /table function input\(\)/],
  ["SELECT * FROM format(JSONEachRow, '{\"a\":1}')", /table function format\(\)/],
  ["SELECT * FROM cti_events WHERE event_id IN (SELECT * FROM file('/etc/hostname', 'RawBLOB'))", /table function file\(\)/],
  ["WITH x AS (SELECT * FROM url('http://127.0.0.1:9/')) SELECT * FROM x", /table function url\(\)/],
  ["SELECT * FROM cti_events AS e JOIN file('/etc/hostname', 'RawBLOB') AS f ON 1", /table function file\(\)/],
  ["SELECT * FROM /* comment */ `file`('/etc/hostname', 'RawBLOB')", /table function file\(\)/],
  ["SELECT * FROM system.settings", /system\.settings is not readable/],
  ["SELECT * FROM system.users", /system\.users is not readable/],
  ["SELECT query FROM system.query_log", /system\.query_log is not readable/],
  ["SELECT * FROM `system`.`processes`", /system\.processes is not readable/],
  ["SELECT * FROM information_schema.tables", /not one of the product's tables/],
  ["SELECT 1 FROM cti_events WHERE tenant_id IN system.users", /system\.users is not readable/],
  ["SELECT 1 SETTINGS readonly = 0", /SETTINGS are not allowed/],
  ["SELECT * FROM (SELECT 1 SETTINGS max_execution_time = 0)", /SETTINGS are not allowed/],
  ["SELECT getSetting('readonly')", /function getSetting\(\) is not allowed/],
  ["SELECT dictGet('d', 'a', toUInt64(1))", /function dictGet\(\) is not allowed/],
  ["SELECT joinGet('default.cti_events', 'type', 'x')", /function joinGet\(\) is not allowed/],
  ["SELECT sleepEachRow(1) FROM cti_events", /function sleepEachRow\(\) is not allowed/],
  ["SELECT hostName(), fullHostName()", /function hostName\(\) is not allowed/],
  ["SELECT catboostEvaluate('/tmp/model.bin', 1)", /function catboostEvaluate\(\) is not allowed/],
  ["SELECT aiGenerate('hello')", /function aiGenerate\(\) is not allowed/],
  ["SELECT showCertificate()", /function showCertificate\(\) is not allowed/],
  ["SELECT * APPLY(file) FROM queues", /APPLY\(\.\.\.\) is not allowed/],
  ["SELECT 1) UNION ALL (SELECT * FROM file('/etc/hostname', 'RawBLOB')", /one SELECT/],
  ["SELECT 1) AS a, file('/etc/hostname', 'RawBLOB') AS b, (SELECT 1", /one SELECT|table function file/],
  ["SELECT 1; SELECT * FROM file('/etc/hostname', 'RawBLOB')", /one statement at a time/],
  ["SELECT 1\u0000; DROP TABLE audit_log", /one statement|control characters/],
  ["DROP TABLE audit_log", /not one SELECT/],
  ["INSERT INTO audit_log (actor) VALUES ('x')", /not one SELECT/],
  ["SET readonly = 0", /not one SELECT/],
  ["SELECT 1 INTO OUTFILE '/tmp/x'", /not one SELECT/],
  ["SELECT 1 FORMAT CSV", /not one SELECT/],
  ["WITH `system.users` AS (SELECT 1) SELECT * FROM system.users", /system\.users is not readable/],
  // Unbalanced parentheses that would close the EXPLAIN early and hide a file() after it.
  ["SELECT 1) SETTINGS readonly = 1) UNION ALL SELECT * FROM file('/etc/hostname', 'RawBLOB') WHERE explain IN (SELECT 1 FROM (SELECT 1", /not one SELECT|one SELECT/],
];

const legitimate = [
  "SELECT 1 + 1 AS two;",
  "SELECT count() AS n FROM cti_events WHERE tenant_id = 'demo'",
  "SELECT queue_id, name FROM queues FINAL WHERE tenant_id = 'demo' ORDER BY queue_id",
  "SELECT * FROM cti_events AS system LIMIT 1",
  `SELECT agent_id FROM cti_events
   WHERE tenant_id = 'demo' AND startsWith(type, 'agent.') AND time > now64(3) - INTERVAL 7 DAY
   GROUP BY agent_id HAVING argMax(type, time) != 'agent.logged_off' ORDER BY agent_id`,
  `SELECT count() AS answered FROM cti_events
   WHERE tenant_id = 'demo' AND type = 'call.queue_exited' AND queue_id = 'support' AND JSONExtractString(data, 'reason') = 'answered'
     AND time - toIntervalMillisecond(JSONExtractUInt(data, 'waitMs')) >= toStartOfDay(now64(3), 'Europe/London')`,
  `WITH exits AS (SELECT event_id, any(queue_id) AS queue FROM cti_events WHERE type = 'call.queue_exited' GROUP BY event_id)
   SELECT queue, count() AS c FROM exits GROUP BY queue ORDER BY c DESC LIMIT 5`,
  `SELECT count() AS handled, countIf(c.transferred) AS transfers FROM (SELECT any(leg_id) AS leg FROM cti_events GROUP BY event_id) AS e
   INNER JOIN (SELECT any(leg_id) AS leg, any(JSONExtractBool(data, 'transferred')) AS transferred FROM cti_events GROUP BY event_id) AS c ON c.leg = e.leg
   LEFT JOIN default.queues AS q ON q.queue_id = c.leg`,
  "SELECT queue_id FROM contact_segments FINAL WHERE queue_id IN (SELECT queue_id FROM queues) LIMIT 10",
  "SELECT CASE WHEN 1 = 1 THEN 'a' ELSE 'b' END AS c, CASE 2 WHEN 2 THEN 'x' END AS d, toTypeName(1) AS t, 1::Int32 AS i, arrayMap(x -> x * 2, [1, 2]) AS m",
  "SELECT quantile(0.95)(1) AS q, sumIf(1, 1 = 1) AS s, uniqExactIf(1, 1 = 1) AS u, COUNT() AS c",
  "SELECT transform('a', ['a'], ['b'], '') AS t, formatReadableSize(1024) AS s",
  "SELECT name, engine FROM system.tables WHERE database = currentDatabase() ORDER BY name",
  "SELECT table, sum(rows) AS rows FROM system.parts WHERE active GROUP BY table",
  "SELECT name, type FROM system.columns WHERE table = 'cti_events'",
  "SELECT 1 AS x FROM system.one",
  "SELECT '{\"a\": 1}' AS json, 'it''s' AS quote, concat('a', char(59), 'b') AS semicolon -- a comment",
];

describe("operator SQL on embedded chDB", () => {
  it.each(refusals)("refuses %s", async (query, reason) => {
    const { ch } = await testStore();
    const error = await runOperatorQuery(ch, query).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OperatorQueryRefused);
    expect((error as Error).message).toMatch(reason);
  });

  it.each(legitimate)("runs %s", async (query) => {
    const { ch } = await testStore();
    await expect(runOperatorQuery(ch, query)).resolves.toBeInstanceOf(Array);
  });

  it("reads the product's data, bounded, and leaves the process able to write", async () => {
    const { ch, env } = await testStore();
    const tenant = freshTenant("op");
    await ch.insert({ table: "queues", values: [{ tenant_id: tenant, queue_id: "q1", name: "Sales" }], format: "JSONEachRow" });
    expect(await runOperatorQuery(ch, `SELECT queue_id, name FROM queues FINAL WHERE tenant_id = '${tenant}'`)).toEqual([{ queue_id: "q1", name: "Sales" }]);
    // The secret next to the store is not readable, and the refused query did not run.
    fs.writeFileSync(`${env.DATA_DIR}/.auth-secret`, "s3cret");
    await expect(runOperatorQuery(ch, `SELECT * FROM file('${env.DATA_DIR}/.auth-secret', 'RawBLOB')`)).rejects.toThrow(OperatorQueryRefused);
    // The limits are the query's own: a result over the row limit stops with the engine's reason.
    await expect(runOperatorQuery(ch, "SELECT arrayJoin(range(200000)) AS n")).rejects.toThrow(/Limit for result exceeded/);
    // Nothing stuck to chDB's one shared session: the process still writes, and its settings are as before.
    await ch.insert({ table: "audit_log", values: [{ id: crypto.randomUUID(), actor: tenant, action: "test" }], format: "JSONEachRow" });
    expect(await queryRows<{ n: number }>(ch, "SELECT count() AS n FROM audit_log WHERE actor = {a:String}", { a: tenant })).toEqual([{ n: 1 }]);
    expect(await queryRows<{ ro: number; rows: number }>(ch, "SELECT getSetting('readonly') AS ro, getSetting('max_result_rows') AS rows")).toEqual([{ ro: 0, rows: 0 }]);
  });

  it("connects nowhere: a listener named by url(), remote(), mysql() and postgresql() never sees a connection", async () => {
    const { ch } = await testStore();
    let connections = 0;
    const listener = net.createServer((socket) => {
      connections += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", resolve));
    const port = (listener.address() as net.AddressInfo).port;
    try {
      for (const query of [
        `SELECT * FROM url('http://127.0.0.1:${port}/', 'RawBLOB', 'x String')`,
        `SELECT * FROM remote('127.0.0.1:${port}', system.one)`,
        `SELECT * FROM mysql('127.0.0.1:${port}', 'db', 't', 'u', 'p')`,
        `SELECT * FROM postgresql('127.0.0.1:${port}', 'db', 't', 'u', 'p')`,
      ]) {
        await expect(runOperatorQuery(ch, query)).rejects.toThrow(OperatorQueryRefused);
      }
      // The listener itself works: a connection to it is counted.
      await new Promise<void>((resolve) => net.connect(port, "127.0.0.1").on("close", () => resolve()));
      expect(connections).toBe(1);
    } finally {
      listener.close();
    }
  });
});
