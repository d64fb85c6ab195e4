import fs from "node:fs";
import path from "node:path";

/** The committed fixture (scripts/speech/make-fixture.py): a short two-party call with a card number. */
export const FIXTURE_AUDIO = path.join(process.cwd(), "test/fixtures/speech/card-call.webm");

export type FixtureTurn = { channel: number; text: string; startMs: number; endMs: number; words: { t: string; s: number; e: number }[] };
export const fixture = JSON.parse(fs.readFileSync(path.join(process.cwd(), "test/fixtures/speech/card-call.json"), "utf8")) as {
  durationMs: number;
  channelRoles: string[];
  turns: FixtureTurn[];
};

export const SPEECH_VENV = path.resolve(process.env.SPEECH_VENV ?? ".speech-venv");
/** CI installs the venv (.ci/run), so there these tests must run; elsewhere they are skipped without it. */
export const noRecogniser = !fs.existsSync(path.join(SPEECH_VENV, "bin", "python")) && !process.env.CI;

const DIGITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

/**
 * Words for scoring: lower case without punctuation, numerals read out digit by digit
 * ("4539-1488" -> four five three nine one four eight eight), so "four five" said and
 * "45" written count the same.
 */
export function normaliseWords(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/(\d)/g, " $1 ")
    .replace(/[^a-z0-9' ]+/g, " ")
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => (/^\d$/.test(w) ? (DIGITS[Number(w)] as string) : w));
}

/** Word error rate: word-level edit distance over the reference's length. */
export function wordErrorRate(reference: readonly string[], hypothesis: readonly string[]): number {
  const d = Array.from({ length: reference.length + 1 }, (_, i) => [i, ...Array<number>(hypothesis.length).fill(0)]);
  for (let j = 1; j <= hypothesis.length; j++) (d[0] as number[])[j] = j;
  for (let i = 1; i <= reference.length; i++) {
    for (let j = 1; j <= hypothesis.length; j++) {
      const sub = (d[i - 1] as number[])[j - 1]! + (reference[i - 1] === hypothesis[j - 1] ? 0 : 1);
      (d[i] as number[])[j] = Math.min(sub, (d[i - 1] as number[])[j]! + 1, (d[i] as number[])[j - 1]! + 1);
    }
  }
  return (d[reference.length] as number[])[hypothesis.length]! / reference.length;
}
