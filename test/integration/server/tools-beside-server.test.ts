import { execFile, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { getLiveFloor } from "@/lib/live/registry";
import { runtimeStatus } from "@/lib/runtime/status";
import type { QueueKpis } from "@/lib/kpi";
import { startRuntime, type Runtime } from "@/server/runtime";
import { waitFor } from "../kafka/worker-process";
import { freshTenant, queryRows, testStore } from "../helpers/store";

/**
 * The command-line tools beside a running server that holds the embedded store: this
 * test process is that server (the runtime instrumentation.ts starts, as the Kafka
 * single-process test runs it), so chDB's lock on the data directory is taken exactly
 * as under `npm start`, and each tool runs as a separate process. The server's PORT is
 * a non-default one and the tools are not told it: they find the server from DATA_DIR.
 */
const ROOT = path.resolve(import.meta.dirname, "..", "..", "..");
const tenant = freshTenant("beside");
let runtime: Runtime;
let toolEnv: NodeJS.ProcessEnv;

type Run = { code: number | null; stdout: string; stderr: string };

function tool(script: string, args: string[]): Promise<Run> {
  return new Promise((resolve) =>
    execFile(process.execPath, ["--import", "tsx", script, ...args], { cwd: ROOT, env: toolEnv }, (e, stdout, stderr) =>
      resolve({ code: e ? (typeof e.code === "number" ? e.code : 1) : 0, stdout, stderr }),
    ),
  );
}

/** Hand-written calls in queue "kpiq" on 2026-01-05 from 09:00:00 UTC (epoch 1767603600), no wrap-up. */
const T = 1767603600;
const KPI_LOG = [
  `${T}|NONE|kpiq|PJSIP/2001|ADDMEMBER|`,
  // c1: waits 10 s, answered, talks 60 s.
  `${T}|1767603600.1|kpiq|NONE|ENTERQUEUE||+441632960101|1`,
  `${T + 10}|1767603600.1|kpiq|PJSIP/2001|CONNECT|10|1767603609.2|2`,
  `${T + 70}|1767603600.1|kpiq|PJSIP/2001|COMPLETECALLER|10|60|1`,
  // c2: abandons after 3 s (a short abandon: below the default 5 s).
  `${T + 100}|1767603700.3|kpiq|NONE|ENTERQUEUE||+441632960102|1`,
  `${T + 103}|1767603700.3|kpiq|NONE|ABANDON|1|1|3`,
  // c3: abandons after 30 s.
  `${T + 200}|1767603800.4|kpiq|NONE|ENTERQUEUE||+441632960103|1`,
  `${T + 230}|1767603800.4|kpiq|NONE|ABANDON|1|1|30`,
  // c4: waits 25 s (outside the default 20 s), answered, talks 120 s.
  `${T + 300}|1767603900.5|kpiq|NONE|ENTERQUEUE||+441632960104|1`,
  `${T + 325}|1767603900.5|kpiq|PJSIP/2001|CONNECT|25|1767603924.6|2`,
  `${T + 445}|1767603900.5|kpiq|PJSIP/2001|COMPLETEAGENT|25|120|1`,
  `${T + 600}|NONE|kpiq|PJSIP/2001|REMOVEMEMBER|`,
  "not|a|queue_log|line",
];

beforeAll(async () => {
  const { env: storeEnv } = await testStore();
  const env = parseEnv({ DATA_DIR: storeEnv.DATA_DIR, TENANT_ID: tenant, PORT: "3142", TELEPHONY: "none", KAFKA_BROKERS: "" });
  runtime = await startRuntime(env, () => undefined);
  await waitFor("the operator socket", async () => fs.existsSync(path.join(env.DATA_DIR, "run", "operator.sock")), 60_000);
  toolEnv = { ...process.env, DATA_DIR: env.DATA_DIR, TENANT_ID: tenant, KAFKA_BROKERS: "" };
  delete toolEnv.PORT;
  delete toolEnv.CLICKHOUSE_URL;
}, 120_000);

afterAll(async () => {
  await runtime?.stop();
});

describe("the tools beside a running embedded server", () => {
  it("import:queue-log sends its events through the server's pipeline; npm run ch and npm run kpi read through it; nothing on stderr", async () => {
    const { ch } = await testStore();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "beside-"));
    const file = path.join(dir, "queue_log");
    fs.writeFileSync(file, `${KPI_LOG.join("\n")}\n`);
    const insertedBefore = runtimeStatus().ingest.inserted;

    const imported = await tool("scripts/import-queue-log.ts", [file]);
    expect(imported).toMatchObject({ code: 0, stderr: "" });
    expect(imported.stdout).toMatch(/1 lines dead-lettered, through the running server/);

    const stored = await queryRows<{ n: string }>(ch, "SELECT count() n FROM cti_events WHERE tenant_id = {t:String}", { t: tenant });
    const storedEvents = Number(stored[0]?.n);
    expect(storedEvents).toBeGreaterThan(0);
    // The server's pipeline stored them, so its health counts them.
    expect(runtimeStatus().ingest.inserted - insertedBefore).toBe(storedEvents);
    const letters = await queryRows<{ offset: string }>(ch, "SELECT offset FROM dead_letters WHERE source = {s:String}", { s: `queue_log:${file}` });
    expect(letters).toEqual([{ offset: String(KPI_LOG.length) }]);

    const sql = await tool("scripts/ch.ts", [`SELECT count() AS n FROM cti_events WHERE tenant_id = '${tenant}' AND type = 'call.queued'`]);
    expect(sql).toMatchObject({ code: 0, stderr: "" });
    // Four ENTERQUEUE lines.
    expect(Number((JSON.parse(sql.stdout.trim()) as { n: unknown }).n)).toBe(4);

    const json = await tool("scripts/kpi.ts", ["--from", "2026-01-05", "--to", "2026-01-05", "--tz", "UTC", "--json"]);
    expect(json).toMatchObject({ code: 0, stderr: "" });
    const report = JSON.parse(json.stdout) as { period: { from: string; to: string }; queues: QueueKpis[] };
    expect(report.period).toMatchObject({ from: "2026-01-05T00:00:00.000Z", to: "2026-01-06T00:00:00.000Z" });
    expect(report.queues.map((q) => q.queueId)).toEqual(["kpiq"]);
    const q = report.queues[0] as QueueKpis;
    expect(q.counts).toMatchObject({ offered: 4, answered: 2, abandoned: 2, shortAbandoned: 1, timedOut: 0, answeredWithin: 1, handled: 2 });
    // Waits 10 + 3 + 30 + 25 = 68 s; answered waits 10 + 25 = 35 s; talk 60 + 120 = 180 s.
    expect(q.counts).toMatchObject({ waitMsSum: 68_000, answeredWaitMsSum: 35_000, waitMsMax: 30_000, talkMsSum: 180_000, holdMsSum: 0, acwMsSum: 0 });
    expect(q.kpis.abandon_rate.value).toBe(2 / 4);
    expect(q.kpis.asa.value).toBe(35_000 / 2);
    expect(q.kpis.avg_wait.value).toBe(68_000 / 4);
    expect(q.kpis.service_level.value).toBe(1 / 2);
    expect(q.kpis.aht.value).toBe(180_000 / 2);

    const text = await tool("scripts/kpi.ts", ["--from", "2026-01-05", "--to", "2026-01-05", "--tz", "UTC"]);
    expect(text).toMatchObject({ code: 0, stderr: "" });
    const line = (label: string) =>
      text.stdout
        .split("\n")
        .find((l) => l.startsWith(`${label}  `))
        ?.replace(/\s+/g, " ");
    expect(line("Queue")).toBe("Queue kpiq");
    expect(line("Offered")).toBe("Offered 4");
    expect(line("Abandon rate")).toBe("Abandon rate 50.0%");
    expect(line("Short abandons")).toBe("Short abandons 1");
    // ASA 17.5 s shows rounded to the second, as on the dashboard; average wait 68 / 4 = 17 s; AHT 180 / 2 = 90 s.
    expect(line("ASA")).toBe("ASA 0:18");
    expect(line("Avg wait")).toBe("Avg wait 0:17");
    expect(line("Longest wait")).toBe("Longest wait 0:30");
    expect(line("Service level")).toBe("Service level 50.0%");
    expect(line("AHT")).toBe("AHT 1:30");

    // 2026-01-04 in Honolulu (UTC-10) runs to 2026-01-05 10:00 UTC: the calls at 09:00-09:08 UTC are in it.
    const honolulu = await tool("scripts/kpi.ts", ["--from", "2026-01-04", "--to", "2026-01-04", "--tz", "Pacific/Honolulu", "--queue", "kpiq", "--json"]);
    expect((JSON.parse(honolulu.stdout) as { queues: QueueKpis[] }).queues[0]?.counts.offered).toBe(4);
    // ... and 2026-01-04 in UTC ends before them: no queue had calls.
    const utc = await tool("scripts/kpi.ts", ["--from", "2026-01-04", "--to", "2026-01-04", "--tz", "UTC"]);
    expect(utc.stdout).toMatch(/No queue is configured and none had calls in this period/);
  }, 240_000);

  it("import:queue-log --follow feeds the running server's live floor as lines are appended, and stops cleanly", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "beside-follow-"));
    const file = path.join(dir, "queue_log");
    fs.writeFileSync(file, "");
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/import-queue-log.ts", file, "--follow"], { cwd: ROOT, env: toolEnv });
    let stderr = "";
    let stdout = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    try {
      // A caller who joined the queue seconds ago: the wallboard must show them waiting.
      const now = Math.floor(Date.now() / 1000);
      fs.appendFileSync(file, `${now - 2}|${now - 3}.7|liveq|NONE|ENTERQUEUE||+441632960109|1\n`);
      await waitFor("the live floor to show the waiting caller", async () => getLiveFloor()?.currentView().queues.liveq?.waiting === 1, 120_000);
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
    expect(stderr).toBe("");
    expect(stdout).toMatch(/: 1 lines, \d+ events, 0 lines dead-lettered, through the running server/);
  }, 240_000);

  it("npm run kpi says what is wrong with its arguments and exits 2", async () => {
    const cases: [string[], RegExp][] = [
      [["--to", "2026-01-05"], /--from and --to are required/],
      [["--from", "2026-02-30", "--to", "2026-03-01"], /--from: 2026-02-30 is not a date/],
      [["--from", "2026-01-05", "--to", "2026-01-04"], /--to 2026-01-04 is before --from 2026-01-05/],
      [["--from", "2026-01-05", "--to", "2026-01-05", "--tz", "Mars/Olympus"], /--tz: Mars\/Olympus is not a time zone/],
      [["--from", "2026-01-05", "--to", "2026-01-05", "--queue"], /--queue needs a value/],
      [["--from", "2026-01-05", "--to", "2026-01-05", "--csv"], /unknown argument --csv/],
    ];
    for (const [args, message] of cases) {
      const r = await tool("scripts/kpi.ts", args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe("");
    }
  }, 240_000);
});
