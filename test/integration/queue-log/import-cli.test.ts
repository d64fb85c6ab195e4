import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { HAND_COUNTS, HAND_LOG } from "../../unit/queue-log/hand-log";

/** `npm run import:queue-log` end to end, as a separate process writing its own embedded store. */
const ROOT = path.resolve(import.meta.dirname, "..", "..", "..");

function run(script: string, args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(process.execPath, ["--import", "tsx", script, ...args], { cwd: ROOT, env: { ...process.env, ...env } }, (e, stdout, stderr) =>
      e ? reject(new Error(`${script}: ${stderr}`)) : resolve(stdout),
    ),
  );
}

describe("npm run import:queue-log", () => {
  it("imports a queue_log, dead-letters unreadable lines with their numbers, and stores nothing twice on re-import", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "qlog-cli-"));
    const file = path.join(dir, "queue_log");
    const lines = HAND_LOG.split("\n");
    // Two unusable lines in the middle: their line numbers must be reported.
    lines.splice(5, 0, "not|a|queue_log|line");
    lines.splice(9, 0, "1767603700|c9|sales|NONE|TELEPORT|x");
    fs.writeFileSync(file, lines.join("\n"));
    const env = { DATA_DIR: path.join(dir, "data"), TENANT_ID: "qlog", KAFKA_BROKERS: "" };
    const args = [file, "--wrapup", "0"];

    const out = await run("scripts/import-queue-log.ts", args, env);
    expect(out).toMatch(/2 lines dead-lettered/);
    await run("scripts/import-queue-log.ts", args, env);

    const sql = async (q: string) =>
      (await run("scripts/ch.ts", [q], env))
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    const [offered] = await sql("SELECT count() AS n FROM cti_events WHERE type = 'call.queued'");
    expect(Number(offered?.n)).toBe(HAND_COUNTS.total.offered);
    const [dupes] = await sql("SELECT count() - uniqExact(event_id) AS n FROM cti_events");
    expect(Number(dupes?.n)).toBe(0);
    const letters = await sql("SELECT reason, offset FROM dead_letters ORDER BY toUInt32(offset)");
    const lineOf = (text: string) => String(lines.indexOf(text) + 1);
    expect(letters).toEqual([
      { reason: "too_few_fields", offset: lineOf("not|a|queue_log|line") },
      { reason: "unknown_event", offset: lineOf("1767603700|c9|sales|NONE|TELEPORT|x") },
    ]);
  }, 120_000);

  it("reads a rotated log (.gz and the live file, split mid-call, overlapping) as one, together or in two runs", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "qlog-rot-"));
    const lines = HAND_LOG.trimEnd().split("\n");
    // Rotate right after c4's sales leg queued (+166): c4.2 is answered (+190) and completed
    // (+310), c2 completed (+240) and c5 abandons (+245) in the live file only. The live file
    // starts with the rotated file's last two lines again (a copy taken before rotation).
    const cut = lines.indexOf("1767603766|1767603697.110|sales|NONE|ENTERQUEUE||+441632960004|1") + 1;
    expect(cut).toBeGreaterThan(0);
    const rotated = lines.slice(0, cut);
    const live = [...lines.slice(cut - 2, cut), ...lines.slice(cut)];
    fs.writeFileSync(path.join(dir, "queue_log.1.gz"), gzipSync(rotated.join("\n") + "\n"));
    fs.writeFileSync(path.join(dir, "queue_log"), live.join("\n") + "\n");
    const together = { DATA_DIR: path.join(dir, "together"), TENANT_ID: "qlog", KAFKA_BROKERS: "" };
    const twoRuns = { DATA_DIR: path.join(dir, "two-runs"), TENANT_ID: "qlog", KAFKA_BROKERS: "" };

    // Together: a glob, newest file named first by the shell's order; time order is the importer's job.
    const out = await run("scripts/import-queue-log.ts", [path.join(dir, "queue_log*")], together);
    // 2 files; every line but the 2 repeated ones mapped once: none dead-lettered.
    expect(out).toMatch(/2 file\(s\), \d+ lines, \d+ events, 0 lines dead-lettered/);
    // Two runs: the rotated file when it was rotated, then it again with the live file.
    await run("scripts/import-queue-log.ts", [path.join(dir, "queue_log.1.gz")], twoRuns);
    await run("scripts/import-queue-log.ts", [path.join(dir, "queue_log"), path.join(dir, "queue_log.1.gz")], twoRuns);

    const sql = async (env: Record<string, string>, q: string) =>
      (await run("scripts/ch.ts", [q], env))
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    const OUTCOMES = `SELECT count() AS offered, countIf(outcome = 'answered') AS answered, countIf(outcome = 'abandon') AS abandoned,
      countIf(outcome = 'timeout') AS timedOut, countIf(outcome = '') AS open FROM contact_segments FINAL WHERE tenant_id = 'qlog'`;
    const IDS = "SELECT uniqExact(event_id) AS n, groupBitXor(cityHash64(toString(event_id))) AS h FROM cti_events WHERE tenant_id = 'qlog'";
    // The hand log's own figures (hand-log.ts): 8 legs, 5 answered, 2 abandoned, 1 timed out, none left open.
    const expected = { offered: HAND_COUNTS.total.offered, answered: HAND_COUNTS.total.answered, abandoned: 2, timedOut: 1, open: 0 };
    for (const env of [together, twoRuns]) {
      const [counts] = await sql(env, OUTCOMES);
      expect(Object.fromEntries(Object.entries(counts ?? {}).map(([k, v]) => [k, Number(v)]))).toEqual(expected);
      const [letters] = await sql(env, "SELECT count() AS n FROM dead_letters");
      expect(Number(letters?.n)).toBe(0);
    }
    // The same events, to the id, either way.
    expect(await sql(twoRuns, IDS)).toEqual(await sql(together, IDS));
  }, 240_000);
});
