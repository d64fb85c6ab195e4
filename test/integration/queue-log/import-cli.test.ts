import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
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
});
