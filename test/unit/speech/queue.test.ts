import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { CtiEvent } from "@/lib/events";
import { failedAttempt, jobsToStart, queuedJob, retryDelay, started, type Job, type JobState } from "@/lib/speech/job-state";
import type { TranscriptionResult } from "@/lib/speech/protocol";
import { TranscriptionQueue, type QueueOptions, type Transcriber } from "@/lib/speech/queue";
import type { RecordingFacts } from "@/lib/speech/recording-facts";
import { stableUuid } from "@/lib/speech/segments-to-events";

const POLICY = { maxAttempts: 3, firstRetryMs: 10_000, maxRetryMs: 25_000 };
const input = (recordingId: string) => ({ tenantId: "t1", recordingId, callId: `call-${recordingId}`, audioPath: `/data/${recordingId}.wav`, channelRoles: [] });
const FACTS: RecordingFacts = { callId: "call-r1", legId: "leg-1", queueId: "q1", agentId: "a1", startedAt: 1_000_000, channelRoles: ["agent", "caller"] };

function result(id: string): TranscriptionResult {
  return {
    type: "result",
    id,
    durationMs: 9000,
    channels: [
      { channel: 0, segments: [{ startMs: 500, endMs: 2000, text: "How can I help?", words: [{ t: "How", s: 500, e: 700 }] }] },
      { channel: 1, segments: [{ startMs: 2500, endMs: 4000, text: "Pay my bill.", words: [{ t: "Pay", s: 2500, e: 2800 }] }] },
    ],
  };
}

/** A worker the test answers by hand: each call waits until the test resolves or rejects it. */
class FakeWorker implements Transcriber {
  available = true;
  calls: Array<{ file: string; channels: number[]; resolve: (r: TranscriptionResult) => void; reject: (e: Error) => void; progress?: (f: number) => void }> = [];
  transcribe(file: string, channels: number[], progress?: (f: number) => void): Promise<TranscriptionResult> {
    return new Promise((resolve, reject) => this.calls.push({ file, channels, resolve, reject, progress }));
  }
}

/** transcription_jobs as a map: the latest write of a job wins, as ReplacingMergeTree(updated_at) keeps it. */
class MapStore {
  rows = new Map<string, Job>();
  writes: Job[] = [];
  async write(job: Job) {
    const prev = this.rows.get(job.recordingId);
    if (!prev || job.updatedAt >= prev.updatedAt) this.rows.set(job.recordingId, job);
    this.writes.push(job);
  }
  async read(states: readonly JobState[]) {
    return [...this.rows.values()].filter((j) => states.includes(j.state));
  }
}

describe("job state machine", () => {
  it("backs off doubling up to the cap, then fails for good after the last attempt", () => {
    expect([1, 2, 3, 4].map((n) => retryDelay(n, POLICY))).toEqual([10_000, 20_000, 25_000, 25_000]);
    let job = started(queuedJob(input("r1"), 0), 0);
    job = failedAttempt(job, "boom", 100, POLICY);
    expect(job).toMatchObject({ state: "queued", attempts: 1, nextAttemptAt: 10_100, error: "boom" });
    job = failedAttempt(started(job, 10_100), "boom", 10_200, POLICY);
    expect(job).toMatchObject({ state: "queued", attempts: 2, nextAttemptAt: 30_200 });
    job = failedAttempt(started(job, 30_200), "boom again", 30_300, POLICY);
    expect(job).toMatchObject({ state: "failed", attempts: 3, error: "boom again" });
  });

  it("starts due jobs oldest first, no more than the free workers", () => {
    const a = { ...queuedJob(input("a"), 300) };
    const b = { ...queuedJob(input("b"), 100) };
    const notYet = { ...queuedJob(input("c"), 0), nextAttemptAt: 5_000 };
    expect(jobsToStart([a, b, notYet], 0, 2, 1_000).map((j) => j.recordingId)).toEqual(["b", "a"]);
    expect(jobsToStart([a, b, notYet], 1, 2, 1_000).map((j) => j.recordingId)).toEqual(["b"]);
    // By when each is due: c came in first but waits for its retry.
    expect(jobsToStart([a, b, notYet], 0, 3, 5_000).map((j) => j.recordingId)).toEqual(["b", "a", "c"]);
  });

  it("makes event ids from names, the same every time", () => {
    expect(stableUuid("t/r/0/1")).toBe(stableUuid("t/r/0/1"));
    expect(stableUuid("t/r/0/1")).not.toBe(stableUuid("t/r/1/1"));
    expect(stableUuid("x")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe("TranscriptionQueue", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(1_000_000);
  });
  afterEach(() => vi.useRealTimers());

  function queueWith(workers: FakeWorker[], store = new MapStore(), hooks: Pick<QueueOptions, "afterDone" | "afterFailed"> = {}) {
    const ingested: CtiEvent[][] = [];
    const queue = new TranscriptionQueue({
      store,
      workers,
      facts: async (_t, recordingId) => (recordingId === "unknown" ? undefined : { ...FACTS, callId: `call-${recordingId}` }),
      ingest: async (events) => void ingested.push(events),
      retry: POLICY,
      pollMs: 1_000,
      ...hooks,
    });
    return { queue, store, ingested };
  }

  it("runs a job to done: progress written, one ingest of every channel's segments in time order", async () => {
    const worker = new FakeWorker();
    const { queue, store, ingested } = queueWith([worker]);
    await queue.start();
    await queue.enqueue(input("r1"));
    await vi.waitFor(() => expect(worker.calls).toHaveLength(1));
    expect(worker.calls[0]).toMatchObject({ file: "/data/r1.wav", channels: [0, 1] });
    expect(store.rows.get("r1")).toMatchObject({ state: "running", attempts: 1 });
    worker.calls[0]?.progress?.(0.4);
    await vi.waitFor(() => expect(store.rows.get("r1")?.progress).toBeCloseTo(0.4));
    worker.calls[0]?.resolve(result("1"));
    await vi.waitFor(() => expect(store.rows.get("r1")?.state).toBe("done"));
    expect(store.rows.get("r1")).toMatchObject({ progress: 1, segments: 2 });
    expect(ingested).toHaveLength(1);
    const segs = (ingested[0] ?? []).map((e) => (e.type === "transcript.segment" ? [e.data.segmentIndex, e.data.speaker, e.data.channel, e.time] : []));
    expect(segs).toEqual([
      [0, "agent", 0, 1_000_500],
      [1, "caller", 1, 1_002_500],
    ]);
    await queue.stop();
  });

  it("retries a failed job after its back-off, and gives up after the cap", async () => {
    const worker = new FakeWorker();
    const { queue, store } = queueWith([worker]);
    await queue.start();
    await queue.enqueue(input("r1"));
    for (let attempt = 1; attempt <= POLICY.maxAttempts; attempt++) {
      await vi.waitFor(() => expect(worker.calls).toHaveLength(attempt));
      worker.calls[attempt - 1]?.reject(new Error(`decode error ${attempt}`));
      await vi.waitFor(() => expect(store.rows.get("r1")?.error).toBe(`decode error ${attempt}`));
      if (attempt < POLICY.maxAttempts) {
        expect(store.rows.get("r1")).toMatchObject({ state: "queued", attempts: attempt });
        // Not before the back-off: polls inside the wait start nothing.
        await vi.advanceTimersByTimeAsync(retryDelay(attempt, POLICY) - 1_500);
        expect(worker.calls).toHaveLength(attempt);
        await vi.advanceTimersByTimeAsync(2_000);
      }
    }
    expect(store.rows.get("r1")).toMatchObject({ state: "failed", attempts: 3 });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(worker.calls).toHaveLength(3);
    await queue.stop();
  });

  it("hands a job that failed for good, and only then, to afterFailed (its audio copy is removed there); afterDone never", async () => {
    const worker = new FakeWorker();
    const failed: Job[] = [];
    const done: Job[] = [];
    const { queue, store } = queueWith([worker], new MapStore(), {
      afterFailed: async (job) => void failed.push(job),
      afterDone: async (job) => void done.push(job),
    });
    await queue.start();
    await queue.enqueue(input("r1"));
    for (let attempt = 1; attempt <= POLICY.maxAttempts; attempt++) {
      await vi.waitFor(() => expect(worker.calls).toHaveLength(attempt));
      worker.calls[attempt - 1]?.reject(new Error(`decode error ${attempt}`));
      await vi.waitFor(() => expect(store.rows.get("r1")?.attempts).toBe(attempt));
      await vi.waitFor(() => expect(store.rows.get("r1")?.state).not.toBe("running"));
      if (attempt < POLICY.maxAttempts) {
        expect(failed).toEqual([]);
        await vi.advanceTimersByTimeAsync(retryDelay(attempt, POLICY) + 1_000);
      }
    }
    await vi.waitFor(() => expect(failed).toHaveLength(1));
    expect(failed[0]).toMatchObject({ recordingId: "r1", state: "failed", audioPath: "/data/r1.wav", error: "decode error 3" });
    expect(done).toEqual([]);
    await queue.stop();
  });

  it("fails a job at once, not after its retries, when the error says trying again cannot mend it (final)", async () => {
    const worker = new FakeWorker();
    const store = new MapStore();
    const queue = new TranscriptionQueue({
      store,
      workers: [worker],
      facts: async () => FACTS,
      ingest: async () => {
        throw Object.assign(new Error("speech: the ingest pipeline refused 1 of 2 event(s)"), { final: true });
      },
      retry: POLICY,
      pollMs: 1_000,
    });
    await queue.start();
    await queue.enqueue(input("r1"));
    await vi.waitFor(() => expect(worker.calls).toHaveLength(1));
    worker.calls[0]?.resolve(result("1"));
    await vi.waitFor(() => expect(store.rows.get("r1")?.state).toBe("failed"));
    expect(store.rows.get("r1")).toMatchObject({ attempts: 1, error: "speech: the ingest pipeline refused 1 of 2 event(s)" });
    await vi.advanceTimersByTimeAsync(120_000);
    expect(worker.calls).toHaveLength(1);
    await queue.stop();
  });

  it("keeps a job failed when afterFailed throws", async () => {
    const worker = new FakeWorker();
    const { queue, store } = queueWith([worker], new MapStore(), {
      afterFailed: async () => {
        throw new Error("EACCES");
      },
    });
    const last = { ...queuedJob(input("r1"), 1_000_000), attempts: POLICY.maxAttempts - 1 };
    await store.write(last);
    await queue.start();
    await vi.waitFor(() => expect(worker.calls).toHaveLength(1));
    worker.calls[0]?.reject(new Error("decode error"));
    await vi.waitFor(() => expect(store.rows.get("r1")?.state).toBe("failed"));
    await queue.idle();
    expect(store.rows.get("r1")).toMatchObject({ state: "failed", error: "decode error" });
    await queue.stop();
  });

  it("fails an attempt when the recording is not known, and keeps the worker free for others", async () => {
    const worker = new FakeWorker();
    const { queue, store } = queueWith([worker]);
    await queue.start();
    await queue.enqueue(input("unknown"));
    await vi.waitFor(() => expect(store.rows.get("unknown")?.error).toMatch(/not known/));
    expect(store.rows.get("unknown")).toMatchObject({ state: "queued", attempts: 1 });
    await queue.enqueue(input("r2"));
    await vi.waitFor(() => expect(worker.calls).toHaveLength(1));
    expect(worker.calls[0]?.file).toBe("/data/r2.wav");
    await queue.stop();
  });

  it("runs one job at a time per worker, and none while no worker is available", async () => {
    const worker = new FakeWorker();
    worker.available = false;
    const { queue, store } = queueWith([worker]);
    await queue.start();
    await queue.enqueue(input("r1"));
    await queue.enqueue(input("r2"));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(worker.calls).toHaveLength(0);
    expect(store.rows.get("r1")?.state).toBe("queued");
    worker.available = true;
    await vi.advanceTimersByTimeAsync(1_000);
    await vi.waitFor(() => expect(worker.calls).toHaveLength(1));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(worker.calls).toHaveLength(1);
    worker.calls[0]?.resolve(result("1"));
    await vi.waitFor(() => expect(worker.calls).toHaveLength(2));
    await queue.stop();
  });

  it("a recording enqueued again while it runs is queued afresh after that run, not lost under its end", async () => {
    const worker = new FakeWorker();
    const { queue, store } = queueWith([worker]);
    await queue.start();
    await queue.enqueue(input("r1"));
    await vi.waitFor(() => expect(worker.calls).toHaveLength(1));
    await queue.enqueue({ ...input("r1"), audioPath: "/data/r1-new.wav" });
    worker.calls[0]?.resolve(result("1"));
    await vi.waitFor(() => expect(worker.calls).toHaveLength(2));
    expect(worker.calls[1]?.file).toBe("/data/r1-new.wav");
    expect(store.writes.map((w) => w.state)).toEqual(["queued", "running", "done", "queued", "running"]);
    await queue.stop();
  });

  it("queues again a job a stopped process left running (it survives restarts)", async () => {
    const store = new MapStore();
    await store.write({ ...started(queuedJob(input("r1"), 0), 10), updatedAt: 10 });
    const worker = new FakeWorker();
    const { queue } = queueWith([worker], store);
    await queue.start();
    await vi.waitFor(() => expect(worker.calls).toHaveLength(1));
    expect(store.writes.map((w) => w.state)).toEqual(["running", "queued", "running"]);
    await queue.stop();
  });
});
