/**
 * The transcript word being spoken at a time. Words of every segment are flattened
 * and sorted by start once; a lookup is a binary search, so highlighting stays cheap
 * at the media element's update rate on an hour-long call.
 */
export type TimedWord = { s: number; e: number; segment: number; word: number };

export function flattenWords(segments: readonly { words: readonly { s: number; e: number }[] }[]): TimedWord[] {
  const out: TimedWord[] = [];
  segments.forEach((seg, segment) => seg.words.forEach((w, word) => out.push({ s: w.s, e: w.e, segment, word })));
  return out.sort((a, b) => a.s - b.s || a.segment - b.segment || a.word - b.word);
}

/** Index into `words` of the word spoken at `ms` (start inclusive, end exclusive), or -1 between words. Overlapping speakers: the one started last. */
export function wordIndexAt(words: readonly TimedWord[], ms: number): number {
  let lo = 0;
  let hi = words.length - 1;
  let last = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((words[mid]?.s ?? Infinity) <= ms) {
      last = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  // Walk back over words that started earlier but may still be running (two speakers at once).
  for (let i = last; i >= 0 && i > last - 8; i--) {
    const w = words[i];
    if (w && ms < w.e) return i;
  }
  return -1;
}
