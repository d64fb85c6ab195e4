import { cueDistances, isMonth, type CueKind } from "./cues";
import type { RedactionPolicy, RedactionKind, RedactionSpan } from "./kinds";
import { luhnValid } from "./luhn";
import { bare, readNumberWord, WEAK_DIGIT_WORDS, type NumberWord } from "./number-words";

/**
 * Finds card numbers, security codes and expiry dates in one segment's words.
 * `context` is what was said just before (earlier segments of the same recording, either
 * channel), read for cues only; spans index `words`.
 *
 * The rules, in order, for each spoken number (a run of number words, see number-words.ts):
 * - 13 to 19 digits: a card number when card words are near before it ("card number",
 *   "visa", "long number"), whether or not it passes the Luhn check: recognisers mishear
 *   a digit now and then (the worker's fixture reads 0343 as 0333), and a misheard card
 *   is still a card. Without card words, it is one when it passes Luhn, unless order,
 *   reference or phone words are nearer before it (an order number that passes Luhn by
 *   chance, one in ten, stays). A long number failing Luhn with no card words is left:
 *   phone numbers, order and tracking numbers.
 * - a card number followed by its security code ("4111 1111 1111 1111 737", 19 digits that
 *   fail Luhn as a whole): when some word boundary splits it into 13-19 digits that pass
 *   Luhn and 3-4 more. More than 19 digits that do not split so: all a card number when
 *   card words are near, else left.
 * - 3 or 4 digits: a security code after security-code words ("CVV", "three digits on the
 *   back"); an expiry date after expiry words ("expires oh four twenty seven"). The nearer
 *   cue wins when both are near.
 * - a month name after expiry words, with the year after it: an expiry date.
 */
export function findRedactionSpans(words: readonly string[], policy: RedactionPolicy, context: readonly string[] = []): RedactionSpan[] {
  const all = [...context.map(bare), ...words.map(bare)];
  const offset = context.length;
  const spans: RedactionSpan[] = [];
  const add = (kind: RedactionKind, from: number, to: number) => {
    if (policy.kinds[kind] && to > from) spans.push({ from, to, kind });
  };
  for (const run of numberRuns(words)) {
    const cues = cueDistances(all, offset + run.from);
    const n = run.digits.length;
    if (n >= 13) {
      const split = n <= 19 && isCard(run.digits, cues) ? undefined : cardThenCode(run, cues);
      if (split !== undefined) {
        add("card_number", run.from, split);
        add("security_code", split, run.to);
      } else if (n <= 19 ? isCard(run.digits, cues) : cardCueWins(cues)) add("card_number", run.from, run.to);
    } else if (n >= 3 && n <= 4) {
      const kind = nearer(cues, "securityCode", "expiry");
      if (kind === "securityCode") add("security_code", run.from, run.to);
      else if (kind === "expiry") add("expiry", run.from, run.to);
    } else if (n === 6 && cues.expiry !== undefined) add("expiry", run.from, run.to);
  }
  // "expires April twenty seven": the month and the year after it.
  for (let i = 0; i < words.length; i++) {
    if (!isMonth(all[offset + i] as string) || cueDistances(all, offset + i).expiry === undefined) continue;
    const next = readNumberWord(words[i + 1] ?? "");
    if (next.kind !== "digits" && next.kind !== "tens") continue;
    const after = readNumberWord(words[i + 2] ?? "");
    add("expiry", i, next.kind === "tens" && after.kind === "digits" ? i + 3 : i + 2);
  }
  return mergeSpans(spans);
}

function isCard(digits: string, cues: Partial<Record<CueKind, number>>): boolean {
  if (cardCueWins(cues)) return true;
  if (cues.notCard !== undefined) return false;
  return luhnValid(digits);
}

const cardCueWins = (cues: Partial<Record<CueKind, number>>) => cues.card !== undefined && (cues.notCard === undefined || cues.card <= cues.notCard);

function cardThenCode(run: NumberRun, cues: Partial<Record<CueKind, number>>): number | undefined {
  for (let k = run.to - 1; k > run.from; k--) {
    const cardDigits = run.digits.slice(0, run.digitsBefore[k - run.from] as number);
    const rest = run.digits.length - cardDigits.length;
    if (cardDigits.length < 13 || cardDigits.length > 19 || rest < 3 || rest > 4) continue;
    if (luhnValid(cardDigits) && (cues.notCard === undefined || cardCueWins(cues))) return k;
  }
  return undefined;
}

function nearer(cues: Partial<Record<CueKind, number>>, a: CueKind, b: CueKind): CueKind | undefined {
  const da = cues[a];
  const db = cues[b];
  if (da === undefined) return db === undefined ? undefined : b;
  if (db === undefined) return a;
  return da <= db ? a : b;
}

/** Overlapping or touching spans of one kind become one; of two kinds, the first found keeps the overlap. */
function mergeSpans(spans: RedactionSpan[]): RedactionSpan[] {
  const sorted = [...spans].sort((x, y) => x.from - y.from || y.to - x.to);
  const out: RedactionSpan[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.from < last.to) {
      if (s.kind === last.kind) last.to = Math.max(last.to, s.to);
      else if (s.to > last.to) out.push({ from: last.to, to: s.to, kind: s.kind });
      continue;
    }
    out.push({ ...s });
  }
  return out;
}

export type NumberRun = {
  from: number;
  to: number;
  digits: string;
  /** For each word of the run, how many of the run's digits come before it. */
  digitsBefore: number[];
};

/** Maximal runs of consecutive number words, each with its digits. */
export function numberRuns(words: readonly string[]): NumberRun[] {
  const parsed = words.map(readNumberWord);
  const runs: NumberRun[] = [];
  let run: NumberRun | undefined;
  let repeat = 1;
  let tens = "";
  const flushTens = () => {
    if (run && tens !== "") run.digits += tens + "0";
    tens = "";
  };
  const close = () => {
    flushTens();
    if (run && run.digits.length > 0) runs.push(run);
    run = undefined;
    repeat = 1;
  };
  for (let i = 0; i < parsed.length; i++) {
    let p = parsed[i] as NumberWord;
    // "for" counts only between digits ("paid for 4111..." is not a digit), "o" only before one ("o four").
    const weak = p.kind === "digits" ? bare(words[i] as string) : "";
    if (WEAK_DIGIT_WORDS.has(weak)) {
      const next = parsed[i + 1];
      const beforeDigit = next !== undefined && (next.kind === "digits" || next.kind === "tens");
      const afterDigit = run !== undefined && run.digits.length + tens.length > 0;
      if (!beforeDigit || (weak === "for" && !afterDigit)) p = { kind: "none" };
    }
    if (p.kind === "none") {
      close();
      continue;
    }
    if (!run) {
      if (p.kind === "filler") continue;
      run = { from: i, to: i, digits: "", digitsBefore: [] };
    }
    const current: NumberRun = run;
    current.digitsBefore[i - current.from] = current.digits.length + tens.length;
    current.to = i + 1;
    if (p.kind === "filler") continue;
    if (p.kind === "repeat") {
      flushTens();
      repeat = p.times;
      continue;
    }
    if (p.kind === "tens") {
      flushTens();
      tens = p.digit;
      continue;
    }
    let digits = p.digits;
    if (repeat > 1) digits = (digits[0] as string).repeat(repeat) + digits.slice(1);
    repeat = 1;
    if (tens !== "") {
      digits = digits.length === 1 && digits !== "0" ? tens + digits : tens + "0" + digits;
      tens = "";
    }
    current.digits += digits;
  }
  close();
  return runs;
}
