import { describe, expect, it } from "vitest";
import { silencePcm } from "@/lib/redaction/silence-pcm";
import { mergeAudioRedactions } from "@/lib/redaction/spans-for-recording";

const RATE = 8000;
const tone = (seconds: number) => Int16Array.from({ length: seconds * RATE }, (_, i) => Math.round(10_000 * Math.sin((2 * Math.PI * 440 * i) / RATE)));
const peak = (pcm: Int16Array, fromS: number, toS: number) =>
  pcm.subarray(Math.round(fromS * RATE), Math.round(toS * RATE)).reduce((m, v) => Math.max(m, Math.abs(v)), 0);

describe("silencePcm", () => {
  it("silences the range on its channel only, ramps at the edges, and leaves the input as it was", () => {
    const agent = tone(3);
    const caller = tone(3);
    const [a, c] = silencePcm([agent, caller], RATE, [{ channel: 1, startMs: 1000, endMs: 2000, kind: "card_number" }]);
    expect(peak(c as Int16Array, 1, 2)).toBe(0);
    expect(peak(c as Int16Array, 0, 0.99)).toBeGreaterThan(9_000);
    expect(peak(c as Int16Array, 2.01, 3)).toBeGreaterThan(9_000);
    expect(a).toEqual(agent);
    expect(peak(caller, 1, 2)).toBeGreaterThan(9_000);
    // The 5 ms before the cut fade: quieter than the tone's peak next to the cut, never louder.
    const edge = (c as Int16Array).subarray(RATE - 40, RATE);
    for (let i = 0; i < edge.length; i++) expect(Math.abs(edge[i] as number)).toBeLessThanOrEqual(Math.abs(caller[RATE - 40 + i] as number));
  });

  it("silences a range of no known channel (null) on every channel", () => {
    const [a, c] = silencePcm([tone(3), tone(3)], RATE, [{ channel: null, startMs: 1000, endMs: 2000, kind: "card_number" }]);
    for (const pcm of [a, c]) {
      expect(peak(pcm as Int16Array, 1, 2)).toBe(0);
      expect(peak(pcm as Int16Array, 2.01, 3)).toBeGreaterThan(9_000);
    }
  });

  it("cuts ranges past the end and ignores channels the audio does not have", () => {
    const [c] = silencePcm([tone(1)], RATE, [
      { channel: 0, startMs: 900, endMs: 5000, kind: "card_number" },
      { channel: 3, startMs: 0, endMs: 1000, kind: "expiry" },
    ]);
    expect(c).toHaveLength(RATE);
    expect(peak(c as Int16Array, 0.9, 1)).toBe(0);
  });
});

describe("mergeAudioRedactions", () => {
  it("merges overlapping ranges of one channel, keeps channels apart, and sorts", () => {
    expect(
      mergeAudioRedactions([
        { channel: 1, startMs: 5000, endMs: 6000, kind: "security_code" },
        { channel: 1, startMs: 1000, endMs: 3000, kind: "card_number" },
        { channel: 1, startMs: 2500, endMs: 4000, kind: "card_number" },
        { channel: 0, startMs: 1500, endMs: 2000, kind: "expiry" },
      ]),
    ).toEqual([
      { channel: 0, startMs: 1500, endMs: 2000, kind: "expiry" },
      { channel: 1, startMs: 1000, endMs: 4000, kind: "card_number" },
      { channel: 1, startMs: 5000, endMs: 6000, kind: "security_code" },
    ]);
  });

  it("keeps every-channel ranges (null) apart from channel 0's, first, merged among themselves", () => {
    expect(
      mergeAudioRedactions([
        { channel: 0, startMs: 1000, endMs: 2000, kind: "expiry" },
        { channel: null, startMs: 1500, endMs: 3000, kind: "card_number" },
        { channel: null, startMs: 2500, endMs: 3500, kind: "card_number" },
      ]),
    ).toEqual([
      { channel: null, startMs: 1500, endMs: 3500, kind: "card_number" },
      { channel: 0, startMs: 1000, endMs: 2000, kind: "expiry" },
    ]);
  });
});
