import { describe, expect, it } from "vitest";
import { statusForViewer, type TranscriptionStatus } from "@/lib/speech/status";

const PATH = "/srv/cc/.speech-venv/bin/python";
const base: TranscriptionStatus = {
  state: "queued",
  progress: 0,
  attempts: 0,
  segments: 0,
  error: "",
  recogniser: { state: "not_installed", detail: `no recogniser set up: ${PATH} is missing` },
  message: `no recogniser set up: ${PATH} is missing`,
};

describe("a transcription status as a non-admin reads it", () => {
  it("names no server path and no worker error text, and keeps the state and progress", () => {
    const cases: TranscriptionStatus[] = [
      base,
      {
        ...base,
        state: "failed",
        attempts: 4,
        error: `FileNotFoundError: /srv/cc/data/speech/t/r.webm`,
        message: "transcription failed: FileNotFoundError: /srv/cc/data/speech/t/r.webm",
      },
      { ...base, recogniser: { state: "ready", detail: `worker ${PATH}` }, error: "OSError at /srv/cc", message: "waiting to try again (OSError at /srv/cc)" },
      { ...base, state: "running", progress: 0.4, recogniser: { state: "ready", detail: `worker ${PATH}` }, message: "transcribing, 40 %" },
    ];
    for (const s of cases) {
      const seen = statusForViewer(s, false);
      expect(JSON.stringify(seen)).not.toContain("/srv/cc");
      expect(seen).toMatchObject({ state: s.state, progress: s.progress, attempts: s.attempts });
      expect(seen.message.length).toBeGreaterThan(0);
    }
    expect(statusForViewer(cases[3]!, false).message).toBe("transcribing, 40 %");
  });

  it("gives admins the whole status", () => {
    expect(statusForViewer(base, true)).toEqual(base);
  });
});
