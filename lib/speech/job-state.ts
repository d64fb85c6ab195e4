/**
 * A transcription job's state machine, pure: queued -> running -> done, or back to
 * queued with a back-off after a failure, or failed for good after the last attempt.
 * A job found running at start-up was cut off by a restart: it is queued again
 * without counting the attempt against it twice (its attempt is already counted).
 */

export type JobState = "queued" | "running" | "done" | "failed";

export type Job = {
  tenantId: string;
  recordingId: string;
  callId: string;
  audioPath: string;
  channelRoles: string[];
  state: JobState;
  attempts: number;
  progress: number;
  error: string;
  segments: number;
  enqueuedAt: number;
  nextAttemptAt: number;
  updatedAt: number;
};

export type RetryPolicy = { maxAttempts: number; firstRetryMs: number; maxRetryMs: number };

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 4, firstRetryMs: 30_000, maxRetryMs: 30 * 60_000 };

/** A new job, or a job enqueued again (a new upload of the same recording): queued now, attempts from zero. */
export function queuedJob(input: Pick<Job, "tenantId" | "recordingId" | "callId" | "audioPath" | "channelRoles">, now: number): Job {
  return { ...input, state: "queued", attempts: 0, progress: 0, error: "", segments: 0, enqueuedAt: now, nextAttemptAt: now, updatedAt: now };
}

export const isDue = (job: Job, now: number) => job.state === "queued" && job.nextAttemptAt <= now;

/** The due jobs to start now, oldest first, so that at most `concurrency` run at once. */
export function jobsToStart(jobs: readonly Job[], running: number, concurrency: number, now: number): Job[] {
  const free = Math.max(0, concurrency - running);
  if (free === 0) return [];
  return jobs
    .filter((j) => isDue(j, now))
    .sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || a.enqueuedAt - b.enqueuedAt)
    .slice(0, free);
}

export function started(job: Job, now: number): Job {
  return { ...job, state: "running", attempts: job.attempts + 1, progress: 0, error: "", updatedAt: later(job, now) };
}

export function progressed(job: Job, fraction: number, now: number): Job {
  return { ...job, progress: Math.max(job.progress, Math.min(1, fraction)), updatedAt: later(job, now) };
}

export function finished(job: Job, segments: number, now: number): Job {
  return { ...job, state: "done", progress: 1, error: "", segments, updatedAt: later(job, now) };
}

/** The wait before attempt n+1 after n failed ones: first, doubling, capped. */
export function retryDelay(attempts: number, policy: RetryPolicy): number {
  return Math.min(policy.maxRetryMs, policy.firstRetryMs * 2 ** Math.max(0, attempts - 1));
}

/** A failed attempt: queued again after its back-off, or failed for good after the last attempt, or at once when `final` (trying again cannot mend it). */
export function failedAttempt(job: Job, error: string, now: number, policy: RetryPolicy, final = false): Job {
  const updatedAt = later(job, now);
  if (final || job.attempts >= policy.maxAttempts) return { ...job, state: "failed", error, updatedAt };
  return { ...job, state: "queued", error, nextAttemptAt: now + retryDelay(job.attempts, policy), updatedAt };
}

/** A job left running by a process that stopped: queued again at once. */
export function interrupted(job: Job, now: number): Job {
  return { ...job, state: "queued", progress: 0, nextAttemptAt: now, error: "interrupted by a restart", updatedAt: later(job, now) };
}

/** Rows are versioned by updated_at (migration 0021): each change must be strictly later than the last. */
const later = (job: Job, now: number) => Math.max(now, job.updatedAt + 1);
