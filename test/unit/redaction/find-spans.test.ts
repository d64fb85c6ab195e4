import { describe, expect, it } from "vitest";
import { findRedactionSpans, numberRuns } from "@/lib/redaction/find-spans";
import { DEFAULT_REDACTION_POLICY, type RedactionPolicy } from "@/lib/redaction/kinds";
import { luhnValid } from "@/lib/redaction/luhn";

const words = (s: string) => s.split(/\s+/).filter(Boolean);
const spans = (s: string, context = "", policy: RedactionPolicy = DEFAULT_REDACTION_POLICY) => findRedactionSpans(words(s), policy, words(context));
/** The words a span covers, to read the expectations as text. */
const covered = (s: string, context = "") => spans(s, context).map((x) => ({ kind: x.kind, words: words(s).slice(x.from, x.to).join(" ") }));

describe("luhnValid", () => {
  it("passes known test card numbers and fails one digit off", () => {
    // Visa, Mastercard and Amex test numbers from the card schemes' published test sets.
    for (const n of ["4539148803436467", "4111111111111111", "5555555555554444", "378282246310005"]) expect(luhnValid(n)).toBe(true);
    expect(luhnValid("4539148803336467")).toBe(false);
    expect(luhnValid("4111111111111112")).toBe(false);
    expect(luhnValid("12a4")).toBe(false);
  });
});

describe("numberRuns", () => {
  it("reads digit words, numerals, repeats and tens as one run of digits", () => {
    expect(numberRuns(words("it is four five three nine")).map((r) => r.digits)).toEqual(["4539"]);
    expect(numberRuns(words("double four triple seven")).map((r) => r.digits)).toEqual(["44777"]);
    expect(numberRuns(words("forty five thirty nine")).map((r) => r.digits)).toEqual(["4539"]);
    expect(numberRuns(words("twenty zero")).map((r) => r.digits)).toEqual(["200"]);
    expect(numberRuns(words("4539-14880333-6467")).map((r) => r.digits)).toEqual(["4539148803336467"]);
    expect(numberRuns(words("7.3.7")).map((r) => r.digits)).toEqual(["737"]);
    expect(numberRuns(words("four-five forty-two")).map((r) => r.digits)).toEqual(["4542"]);
    expect(numberRuns(words("oh four, um, two seven")).map((r) => r.digits)).toEqual(["0427"]);
  });

  it("reads 'for' and 'o' as digits only between or before digits", () => {
    expect(numberRuns(words("I paid for 4111 yesterday")).map((r) => r.digits)).toEqual(["4111"]);
    expect(numberRuns(words("one for two")).map((r) => r.digits)).toEqual(["142"]);
    expect(numberRuns(words("thanks for that")).map((r) => r.digits)).toEqual([]);
  });
});

describe("findRedactionSpans: card numbers", () => {
  it("finds a card number spoken as digit words, with its word span", () => {
    const s = "sure it's four five three nine one four eight eight zero three four three six four six seven thanks";
    expect(covered(s)).toEqual([{ kind: "card_number", words: "four five three nine one four eight eight zero three four three six four six seven" }]);
  });

  it("finds numerals in groups, numerals run together, and mixed words and numerals", () => {
    expect(covered("it's 4539 1488 0343 6467.")).toEqual([{ kind: "card_number", words: "4539 1488 0343 6467." }]);
    expect(covered("number 4111111111111111 okay")).toEqual([{ kind: "card_number", words: "4111111111111111" }]);
    expect(covered("four five 39 1488 oh three 4 3 6467")).toEqual([{ kind: "card_number", words: "four five 39 1488 oh three 4 3 6467" }]);
    expect(covered("5555-5555-5555-4444")).toEqual([{ kind: "card_number", words: "5555-5555-5555-4444" }]);
  });

  it("finds 'double' and tens readings", () => {
    // 4111 1111 1111 1111 read as "four one double one, double one double one, ..."
    expect(covered("four one double one double one double one double one double one double one double one")).toEqual([
      { kind: "card_number", words: "four one double one double one double one double one double one double one double one" },
    ]);
    // 5555 5555 5555 4444 read in pairs: "fifty five fifty five ..."
    expect(covered("fifty five fifty five fifty five fifty five fifty five fifty five forty four forty four").map((c) => c.kind)).toEqual(["card_number"]);
  });

  it("masks a Luhn-failing long number after card words (a misheard digit), not without them", () => {
    // The worker's fixture: 4539 1488 0343 6467 heard as 4539-14880333-6467, which fails Luhn.
    expect(covered("4539-14880333-6467", "please read me the card number")).toEqual([{ kind: "card_number", words: "4539-14880333-6467" }]);
    expect(covered("4539-14880333-6467", "please read me the number")).toEqual([]);
  });

  it("leaves phone numbers, order numbers and short numbers alone", () => {
    expect(covered("my number is oh seven seven zero zero nine zero zero one two three")).toEqual([]); // 11 digits
    expect(covered("call me on plus four four two zero seven nine four six zero nine five eight")).toEqual([]); // 12 digits
    expect(covered("the order number is 1234567890123456")).toEqual([]); // 16 digits, fails Luhn
    // An order number that passes Luhn by chance stays: order words are nearer than any card words.
    expect(luhnValid("4111111111111111")).toBe(true);
    expect(covered("my order reference is 4111111111111111")).toEqual([]);
    expect(covered("tracking 4111 1111 1111 1111")).toEqual([]);
    expect(covered("I have 3 children and 2 dogs")).toEqual([]);
    expect(covered("in 2024 I paid 1500 pounds")).toEqual([]);
  });

  it("card words nearer than order words win", () => {
    expect(covered("for the order my card is 4111 1111 1111 1111").map((c) => c.kind)).toEqual(["card_number"]);
  });

  it("splits a card number followed by its security code", () => {
    expect(covered("4111 1111 1111 1111 737")).toEqual([
      { kind: "card_number", words: "4111 1111 1111 1111" },
      { kind: "security_code", words: "737" },
    ]);
  });
});

describe("findRedactionSpans: security codes and expiry dates", () => {
  it("finds a security code after its cue, in the segment or in the context before it", () => {
    expect(covered("the cvv is seven three seven")).toEqual([{ kind: "security_code", words: "seven three seven" }]);
    expect(covered("7.3.7", "and the security code on the back?")).toEqual([{ kind: "security_code", words: "7.3.7" }]);
    expect(covered("it's 4 2 1 9", "the last four digits on the back please")).toEqual([{ kind: "security_code", words: "4 2 1 9" }]);
    expect(covered("it's 4 2 1 9", "the amount is")).toEqual([]);
    expect(covered("seven three seven", "the code is")).toEqual([]);
  });

  it("finds an expiry date after expiry words, as digits or a month and year", () => {
    expect(covered("it expires oh four twenty seven")).toEqual([{ kind: "expiry", words: "oh four twenty seven" }]);
    expect(covered("expiry 04/27")).toEqual([{ kind: "expiry", words: "04/27" }]);
    expect(covered("valid until April twenty seven")).toEqual([{ kind: "expiry", words: "April twenty seven" }]);
    expect(covered("I came in April twenty seven")).toEqual([]);
  });

  it("the nearer cue decides between a security code and an expiry date", () => {
    expect(covered("expiry is 0427 and the cvv 737").map((c) => c.kind)).toEqual(["expiry", "security_code"]);
  });

  it("finds nothing of a kind the policy turns off", () => {
    const off: RedactionPolicy = { ...DEFAULT_REDACTION_POLICY, kinds: { card_number: false, security_code: true, expiry: true } };
    expect(spans("4111 1111 1111 1111 and the cvv 737", "", off).map((x) => x.kind)).toEqual(["security_code"]);
  });
});
