import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { WORKER_SCRIPT } from "../lib/speech/service";
import { SpeechWorker } from "../lib/speech/worker-process";
import { runCli } from "../scripts/run-cli";

/**
 * npm run bench:recordings:transcribe [-- --file rec.webm] [--runs 3] [--threads 1]: the speech
 * worker's real-time factor and peak memory on a recording (default: the committed two-party
 * fixture, test/fixtures/speech/card-call.webm, both channels).
 *
 * Real-time factor = seconds of work / seconds of audio, per recording (both channels) and per
 * channel; below 1 is faster than real time. Times are wall clock of a transcribe request on a
 * worker already loaded (the model's load is printed apart, since it is paid once per worker
 * start, not per recording). Peak memory is the worker process's VmHWM (peak resident set) after
 * the runs, from /proc. Needs the venv: npm run speech:install.
 */
const FIXTURE = path.join(process.cwd(), "test/fixtures/speech/card-call.webm");

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { file: { type: "string" }, runs: { type: "string" }, threads: { type: "string" }, channels: { type: "string" } } });
  const file = path.resolve(values.file ?? FIXTURE);
  const runs = Number(values.runs ?? 3);
  const threads = Number(values.threads ?? 1);
  const channels = (values.channels ?? "0,1").split(",").map(Number);
  if (!fs.existsSync(file)) throw new Error(`no such file: ${file}`);

  const worker = new SpeechWorker({ venv: path.resolve(process.env.SPEECH_VENV ?? ".speech-venv"), script: WORKER_SCRIPT, threads, log: () => undefined });
  const loadStart = performance.now();
  worker.start();
  if (worker.health.state === "not_installed") throw new Error(worker.health.detail);
  await worker.whenReady();
  const loadMs = performance.now() - loadStart;

  const seconds: number[] = [];
  let audioS = 0;
  let words = 0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = await worker.transcribe(file, channels);
    seconds.push((performance.now() - t) / 1000);
    audioS = r.durationMs / 1000;
    words = r.channels.reduce((n, c) => n + c.segments.reduce((m, s) => m + s.words.length, 0), 0);
  }
  const peakKb = peakRss(worker.pid);
  await worker.stop();

  const best = Math.min(...seconds);
  const median = [...seconds].sort((a, b) => a - b)[Math.floor(seconds.length / 2)] as number;
  console.log(
    `bench:recordings:transcribe  ${path.relative(process.cwd(), file)}: ${audioS.toFixed(1)} s of audio, ${channels.length} channel(s), ${words} words recognised`,
  );
  console.log(
    `  worker: Whisper ${worker.health.model} (${Object.entries(worker.health.versions ?? {})
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}), int8, ${threads} thread(s); model load ${(loadMs / 1000).toFixed(1)} s`,
  );
  console.log(`  transcribe: median ${median.toFixed(2)} s, best ${best.toFixed(2)} s over ${runs} run(s)`);
  console.log(
    `  real-time factor: ${(median / audioS).toFixed(3)} per recording, ${(median / (audioS * channels.length)).toFixed(3)} per channel (median; <1 is faster than real time)`,
  );
  console.log(`  peak memory of the worker: ${peakKb === undefined ? "unknown (no /proc)" : `${Math.round(peakKb / 1024)} MB (VmHWM)`}`);
}

function peakRss(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

runCli(main);
