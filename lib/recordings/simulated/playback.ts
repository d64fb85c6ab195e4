import { BANK_RATE, type BankWord } from "@/lib/recordings/bank/format";

/**
 * How long a phrase lasts and where its words fall when played at `speed`: the one
 * definition the script (word times) and the mixer (samples) both use, so the words the
 * transcript shows sit exactly where the mixer put them.
 */
export const SAMPLES_PER_MS = BANK_RATE / 1000;

export function playedSamples(samples: number, speed: number): number {
  return Math.floor(samples / speed);
}

export function playedMs(samples: number, speed: number): number {
  return Math.ceil(playedSamples(samples, speed) / SAMPLES_PER_MS);
}

export function placeWords(words: readonly BankWord[], at: number, speed: number): BankWord[] {
  return words.map((w) => ({ t: w.t, s: at + Math.round(w.s / speed), e: at + Math.round(w.e / speed) }));
}
