import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { decodePhrase } from "@/lib/recordings/bank/decode-phrase";
import { BANK_PACKETS_FILE, BANK_RATE } from "@/lib/recordings/bank/format";
import { DEFAULT_BANK_DIR, loadBankIndex, loadPhraseBank } from "@/lib/recordings/bank/load-bank";

const index = loadBankIndex();
const packets = new Uint8Array(readFileSync(path.join(DEFAULT_BANK_DIR, BANK_PACKETS_FILE)));

/** Mean square of a stretch of samples. */
function power(pcm: Int16Array, fromMs: number, toMs: number): number {
  const a = Math.max(0, Math.round((fromMs * BANK_RATE) / 1000));
  const b = Math.min(pcm.length, Math.round((toMs * BANK_RATE) / 1000));
  let sum = 0;
  for (let i = a; i < b; i++) sum += (pcm[i] as number) ** 2;
  return b > a ? sum / (b - a) : 0;
}

describe("the phrase bank shipped in assets/phrase-bank", () => {
  it("stays small and holds both roles in both voices, digits 0-9 for every caller voice", () => {
    expect(packets.length).toBeLessThan(5_000_000);
    const voices = index.voices.map((v) => v.id);
    expect(voices.length).toBeGreaterThanOrEqual(2);
    for (const voice of voices) {
      for (const role of ["agent", "caller"] as const) expect(index.phrases.filter((p) => p.voice === voice && p.role === role).length).toBeGreaterThan(30);
      const digits = index.phrases.filter((p) => p.voice === voice && p.slot === "digit").map((p) => p.text);
      expect(digits.sort()).toEqual(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]);
    }
    expect(new Set(index.phrases.map((p) => p.key)).size).toBe(index.phrases.length);
  });

  it("every phrase decodes to as many samples as the index says, and its packets end where the next phrase begins", () => {
    const sorted = [...index.phrases].sort((a, b) => a.offset - b.offset);
    let expectedOffset = 0;
    for (const p of sorted) {
      expect(p.offset).toBe(expectedOffset);
      expectedOffset += p.bytes;
      const pcm = decodePhrase(packets, p, index.preSkip);
      expect(pcm.length).toBe(p.samples);
      // Not silence: speech at about -20 dBFS, so an RMS above -40 dBFS.
      expect(Math.sqrt(power(pcm, 0, (p.samples * 1000) / BANK_RATE))).toBeGreaterThan(328);
    }
    expect(expectedOffset).toBe(packets.length);
  });

  it("word times lie inside the phrase, in order, and the sound is inside the words", () => {
    let louderInside = 0;
    let judged = 0;
    for (const p of index.phrases) {
      const durationMs = (p.samples * 1000) / BANK_RATE;
      let prevEnd = 0;
      for (const w of p.words) {
        expect(w.s).toBeGreaterThanOrEqual(prevEnd - 30); // the aligner's 10 ms frames may touch
        expect(w.e).toBeGreaterThan(w.s);
        expect(w.e).toBeLessThanOrEqual(Math.ceil(durationMs));
        prevEnd = w.e;
      }
      // Where the sound is loud (10 ms frames above a tenth of the phrase's peak level), a word is being said.
      const pcm = loadPhraseBank().pcm(p.key);
      const frames = Math.floor(durationMs / 10);
      const levels = Array.from({ length: frames }, (_, f) => power(pcm, f * 10, f * 10 + 10));
      const peak = Math.max(...levels);
      for (let f = 0; f < frames; f++) {
        if ((levels[f] as number) < peak / 100) continue;
        judged++;
        const mid = f * 10 + 5;
        if (p.words.some((w) => mid >= w.s - 20 && mid <= w.e + 20)) louderInside++;
      }
    }
    expect(judged).toBeGreaterThan(10_000);
    expect(louderInside / judged).toBeGreaterThan(0.97);
  });

  it("every phrase was force-aligned (no word timed by spreading)", () => {
    expect(index.phrases.filter((p) => !p.aligned).map((p) => p.key)).toEqual([]);
  });

  it("a phrase the bank lacks is an error that names it", () => {
    expect(() => loadPhraseBank().pcm("no-such.phrase")).toThrow(/no-such\.phrase/);
  });
});
