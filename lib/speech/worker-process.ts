import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { workerMessage, type TranscriptionResult } from "./protocol";

/**
 * The speech worker as a supervised child process: started with the product, restarted
 * with back-off when it dies, stopped with the product. One request at a time (the
 * queue never sends two); the web process never waits on it, only the queue does.
 */

export type WorkerState = "off" | "not_installed" | "starting" | "ready" | "busy" | "restarting" | "stopped";

export type WorkerHealth = {
  state: WorkerState;
  /** What a person reads: why there is no recogniser, or the last crash. */
  detail: string;
  model?: string;
  versions?: Record<string, string>;
  restarts: number;
};

export type WorkerOptions = {
  /** The venv holding the worker's packages (npm run speech:install). */
  venv: string;
  /** speech/worker.py. */
  script: string;
  threads: number;
  log?: (line: string) => void;
  /** Back-off after a crash: first, then doubling up to max. */
  restartMs?: { first: number; max: number };
};

type Pending = { id: string; resolve: (r: TranscriptionResult) => void; reject: (e: Error) => void; onProgress?: (fraction: number) => void };

export class SpeechWorker {
  private child: ChildProcessWithoutNullStreams | undefined;
  private pending: Pending | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private backoff: number;
  private stopping = false;
  private nextId = 1;
  private readyWaiters: Array<() => void> = [];
  /** Why the last child could not start (its fatal line), shown while it restarts. */
  private fatal = "";
  readonly health: WorkerHealth = { state: "starting", detail: "", restarts: 0 };

  constructor(private readonly o: WorkerOptions) {
    this.backoff = o.restartMs?.first ?? 1000;
  }

  get python(): string {
    return path.join(this.o.venv, "bin", "python");
  }

  /** Starts the child unless there is no venv: then the state says so and nothing runs. */
  start(): void {
    this.stopping = false;
    if (!fs.existsSync(this.python)) {
      this.set("not_installed", `no recogniser set up: ${this.python} is missing (npm run speech:install)`);
      return;
    }
    this.spawnChild();
  }

  private spawnChild(): void {
    this.set("starting", "loading the model");
    const child = spawn(this.python, [this.o.script], {
      env: { ...process.env, HF_HUB_OFFLINE: "1", SPEECH_THREADS: String(this.o.threads), PYTHONUNBUFFERED: "1" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    this.child = child;
    readline.createInterface({ input: child.stdout }).on("line", (line) => this.onLine(line));
    readline.createInterface({ input: child.stderr }).on("line", (line) => this.o.log?.(`speech worker: ${line}`));
    child.on("error", (e) => this.o.log?.(`speech worker: ${e.message}`));
    child.on("exit", (code, signal) => this.onExit(child, code, signal));
  }

  private onLine(line: string): void {
    let parsed;
    try {
      parsed = workerMessage.safeParse(JSON.parse(line));
    } catch {
      parsed = undefined;
    }
    if (!parsed?.success) {
      this.o.log?.(`speech worker: unexpected line ${line.slice(0, 200)}`);
      return;
    }
    const m = parsed.data;
    if (m.type === "ready") {
      Object.assign(this.health, { model: m.model, versions: m.versions });
      this.backoff = this.o.restartMs?.first ?? 1000;
      this.set("ready", `Whisper ${m.model}`);
      for (const w of this.readyWaiters.splice(0)) w();
    } else if (m.type === "fatal") {
      this.fatal = `the worker could not start: ${m.error}`;
    } else if (this.pending && "id" in m && m.id === this.pending.id) {
      const p = this.pending;
      if (m.type === "progress") p.onProgress?.(m.fraction);
      else if (m.type === "result") this.settle(() => p.resolve(m));
      else if (m.type === "error") this.settle(() => p.reject(new Error(m.error)));
    }
  }

  private settle(done: () => void): void {
    this.pending = undefined;
    if (this.health.state === "busy") this.set("ready", this.health.detail);
    done();
  }

  private onExit(child: ChildProcessWithoutNullStreams, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.child !== child) return;
    this.child = undefined;
    const why = `the worker exited (${signal ?? `code ${code}`})`;
    const p = this.pending;
    this.pending = undefined;
    p?.reject(new Error(why));
    if (this.stopping) {
      this.set("stopped", "stopped");
      return;
    }
    this.health.restarts += 1;
    const wait = this.backoff;
    this.backoff = Math.min(this.backoff * 2, this.o.restartMs?.max ?? 60_000);
    this.set("restarting", `${this.fatal || why}; restarting in ${Math.round(wait / 1000)} s`);
    this.fatal = "";
    this.o.log?.(`speech worker: ${why}; restarting in ${wait} ms`);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      if (!this.stopping) this.spawnChild();
    }, wait);
    this.restartTimer.unref();
  }

  /** Resolves when the worker is ready (at once if it is); never when it is not installed. */
  whenReady(): Promise<void> {
    if (this.health.state === "ready") return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /** The child's process id while it runs (the benchmark reads its peak memory). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  get available(): boolean {
    return this.health.state === "ready";
  }

  /** Transcribes `channels` of an audio file; rejects when the worker reports an error or dies meanwhile. */
  transcribe(file: string, channels: number[], onProgress?: (fraction: number) => void): Promise<TranscriptionResult> {
    const child = this.child;
    if (!child || this.health.state !== "ready") return Promise.reject(new Error(`the speech worker is not ready (${this.health.state})`));
    if (this.pending) return Promise.reject(new Error("the speech worker is busy"));
    const id = String(this.nextId++);
    this.set("busy", this.health.detail);
    return new Promise((resolve, reject) => {
      this.pending = { id, resolve, reject, onProgress };
      child.stdin.write(JSON.stringify({ type: "transcribe", id, path: file, channels }) + "\n");
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const child = this.child;
    if (!child) {
      if (this.health.state !== "not_installed") this.set("stopped", "stopped");
      return;
    }
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.stdin.end();
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
    await exited;
    clearTimeout(timer);
  }

  private set(state: WorkerState, detail: string): void {
    this.health.state = state;
    this.health.detail = detail;
  }
}
