import type { ClickHouseClient } from "@clickhouse/client";
import path from "node:path";
import type { CtiEvent } from "@/lib/events";
import type { Env } from "@/lib/env";
import { runtimeStatus } from "@/lib/runtime/status";
import { readJobs, writeJob } from "./jobs-store";
import { TranscriptionQueue, type QueueOptions } from "./queue";
import { readRecordingFacts } from "./recording-facts";
import { SpeechWorker, type WorkerHealth } from "./worker-process";

/**
 * The speech service of a process: its worker processes and the queue that feeds them.
 * Started by the runtime (server/runtime.ts) and kept on globalThis so route handlers
 * and enqueueTranscription in other bundles of the process find it.
 */
export type SpeechService = { queue: TranscriptionQueue; workers: SpeechWorker[]; health(): WorkerHealth & { workers: number }; stop(): Promise<void> };

const KEY = Symbol.for("cc-supervisor.speech");
type Holder = { [KEY]?: SpeechService };

export function speechService(): SpeechService | undefined {
  return (globalThis as Holder)[KEY];
}

export const WORKER_SCRIPT = path.join(process.cwd(), "speech", "worker.py");

export function startSpeech(
  env: Pick<Env, "SPEECH_VENV" | "SPEECH_WORKERS" | "SPEECH_THREADS">,
  ch: ClickHouseClient,
  ingest: (events: CtiEvent[]) => Promise<void>,
  log: (line: string) => void,
  hooks: Pick<QueueOptions, "afterDone" | "afterFailed"> = {},
): SpeechService {
  const venv = path.resolve(env.SPEECH_VENV);
  const workers = Array.from({ length: env.SPEECH_WORKERS }, () => new SpeechWorker({ venv, script: WORKER_SCRIPT, threads: env.SPEECH_THREADS, log }));
  const queue = new TranscriptionQueue({
    store: { write: (job) => writeJob(ch, job), read: (states) => readJobs(ch, states) },
    workers,
    facts: (tenantId, recordingId) => readRecordingFacts(ch, tenantId, recordingId),
    ingest,
    log,
    ...hooks,
  });
  const health = () => {
    const first = workers[0];
    if (!first) return { state: "off" as const, detail: "SPEECH_WORKERS=0: this process transcribes nothing", restarts: 0, workers: 0 };
    const ready = workers.find((w) => w.available);
    return { ...(ready ?? first).health, restarts: workers.reduce((n, w) => n + w.health.restarts, 0), workers: workers.length };
  };
  const status = runtimeStatus();
  const publish = () => {
    const h = health();
    status.speech = { state: h.state, detail: h.detail, workers: h.workers, restarts: h.restarts };
  };
  for (const w of workers) {
    w.start();
    void w.whenReady().then(() => {
      publish();
      queue.wake();
    });
  }
  publish();
  if (workers.length > 0 && workers.every((w) => w.health.state === "not_installed")) log(`speech: ${workers[0]?.health.detail}`);
  const publishing = setInterval(publish, 5000);
  publishing.unref();
  void queue.start().catch((e: unknown) => log(`speech: the queue did not start: ${(e as Error).message}`));
  const service: SpeechService = {
    queue,
    workers,
    health,
    stop: async () => {
      clearInterval(publishing);
      await queue.stop();
      await Promise.all(workers.map((w) => w.stop()));
      publish();
      delete (globalThis as Holder)[KEY];
    },
  };
  (globalThis as Holder)[KEY] = service;
  return service;
}
