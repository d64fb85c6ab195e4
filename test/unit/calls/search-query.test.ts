import { describe, expect, it } from "vitest";
import { findPhrase, parseSearchQuery } from "@/lib/transcripts/search-query";
import { InvalidInput } from "@/lib/errors/domain-errors";

describe("parseSearchQuery", () => {
  it("lower-cases, drops punctuation and pads the phrase", () => {
    expect(parseSearchQuery("  Card, NUMBER ")).toMatchObject({ words: ["card", "number"], tokens: ["card", "number"] });
  });

  it("checks every distinct word against the token index, non-ASCII words included", () => {
    expect(parseSearchQuery("Müller account müller")).toMatchObject({ words: ["müller", "account", "müller"], tokens: ["müller", "account"] });
  });

  // The stored side, written here from the rule in the migration's words (not with the module's own normaliser):
  // lower case, every run of non-letters-or-digits one space, a space at each end.
  const stored = (text: string) =>
    ` ${text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      .trim()} `;
  const matches = (q: string, text: string) => stored(text).includes(parseSearchQuery(q).phrase);
  it("matches the phrase's words in order through case and punctuation, whole words only", () => {
    expect(matches("card number", "My Card, number is")).toBe(true);
    expect(matches("card number", "card-number")).toBe(true);
    expect(matches("card number", "my card’s number")).toBe(false);
    expect(matches("card", "the card’s number")).toBe(true);
    expect(matches("card number", "card\u00a0number")).toBe(true);
    expect(matches("card number", "card—number")).toBe(true);
    expect(matches("CARD NUMBER", "card number")).toBe(true);
    expect(matches("card number", "number card")).toBe(false);
    expect(matches("card number", "card and number")).toBe(false);
    expect(matches("card number", "cardnumber")).toBe(false);
    expect(matches("card", "discard it")).toBe(false);
    expect(matches("card", "scorecard")).toBe(false);
    expect(matches("müller", "Herr MÜLLER!")).toBe(true);
  });

  it.each([
    ["", /enter a word/],
    ["   ", /enter a word/],
    ["?!", /at least one letter/],
    ["x".repeat(201), /at most 200 characters/],
    [Array.from({ length: 13 }, () => "a").join(" "), /at most 12 words/],
  ])("refuses %j with a 400 that says why", (q, message) => {
    expect(() => parseSearchQuery(q)).toThrow(InvalidInput);
    expect(() => parseSearchQuery(q)).toThrow(message);
  });
});

describe("findPhrase", () => {
  it("finds the words in order, through punctuation and case", () => {
    expect(findPhrase(["My", "Card,", "number", "is"], ["card", "number"])).toEqual({ first: 1, last: 2 });
  });
  it("maps a word that normalises to two back to its index", () => {
    expect(findPhrase(["I", "don't", "know"], ["don", "t", "know"])).toEqual({ first: 1, last: 2 });
  });
  it("is null when the words are not adjacent", () => {
    expect(findPhrase(["card", "and", "number"], ["card", "number"])).toBeNull();
  });
});

describe("the search page's outcome list", () => {
  it("is the queue exit reasons the endpoint accepts", async () => {
    const { SEARCH_OUTCOMES } = await import("@/lib/transcripts/search-transcripts");
    const { SEARCH_OUTCOME_CHOICES } = await import("@/components/search/search-view");
    expect(SEARCH_OUTCOME_CHOICES).toEqual(SEARCH_OUTCOMES);
  });
});
