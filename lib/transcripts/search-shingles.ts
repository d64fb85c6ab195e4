/**
 * Word shingles: the index that lets a phrase of common words skip what cannot hold it.
 *
 * The token index on `norm_text` (migration 0024) keeps one bit pattern per word, so a phrase
 * whose every word is common ("number thank card birth") skips nothing: each of its words is in
 * every granule, and the search read the whole period's text to find it nowhere (about 1 s p95
 * over a million calls, 4 s on a loaded machine). Migration 0032 adds a second token index whose
 * tokens are each segment's adjacent word pairs and triples, glued into one token ("thank" +
 * "card" + "birth" -> "thankcardbirth"); a phrase's own triples (or its pair, for two words)
 * are rare even when its words are not, so most granules are skipped.
 *
 * Gluing makes "a"+"bc" and "ab"+"c" the same token: a false positive, which costs a granule
 * read, never a wrong answer (the phrase itself is still checked on the text). The glue has no
 * separator because the token index splits on every ASCII character that is not a letter or a
 * digit, and each normalised word holds only letters and digits.
 */

const WORDS = "splitByChar(' ', trimBoth(norm_text))";

/**
 * The index's expression (migration 0032 holds the same text: a unit test compares them). A
 * query uses the index only when it names this exact expression, so search builds its
 * condition from this constant.
 */
export const NORM_SHINGLES_SQL =
  `arrayStringConcat(arrayConcat(` +
  `arrayMap((a, b) -> concat(a, b), arrayPopBack(${WORDS}), arrayPopFront(${WORDS})), ` +
  `arrayMap((a, b, c) -> concat(a, b, c), arrayPopBack(arrayPopBack(${WORDS})), arrayPopFront(arrayPopBack(${WORDS})), arrayPopFront(arrayPopFront(${WORDS})))` +
  `), ' ')`;

/**
 * The shingles a phrase's matches must hold: its triples for three words or more (a triple
 * is in a granule only where its pairs are, so the pairs would add nothing), its one pair for
 * two words, none for one word (the word index covers it). Distinct, in phrase order.
 */
export function phraseShingles(words: readonly string[]): string[] {
  const size = words.length >= 3 ? 3 : words.length === 2 ? 2 : 0;
  if (size === 0) return [];
  const out: string[] = [];
  for (let i = 0; i + size <= words.length; i++) out.push(words.slice(i, i + size).join(""));
  return [...new Set(out)];
}
