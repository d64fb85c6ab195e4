import { describe, expect, it } from "vitest";
import { silentSpans, skipTarget } from "@/components/calls/silence-spans";
import { flattenWords, wordIndexAt } from "@/components/calls/word-at-time";
import { momentHref, parseMoment, stepRate } from "@/components/calls/moment-link";

describe("silentSpans", () => {
  // 10 peaks per second: each peak is 100 ms.
  it("finds spans where both channels stay quiet for at least the minimum", () => {
    const agent = [0.5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.4, 0, 0, 0, 0.3];
    const caller = [0, 0, 0, 0, 0.6, 0, 0, 0, 0, 0, 0, 0, 0, 0.01, 0, 0];
    // Quiet in both from peak 5 to 11 (600 ms); the agent is silent at 1-4 but the caller speaks at 4.
    expect(silentSpans([agent, caller], 10, { minMs: 500 })).toEqual([{ startMs: 500, endMs: 1_100 }]);
    // 12-14 is 300 ms of quiet (0.01 is under the threshold): under a 300 ms minimum it counts too.
    expect(silentSpans([agent, caller], 10, { minMs: 300 })).toEqual([
      { startMs: 100, endMs: 400 },
      { startMs: 500, endMs: 1_100 },
      { startMs: 1_200, endMs: 1_500 },
    ]);
  });

  it("counts negative peaks by their size and closes a span that runs to the end", () => {
    expect(silentSpans([[-0.5, -0.01, 0.01, 0, 0]], 10, { minMs: 200 })).toEqual([{ startMs: 100, endMs: 500 }]);
  });
});

describe("skipTarget", () => {
  const spans = [
    { startMs: 1_000, endMs: 4_000 },
    { startMs: 10_000, endMs: 12_000 },
  ];
  it("jumps from inside a span to just before its end, and nowhere outside", () => {
    expect(skipTarget(spans, 1_000)).toBe(3_750);
    expect(skipTarget(spans, 11_000)).toBe(11_750);
    expect(skipTarget(spans, 11_800)).toBeNull();
    expect(skipTarget(spans, 500)).toBeNull();
    expect(skipTarget(spans, 4_000)).toBeNull();
  });
});

describe("wordIndexAt", () => {
  const words = flattenWords([
    {
      words: [
        { s: 0, e: 200 },
        { s: 300, e: 500 },
      ],
    },
    { words: [{ s: 400, e: 900 }] },
  ]);
  it("is the word whose start <= t < end, the latest started when speakers overlap, -1 between words", () => {
    expect([0, 199, 200, 250, 300, 399, 450, 600, 899, 900].map((t) => wordIndexAt(words, t))).toEqual([0, 0, -1, -1, 1, 1, 2, 2, 2, -1]);
    expect(words[2]).toEqual({ s: 400, e: 900, segment: 1, word: 0 });
  });
});

describe("moment links", () => {
  it("round-trips seconds to the millisecond and refuses junk", () => {
    expect(momentHref("c 1", "rec-1", 12_345)).toBe("/calls/c%201?recording=rec-1&t=12.345");
    expect(parseMoment("12.345")).toBe(12_345);
    expect(parseMoment("12.3")).toBe(12_300);
    expect([parseMoment("-1"), parseMoment("1e3"), parseMoment(""), parseMoment(null)]).toEqual([null, null, null, null]);
  });
  it("steps speeds within 0.5x to 2x", () => {
    expect([stepRate(1, 1), stepRate(2, 1), stepRate(0.5, -1), stepRate(1.25, -1)]).toEqual([1.25, 2, 0.5, 1]);
  });
});
