import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WORKER_SCRIPT } from "@/lib/speech/service";
import { SpeechWorker } from "@/lib/speech/worker-process";
import type { TranscriptionResult } from "@/lib/speech/protocol";
import { FIXTURE_AUDIO, fixture, noRecogniser, normaliseWords, SPEECH_VENV, wordErrorRate } from "./speech-helpers";

/** Word times are good to about 0.3 s (DESIGN.md §7); a turn's first word may start a little early or late. */
const TIME_TOLERANCE_MS = 500;

describe.skipIf(noRecogniser)("the speech worker on real speech", () => {
  const worker = new SpeechWorker({ venv: SPEECH_VENV, script: WORKER_SCRIPT, threads: 1 });
  let result: TranscriptionResult;
  const progress: number[] = [];

  beforeAll(async () => {
    worker.start();
    await worker.whenReady();
    result = await worker.transcribe(FIXTURE_AUDIO, [0, 1], (f) => progress.push(f));
  }, 180_000);
  afterAll(() => worker.stop());

  it("says which model it runs", () => {
    expect(worker.health).toMatchObject({ state: "ready", model: "tiny.en" });
    expect(worker.health.versions).toMatchObject({ "faster-whisper": "1.2.1", ctranslate2: "4.8.5" });
  });

  it("recognises each channel's words with a low word error rate", () => {
    for (const channel of [0, 1]) {
      const reference = fixture.turns.filter((t) => t.channel === channel).flatMap((t) => normaliseWords(t.text));
      const said = result.channels.find((c) => c.channel === channel)?.segments.flatMap((s) => s.words.flatMap((w) => normaliseWords(w.t))) ?? [];
      const wer = wordErrorRate(reference, said);
      expect(wer, `channel ${channel}: ${said.join(" ")}`).toBeLessThanOrEqual(0.1);
    }
  });

  it("times words where they were said: inside their turn, turns ending on time, the known digit words matched", () => {
    // Whisper may start the first word after a long silence early (the voice-activity window's padding), so
    // word starts are checked loosely and ends closely: each word overlaps its turn and ends inside it.
    for (const c of result.channels) {
      const turns = fixture.turns.filter((t) => t.channel === c.channel);
      const words = c.segments.flatMap((s) => s.words);
      for (const w of words) {
        const home = turns.find((t) => w.e > t.startMs && w.e <= t.endMs + TIME_TOLERANCE_MS && w.s < t.endMs);
        expect(home, `"${w.t}" at ${w.s}-${w.e} ms on channel ${c.channel}`).toBeDefined();
      }
      for (const t of turns) {
        const last = words.filter((w) => w.e <= t.endMs + TIME_TOLERANCE_MS).at(-1);
        expect(Math.abs((last?.e ?? -1e9) - t.endMs), `the end of "${t.text}"`).toBeLessThanOrEqual(TIME_TOLERANCE_MS);
      }
    }
    // The security code was synthesised digit by digit, so each digit's own time is known.
    const caller = result.channels.find((c) => c.channel === 1)?.segments.flatMap((s) => s.words) ?? [];
    const known = fixture.turns.flatMap((t) => t.words);
    expect(known.map((w) => w.t)).toEqual(["seven", "three", "seven"]);
    for (const k of known) {
      const mid = (k.s + k.e) / 2;
      const heard = caller.find((w) => normaliseWords(w.t).includes(k.t) && w.s - TIME_TOLERANCE_MS <= mid && mid <= w.e + TIME_TOLERANCE_MS);
      expect(heard, `"${k.t}" said at ${k.s}-${k.e} ms`).toBeDefined();
      expect(Math.abs((heard?.e ?? -1e9) - k.e)).toBeLessThanOrEqual(TIME_TOLERANCE_MS);
    }
  });

  it("reports progress as it goes, and an error for a file it cannot read without dying", async () => {
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.every((f, i) => f >= 0 && f <= 1 && (i === 0 || f >= (progress[i - 1] as number)))).toBe(true);
    await expect(worker.transcribe("/nonexistent/audio.wav", [0])).rejects.toThrow(/No such file|not found|FileNotFound/i);
    expect(worker.health.state).toBe("ready");
  });
});

describe("without a recogniser", () => {
  it("says so plainly and does not start", () => {
    const w = new SpeechWorker({ venv: "/nonexistent/venv", script: WORKER_SCRIPT, threads: 1 });
    w.start();
    expect(w.health.state).toBe("not_installed");
    expect(w.health.detail).toMatch(/no recogniser set up.*npm run speech:install/);
    expect(w.available).toBe(false);
  });
});
