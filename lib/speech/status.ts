import type { ClickHouseClient } from "@clickhouse/client";
import type { JobState } from "./job-state";
import { readJob } from "./jobs-store";
import { speechService } from "./service";

/** What the call page shows in its transcript area about a recording's transcription. */
export type TranscriptionStatus = {
  /** "none": never queued (a simulated call's transcript comes from the simulator). */
  state: JobState | "none";
  progress: number;
  attempts: number;
  segments: number;
  error: string;
  /** Whether this server can transcribe at all, and why not. */
  recogniser: { state: string; detail: string };
  /** One line for a person: "transcribing, 40 %", "no recogniser set up: ...". */
  message: string;
};

export async function transcriptionStatus(ch: ClickHouseClient, tenantId: string, recordingId: string): Promise<TranscriptionStatus> {
  const job = await readJob(ch, tenantId, recordingId);
  const h = speechService()?.health();
  const recogniser = h ? { state: h.state, detail: h.detail } : { state: "off", detail: "this server runs no speech worker" };
  const base = { progress: job?.progress ?? 0, attempts: job?.attempts ?? 0, segments: job?.segments ?? 0, error: job?.error ?? "", recogniser };
  if (!job) return { state: "none", ...base, message: "" };
  return { state: job.state, ...base, message: describe(job.state, base) };
}

function describe(state: JobState, s: { progress: number; segments: number; error: string; recogniser: { state: string; detail: string } }): string {
  if (state === "done") return `transcribed: ${s.segments} segments`;
  if (state === "failed") return `transcription failed: ${s.error}`;
  if (s.recogniser.state === "not_installed") return s.recogniser.detail;
  if (state === "running") return `transcribing, ${Math.round(s.progress * 100)} %`;
  return s.error ? `waiting to try again (${s.error})` : "waiting to be transcribed";
}

/**
 * The status as a user who is not an admin may read it: the recogniser's detail names the
 * server's paths, and a job's error is the worker's own text, which can too. They keep the
 * state, the progress and a plain message; admins read the whole (and the server log).
 */
export function statusForViewer(s: TranscriptionStatus, admin: boolean): TranscriptionStatus {
  if (admin) return s;
  const plain =
    s.state === "failed"
      ? "transcription failed (an admin can see why)"
      : (s.state === "queued" || s.state === "running") && s.recogniser.state === "not_installed"
        ? "no recogniser set up on this server"
        : s.error && s.state === "queued"
          ? "waiting to try again"
          : s.message;
  return { ...s, error: "", recogniser: { state: s.recogniser.state, detail: "" }, message: plain };
}
