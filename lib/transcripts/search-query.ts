import { InvalidInput } from "@/lib/errors/domain-errors";

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
  /** Words the token index can check (ASCII letters and digits only: what tokenbf_v1 splits text into). */
  tokens: string[];
  /**
   * The phrase as an RE2 pattern over the stored text: its words in order, case-insensitive,
   * separated by runs of non-letters-or-digits and bounded by them or the text's ends. The
   * same rule as normaliseWords, without rewriting every segment's text to check it.
   */
  pattern: string;
};

const SEPARATOR = "[^\\p{L}\\p{N}]";

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
  // Words hold only letters and digits (they were split on everything else), so nothing in them needs escaping.
  const pattern = `(?i)(?:^|${SEPARATOR})${words.join(`${SEPARATOR}+`)}(?:$|${SEPARATOR})`;
  return { words, tokens: [...new Set(words.filter((w) => /^[a-z0-9]+$/.test(w)))], pattern };
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
