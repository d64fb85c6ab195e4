import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { failedAttempt, finished, queuedJob, started, type Job } from "@/lib/speech/job-state";
import { writeJob } from "@/lib/speech/jobs-store";
import type { SpeechService } from "@/lib/speech/service";
import { startSpeechForRecordings, sweepSpeechCopies } from "@/server/speech";
import { freshTenant, testStore } from "../helpers/store";

/**
 * The speech side's copies of recordings (DATA_DIR/speech/<tenant>/<recording>.webm) must not
 * outlive their jobs: at start, the copies of jobs done or failed for good are removed; those
 * of queued or running jobs, and those no job names yet, are kept.
 */
describe("audio copies under DATA_DIR/speech", () => {
  let speech: SpeechService | undefined;
  afterAll(async () => speech?.stop());

  it("are swept at start when their job is done or failed for good, and kept otherwise", async () => {
    const { ch, env: testEnv } = await testStore();
    const tenantId = freshTenant("copies");
    const dir = path.join(path.resolve(testEnv.DATA_DIR), "speech", tenantId);
    fs.mkdirSync(dir, { recursive: true });
    const now = Date.now();
    const copy = (recordingId: string) => {
      const file = path.join(dir, `${recordingId}.webm`);
      fs.writeFileSync(file, "audio");
      return file;
    };
    const job = (recordingId: string): Job => queuedJob({ tenantId, recordingId, callId: "c1", audioPath: copy(recordingId), channelRoles: [] }, now);
    const retry = { maxAttempts: 1, firstRetryMs: 1, maxRetryMs: 1 };
    await writeJob(ch, finished(started(job("rec-done"), now), 3, now + 1));
    await writeJob(ch, failedAttempt(started(job("rec-failed"), now), "decode error", now + 1, retry));
    await writeJob(ch, failedAttempt(started(job("rec-retrying"), now), "decode error", now + 1, { ...retry, maxAttempts: 4 }));
    await writeJob(ch, started(job("rec-running"), now));
    await writeJob(ch, job("rec-queued"));
    copy("rec-no-job");

    const env = parseEnv({ DATA_DIR: testEnv.DATA_DIR, SPEECH_WORKERS: "0" });
    const speechSide = startSpeechForRecordings(
      env,
      ch,
      async () => undefined,
      () => undefined,
    );
    speech = speechSide.speech;
    expect(await speechSide.swept).toBeGreaterThanOrEqual(2);
    expect(fs.readdirSync(dir).sort()).toEqual(["rec-no-job.webm", "rec-queued.webm", "rec-retrying.webm", "rec-running.webm"]);
    // A second sweep finds nothing more of this tenant's.
    await sweepSpeechCopies(ch, path.join(path.resolve(testEnv.DATA_DIR), "speech"));
    expect(fs.readdirSync(dir)).toHaveLength(4);
  });
});
