import type { CtiEvent } from "@/lib/events";
import { DEFAULT_RETRY, failedAttempt, finished, interrupted, jobsToStart, progressed, queuedJob, started, type Job, type JobState, type RetryPolicy } from "./job-state";
import type { TranscriptionResult } from "./protocol";
import type { RecordingFacts } from "./recording-facts";
import { DEFAULT_ROLES, segmentsToEvents } from "./segments-to-events";

/** What the queue needs of a speech worker (worker-process.ts; a fake in the unit tests). */
export type Transcriber = {
  readonly available: boolean;
  transcribe(file: string, channels: number[], onProgress?: (fraction: number) => void): Promise<TranscriptionResult>;
};

/** Where jobs are kept (jobs-store.ts over transcription_jobs; a map in the unit tests). */
export type JobStore = {
  write(job: Job): Promise<void>;
  read(states: readonly JobState[]): Promise<Job[]>;
};

export type QueueOptions = {
  store: JobStore;
  /** One per worker process: the queue runs at most this many jobs at once. */
  workers: readonly Transcriber[];
  facts(tenantId: string, recordingId: string): Promise<RecordingFacts | undefined>;
  /**
   * Into the ingest pipeline, all of one recording's segments in one call (redaction reads them together).
   * Rejects when the pipeline refused any (the job must not be done with segments missing); an error with
   * `final: true` fails the job at once, since the same segments would be refused again.
   */
  ingest(events: CtiEvent[]): Promise<void>;
  /**
   * After a job's segments are stored: what else a transcript sets off (silencing its redacted
   * spans in the served audio, removing the job's temporary audio copy). An error here fails the
   * attempt, so it is tried again like any other.
   */
  afterDone?(job: Job): Promise<void>;
  /**
   * After a job failed for good (its last attempt): what must not outlive it (the job's temporary audio copy).
   * An error here is logged; the job stays failed.
   */
  afterFailed?(job: Job): Promise<void>;
  retry?: RetryPolicy;
  /** How often due jobs are looked for besides enqueue's wake-up (retries come due on their own). */
  pollMs?: number;
  now?: () => number;
  log?: (line: string) => void;
};

/** Progress is written to the store when it moved this much, not for every segment. */
const PROGRESS_STEP = 0.1;

/**
 * The transcription queue: jobs per recording in the store (so they survive restarts),
 * started when due on a free worker, their segments written through the ingest pipeline.
 * Nothing here is awaited by a web request: enqueue writes the job and returns.
 */
export class TranscriptionQueue {
  private timer: NodeJS.Timeout | undefined;
  private readonly busy = new Set<Transcriber>();
  private ticking: Promise<void> | undefined;
  private again = false;
  private stopped = true;
  private readonly running = new Map<string, Promise<void>>();
  /** Recordings enqueued again while their job ran here (a new upload): queued afresh once that run has written its end. */
  private readonly enqueuedAgain = new Map<string, Pick<Job, "tenantId" | "recordingId" | "callId" | "audioPath" | "channelRoles">>();

  constructor(private readonly o: QueueOptions) {}

  private now(): number {
    return (this.o.now ?? Date.now)();
  }

  /** Jobs a stopped process left running go back to the queue; then the loop starts. */
  async start(): Promise<void> {
    this.stopped = false;
    for (const job of await this.o.store.read(["running"])) await this.o.store.write(interrupted(job, this.now()));
    this.wake();
  }

  async enqueue(input: Pick<Job, "tenantId" | "recordingId" | "callId" | "audioPath" | "channelRoles">): Promise<Job> {
    const job = queuedJob(input, this.now());
    if (this.running.has(key(input))) {
      // The running job's end would be written after this row and win over it: queue it again after that.
      this.enqueuedAgain.set(key(input), input);
      return job;
    }
    await this.o.store.write(job);
    this.wake();
    return job;
  }

  /** Looks for due jobs now (coalesced: one look at a time, and one more if asked meanwhile). */
  wake(): void {
    if (this.stopped) return;
    if (this.ticking) {
      this.again = true;
      return;
    }
    this.ticking = this.tick()
      .catch((e: unknown) => this.o.log?.(`transcription: ${(e as Error).message}`))
      .finally(() => {
        this.ticking = undefined;
        if (this.again) {
          this.again = false;
          this.wake();
        } else this.schedule();
      });
  }

  private schedule(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.wake(), this.o.pollMs ?? 5000);
    this.timer.unref?.();
  }

  private async tick(): Promise<void> {
    const free = this.o.workers.filter((w) => w.available && !this.busy.has(w));
    if (free.length === 0) return;
    const queued = await this.o.store.read(["queued"]);
    const now = this.now();
    const fresh = queued.filter((j) => !this.running.has(key(j)));
    for (const [i, job] of jobsToStart(fresh, 0, free.length, now).entries()) {
      const worker = free[i] as Transcriber;
      this.busy.add(worker);
      const k = key(job);
      const run = this.run(job, worker).finally(() => {
        this.busy.delete(worker);
        this.running.delete(k);
        this.wake();
      });
      this.running.set(k, run);
    }
  }

  private async run(queuedJobRow: Job, worker: Transcriber): Promise<void> {
    const last = await this.attempt(queuedJobRow, worker);
    const again = this.enqueuedAgain.get(key(queuedJobRow));
    if (again && !this.stopped) {
      this.enqueuedAgain.delete(key(queuedJobRow));
      const job = queuedJob(again, this.now());
      await this.o.store.write({ ...job, updatedAt: Math.max(job.updatedAt, last.updatedAt + 1) });
    }
  }

  /** One attempt at a job; the job as last written. */
  private async attempt(queuedJobRow: Job, worker: Transcriber): Promise<Job> {
    let job = started(queuedJobRow, this.now());
    await this.o.store.write(job);
    let written = 0;
    try {
      const facts = await this.o.facts(job.tenantId, job.recordingId);
      if (!facts) throw new Error("the recording is not known yet (no recording.started event stored)");
      const roles = job.channelRoles.length > 0 ? job.channelRoles : facts.channelRoles.length > 0 ? facts.channelRoles : DEFAULT_ROLES;
      const channels = roles.map((_, i) => i);
      const result = await worker.transcribe(job.audioPath, channels, (fraction) => {
        if (fraction - written < PROGRESS_STEP) return;
        written = fraction;
        job = progressed(job, fraction, this.now());
        void this.o.store.write(job).catch(() => undefined);
      });
      const events = segmentsToEvents(job.tenantId, job.recordingId, facts, roles, result);
      if (events.length > 0) await this.o.ingest(events);
      await this.o.afterDone?.(job);
      job = finished(job, events.length, this.now());
      await this.o.store.write(job);
    } catch (e) {
      if (this.stopped) return job; // left running: the next start queues it again
      // An error marked final (the pipeline refused the segments: RefusedEvents) fails the job at once, its reason in the status.
      job = failedAttempt(job, (e as Error).message, this.now(), this.o.retry ?? DEFAULT_RETRY, (e as { final?: unknown }).final === true);
      this.o.log?.(`transcription: ${job.recordingId} attempt ${job.attempts} failed: ${job.error}`);
      await this.o.store.write(job);
      if (job.state === "failed")
        await this.o.afterFailed?.(job).catch((e: unknown) => this.o.log?.(`transcription: ${job.recordingId}: after its failure: ${(e as Error).message}`));
    }
    return job;
  }

  /** Stops looking for jobs and waits for the ones running (their worker is stopped by the caller). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.ticking;
  }

  /** Resolves when no job is running (tests, benchmarks). */
  async idle(): Promise<void> {
    while (this.running.size > 0 || this.ticking) await Promise.all([...this.running.values(), this.ticking]);
  }
}

const key = (j: Pick<Job, "tenantId" | "recordingId">) => `${j.tenantId}\u0000${j.recordingId}`;
