import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { NORM_SHINGLES_SQL, phraseShingles } from "@/lib/transcripts/search-shingles";
import { parseSearchQuery } from "@/lib/transcripts/search-query";

describe("phrase shingles", () => {
  it("are the phrase's glued triples from three words, its pair for two, nothing for one", () => {
    expect(phraseShingles(["number", "thank", "card", "birth"])).toEqual(["numberthankcard", "thankcardbirth"]);
    expect(phraseShingles(["read", "the", "card"])).toEqual(["readthecard"]);
    expect(phraseShingles(["card", "number"])).toEqual(["cardnumber"]);
    expect(phraseShingles(["card"])).toEqual([]);
    // A repeated triple is checked once.
    expect(phraseShingles(["no", "no", "no", "no"])).toEqual(["nonono"]);
  });

  it("come from the normalised words, as the index's come from norm_text", () => {
    expect(parseSearchQuery("Date-of-Birth, please").shingles).toEqual(["dateofbirth", "ofbirthplease"]);
    expect(parseSearchQuery("Müller’s account").shingles).toEqual(["müllersaccount"]);
  });

  it("name the index's expression exactly as migration 0032 creates it (the store matches the text)", () => {
    const sql = fs.readFileSync(path.join(import.meta.dirname, "../../../sql/migrations/0032_transcript_search_shingles.sql"), "utf8");
    const declared = /ADD INDEX IF NOT EXISTS norm_shingles (.*) TYPE tokenbf_v1/.exec(sql)?.[1];
    expect(declared).toBe(NORM_SHINGLES_SQL);
  });
});
