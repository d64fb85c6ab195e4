import { InvalidInput } from "@/lib/errors/domain-errors";
import { phraseShingles } from "./search-shingles";

/**
 * A transcript search as the store runs it. Words are compared case-insensitively
 * and without punctuation, on both sides by the same rule: lower-case, then every
 * run of characters that are neither letters nor digits is one separator. A phrase
 * matches its words in order with only separators between them, so "card number"
 * finds "my Card, number is".
 */
export const MAX_QUERY_CHARS = 200;
export const MAX_QUERY_WORDS = 12;

export type SearchQuery = {
  /** The query's words, normalised. */
  words: string[];
  /** The distinct words, each checked against the token index (every normalised word is a token: it holds only letters and digits). */
  tokens: string[];
  /**
   * The phrase as it appears in the stored normalised text (migration 0024's `norm_text`:
   * the same normalisation, with a space at each end), so one substring check finds whole
   * words in order: " card number " is in " my card number is " but not in " scorecard number ".
   */
  phrase: string;
  /** The glued word pairs or triples every match holds, checked against the shingle index (search-shingles.ts). */
  shingles: string[];
};

export function normaliseWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

export function parseSearchQuery(q: string | undefined): SearchQuery {
  const raw = (q ?? "").trim();
  if (raw.length === 0) throw new InvalidInput("q: enter a word or a phrase to search for");
  if (raw.length > MAX_QUERY_CHARS) throw new InvalidInput(`q: at most ${MAX_QUERY_CHARS} characters (this one has ${raw.length})`);
  const words = normaliseWords(raw);
  if (words.length === 0) throw new InvalidInput("q: needs at least one letter or digit");
  if (words.length > MAX_QUERY_WORDS) throw new InvalidInput(`q: at most ${MAX_QUERY_WORDS} words (this one has ${words.length})`);
  return { words, tokens: [...new Set(words)], phrase: ` ${words.join(" ")} `, shingles: phraseShingles(words) };
}

/**
 * Where the phrase is in a segment's words (each stored word may hold punctuation,
 * or normalise to several words, "don't" to "don t"): the first and last word index
 * of the first match, or null.
 */
export function findPhrase(words: readonly string[], query: readonly string[]): { first: number; last: number } | null {
  const flat: { w: string; of: number }[] = [];
  words.forEach((word, i) => {
    for (const w of normaliseWords(word)) flat.push({ w, of: i });
  });
  outer: for (let i = 0; i + query.length <= flat.length; i++) {
    for (let j = 0; j < query.length; j++) if (flat[i + j]?.w !== query[j]) continue outer;
    return { first: flat[i]?.of ?? 0, last: flat[i + query.length - 1]?.of ?? 0 };
  }
  return null;
}
