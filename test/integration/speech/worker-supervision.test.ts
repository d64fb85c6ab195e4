import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { SpeechWorker } from "@/lib/speech/worker-process";

/**
 * The supervisor around the speech worker, with stand-in workers (small Python scripts that speak
 * the protocol) so crashes can be made on purpose: restarts with a growing back-off, a request
 * in flight failing when its worker dies, and stop() ending the child for good.
 */

const PYTHON = execFileSync("python3", ["-c", "import sys; print(sys.executable)"], { encoding: "utf8" }).trim();

function standIn(body: string): { venv: string; script: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "speech-standin-"));
  fs.mkdirSync(path.join(dir, "bin"));
  fs.symlinkSync(PYTHON, path.join(dir, "bin", "python"));
  const script = path.join(dir, "worker.py");
  fs.writeFileSync(script, `import json, sys, os\ndef send(m):\n    sys.stdout.write(json.dumps(m) + "\\n"); sys.stdout.flush()\n${body}\n`);
  return { venv: dir, script };
}

const workers: SpeechWorker[] = [];
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.stop()));
});

async function until(check: () => boolean, what: string): Promise<void> {
  const end = Date.now() + 20_000;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("speech worker supervision", () => {
  it("restarts a worker that cannot start, with a doubling back-off, and says why", async () => {
    const { venv, script } = standIn('send({"type": "fatal", "error": "model missing"})\nsys.exit(1)');
    const starts: number[] = [];
    const w = new SpeechWorker({
      venv,
      script,
      threads: 1,
      restartMs: { first: 100, max: 400 },
      log: (l) => (l.includes("restarting in") ? starts.push(Date.now()) : undefined),
    });
    workers.push(w);
    w.start();
    await until(() => w.health.restarts >= 4, "four restarts");
    expect(w.health.state === "restarting" || w.health.state === "starting").toBe(true);
    await until(() => w.health.state === "restarting", "the restarting state");
    expect(w.health.detail).toMatch(/the worker could not start: model missing; restarting in/);
    // Back-off: 100, 200, 400, 400 ms between a crash and the next start (each gap at least its wait).
    const gaps = starts.slice(1).map((t, i) => t - (starts[i] as number));
    expect(gaps[0]).toBeGreaterThanOrEqual(100);
    expect(gaps[1]).toBeGreaterThanOrEqual(200);
    expect(gaps[2]).toBeGreaterThanOrEqual(400);
  });

  it("fails the request in flight when the worker dies, restarts it, and serves the next", async () => {
    const { venv, script } = standIn(
      [
        'send({"type": "ready", "model": "stand-in", "versions": {}})',
        "for line in sys.stdin:",
        "    req = json.loads(line)",
        '    if req["path"] == "crash": os._exit(3)',
        '    send({"type": "result", "id": req["id"], "durationMs": 1000, "channels": [{"channel": 0, "segments": []}]})',
      ].join("\n"),
    );
    const w = new SpeechWorker({ venv, script, threads: 1, restartMs: { first: 50, max: 50 } });
    workers.push(w);
    w.start();
    await w.whenReady();
    await expect(w.transcribe("crash", [0])).rejects.toThrow(/exited \(code 3\)/);
    await until(() => w.available, "the restarted worker");
    expect(w.health.restarts).toBe(1);
    await expect(w.transcribe("fine.wav", [0])).resolves.toMatchObject({ type: "result", durationMs: 1000 });
  });

  it("stops the worker with the product and does not restart it", async () => {
    const { venv, script } = standIn('send({"type": "ready", "model": "stand-in", "versions": {}})\nfor line in sys.stdin:\n    pass');
    const w = new SpeechWorker({ venv, script, threads: 1, restartMs: { first: 10, max: 10 } });
    w.start();
    await w.whenReady();
    const pid = w.pid as number;
    await w.stop();
    expect(w.health.state).toBe("stopped");
    expect(() => process.kill(pid, 0)).toThrow();
    // An exit the supervisor caused is not a crash: no restart counted, none scheduled.
    expect(w.health.restarts).toBe(0);
  });
});
