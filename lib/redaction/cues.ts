/**
 * Words that say what a number is, said before it (by either party: "read me the card
 * number" on the agent's channel, the digits on the caller's). Each cue is a phrase of
 * bare words (number-words.ts `bare`).
 */

export type CueKind = "card" | "notCard" | "securityCode" | "expiry";

const CUES: Record<CueKind, string[][]> = {
  card: [["card"], ["visa"], ["mastercard"], ["amex"], ["credit"], ["debit"], ["long", "number"], ["pan"]],
  // A long number after these is someone's order, reference or phone number, unless card words are nearer.
  notCard: [
    ["order"],
    ["reference"],
    ["ref"],
    ["tracking"],
    ["phone"],
    ["telephone"],
    ["mobile"],
    ["invoice"],
    ["policy"],
    ["extension"],
    ["customer", "number"],
    ["ticket"],
  ],
  securityCode: [
    ["security", "code"],
    ["security", "number"],
    ["cvv"],
    ["cvc"],
    ["cv2"],
    ["csc"],
    ["verification", "code"],
    ["three", "digits"],
    ["four", "digits"],
    ["3", "digits"],
    ["on", "the", "back"],
  ],
  expiry: [["expiry"], ["expires"], ["expiration"], ["expiring"], ["exp"], ["valid", "until"], ["valid", "thru"], ["valid", "through"], ["end", "date"]],
};

/** How far back (in words) a cue still speaks for a number. */
export const CUE_REACH: Record<CueKind, number> = { card: 14, notCard: 6, securityCode: 14, expiry: 8 };

/**
 * For each kind, how many words before position `at` the nearest cue ended
 * (0 = the word just before), or undefined when none is within reach.
 */
export function cueDistances(bareWords: readonly string[], at: number): Partial<Record<CueKind, number>> {
  const found: Partial<Record<CueKind, number>> = {};
  for (const kind of Object.keys(CUES) as CueKind[]) {
    const reach = CUE_REACH[kind];
    for (let end = at - 1; end >= Math.max(0, at - reach); end--) {
      if (CUES[kind].some((phrase) => endsWith(bareWords, end, phrase))) {
        found[kind] = at - 1 - end;
        break;
      }
    }
  }
  return found;
}

function endsWith(words: readonly string[], end: number, phrase: readonly string[]): boolean {
  const start = end - phrase.length + 1;
  if (start < 0) return false;
  for (let i = 0; i < phrase.length; i++) if (words[start + i] !== phrase[i]) return false;
  return true;
}

const MONTHS = new Set([
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
  "jan",
  "feb",
  "mar",
  "apr",
  "jun",
  "jul",
  "aug",
  "sep",
  "sept",
  "oct",
  "nov",
  "dec",
]);

export const isMonth = (bareWord: string) => MONTHS.has(bareWord);
