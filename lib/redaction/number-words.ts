/**
 * One transcript word read as part of a spoken number: digit words ("four", "oh"),
 * teens and tens ("fifteen", "forty" [+ "five"]), repeats ("double four"), numerals
 * and numerals with separators as recognisers write them ("4539", "-1488", "7.3.7",
 * "04/27", "four-five").
 */

const DIGIT_WORDS: Record<string, string> = {
  zero: "0",
  oh: "0",
  o: "0",
  nought: "0",
  naught: "0",
  nil: "0",
  one: "1",
  two: "2",
  three: "3",
  four: "4",
  for: "4",
  five: "5",
  six: "6",
  seven: "7",
  eight: "8",
  nine: "9",
};

const TEENS: Record<string, string> = {
  ten: "10",
  eleven: "11",
  twelve: "12",
  thirteen: "13",
  fourteen: "14",
  fifteen: "15",
  sixteen: "16",
  seventeen: "17",
  eighteen: "18",
  nineteen: "19",
};

const TENS: Record<string, string> = { twenty: "2", thirty: "3", forty: "4", fifty: "5", sixty: "6", seventy: "7", eighty: "8", ninety: "9" };

const REPEATS: Record<string, number> = { double: 2, triple: 3 };

/** Words said while reading digits that do not end the number. */
const FILLERS = new Set(["uh", "um", "er", "erm", "ah"]);

export type NumberWord =
  | { kind: "digits"; digits: string }
  /** "forty": its digit, waiting for a unit ("forty five" = 45) or standing alone (40). */
  | { kind: "tens"; digit: string }
  | { kind: "repeat"; times: number }
  | { kind: "filler" }
  | { kind: "none" };

const NONE: NumberWord = { kind: "none" };

/** The word without surrounding punctuation, lower case. */
export function bare(word: string): string {
  return word
    .toLowerCase()
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, "")
    .trim();
}

/** "for" and "o" are numbers only between other digits; the caller decides (see find-spans.ts). */
export const WEAK_DIGIT_WORDS = new Set(["for", "o"]);

export function readNumberWord(word: string): NumberWord {
  const w = bare(word);
  if (w === "") return NONE;
  // Numerals, with the separators recognisers put between groups: 4539-1488, 7.3.7, 04/27.
  if (/^\d+([-./,:]\d+)*$/.test(w)) return { kind: "digits", digits: w.replace(/\D/g, "") };
  const d = DIGIT_WORDS[w] ?? TEENS[w];
  if (d !== undefined) return { kind: "digits", digits: d };
  const t = TENS[w];
  if (t !== undefined) return { kind: "tens", digit: t };
  const r = REPEATS[w];
  if (r !== undefined) return { kind: "repeat", times: r };
  if (FILLERS.has(w)) return { kind: "filler" };
  // Hyphenated words: "four-five", "forty-two".
  if (w.includes("-")) {
    let digits = "";
    let tens = "";
    for (const part of w.split("-")) {
      const p = readNumberWord(part);
      if (p.kind === "digits" && tens !== "" && p.digits.length === 1 && p.digits !== "0") digits += tens + p.digits;
      else if (p.kind === "digits") digits += (tens === "" ? "" : tens + "0") + p.digits;
      else if (p.kind === "tens") digits += tens === "" ? "" : tens + "0";
      else return NONE;
      tens = p.kind === "tens" ? p.digit : "";
    }
    return { kind: "digits", digits: digits + (tens === "" ? "" : tens + "0") };
  }
  return NONE;
}
