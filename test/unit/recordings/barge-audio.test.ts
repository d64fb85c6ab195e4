import { describe, expect, it } from "vitest";
import { BargeAudio, mixBarge } from "@/lib/recordings/simulated/barge-audio";

/** The barge store behind simulated recordings: bounded per recording and overall, oldest out first; mixed in clipped, never into a pause. */

const span = (atMs: number, n: number, value = 1000) => ({ atMs, samples: new Int16Array(n).fill(value) });

describe("barge audio", () => {
  it("keeps each recording's spans up to its limit, and drops the oldest recordings past the overall limit", () => {
    const store = new BargeAudio(100, 250);
    store.add("r1", span(0, 60));
    store.add("r1", span(20, 60)); // 120 > 100: refused
    expect(store.of("r1").map((s) => s.atMs)).toEqual([0]);
    store.add("r2", span(0, 100));
    store.add("r3", span(0, 100)); // 260 > 250: r1, the oldest, goes
    expect([store.of("r1").length, store.of("r2").length, store.of("r3").length]).toEqual([0, 1, 1]);
    expect(store.of("nope")).toEqual([]);
  });

  it("mixes spans into a channel at their times, clipped to PCM16, leaving recording pauses silent", () => {
    const channel = new Int16Array(100).fill(100);
    // 1 sample per ms for readability: span at 10 ms of 20 samples, a pause from 15 to 20 ms.
    mixBarge(channel, [span(10, 20, 32_700)], 1, [{ start: 15, end: 20 }]);
    expect(channel[9]).toBe(100);
    expect(channel[10]).toBe(32_767);
    expect(channel.slice(15, 20)).toEqual(new Int16Array(5).fill(100));
    expect(channel[20]).toBe(32_767);
    expect(channel[30]).toBe(100);
  });
});
