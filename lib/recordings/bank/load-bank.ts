import { readFileSync } from "node:fs";
import path from "node:path";
import { decodePhrase } from "./decode-phrase";
import { BANK_INDEX_FILE, BANK_PACKETS_FILE, bankIndexSchema, type BankIndex } from "./format";

/** Where the bank ships: assets/phrase-bank in the project (npm start and the CLIs run from its root). */
export const DEFAULT_BANK_DIR = path.join(process.cwd(), "assets", "phrase-bank");

const indexes = new Map<string, BankIndex>();

/**
 * The bank's index (phrases, words, durations), parsed once per process. The simulator
 * needs only this to write a call's script and transcript; the audio is decoded when a
 * recording is rendered.
 */
export function loadBankIndex(dir: string = DEFAULT_BANK_DIR): BankIndex {
  const cached = indexes.get(dir);
  if (cached) return cached;
  const index = bankIndexSchema.parse(JSON.parse(readFileSync(path.join(dir, BANK_INDEX_FILE), "utf8")));
  indexes.set(dir, index);
  return index;
}

export interface PhraseBank {
  readonly index: BankIndex;
  /** A phrase's PCM, 16 kHz mono; throws for a key the bank does not hold. */
  pcm(key: string): Int16Array;
}

/** Decoded phrases kept per bank: a call uses a few dozen, and the same ones recur across calls. */
const CACHE_PHRASES = 400;
const banks = new Map<string, PhraseBank>();

export function loadPhraseBank(dir: string = DEFAULT_BANK_DIR): PhraseBank {
  const cached = banks.get(dir);
  if (cached) return cached;
  const index = loadBankIndex(dir);
  const packets = new Uint8Array(readFileSync(path.join(dir, BANK_PACKETS_FILE)));
  const byKey = new Map(index.phrases.map((p) => [p.key, p]));
  const decoded = new Map<string, Int16Array>();
  const bank: PhraseBank = {
    index,
    pcm(key) {
      const hit = decoded.get(key);
      if (hit) {
        // Refresh its place: the map's order is the eviction order.
        decoded.delete(key);
        decoded.set(key, hit);
        return hit;
      }
      const phrase = byKey.get(key);
      if (!phrase) throw new Error(`phrase bank: no phrase ${key}`);
      const pcm = decodePhrase(packets, phrase, index.preSkip);
      decoded.set(key, pcm);
      if (decoded.size > CACHE_PHRASES) decoded.delete(decoded.keys().next().value as string);
      return pcm;
    },
  };
  banks.set(dir, bank);
  return bank;
}
