import { describe, expect, it } from "vitest";
import type { CtiEvent } from "@/lib/events";
import { pauseSpans } from "@/lib/recordings/media/pause-spans";
import { silenceSpans } from "@/lib/recordings/media/silence";

const ones = (n: number) => new Int16Array(n).fill(1000);

describe("silencing spans", () => {
  it("zeroes a span on every channel, or on one, and leaves the input as it was", () => {
    // 1 kHz: one sample per ms.
    const input = [ones(100), ones(100)];
    const out = silenceSpans({ sampleRate: 1000, channels: input }, [
      { channel: null, startMs: 10, endMs: 20 },
      { channel: 1, startMs: 50, endMs: 60 },
    ]);
    const zeroes = (a: Int16Array) => [...a.keys()].filter((i) => a[i] === 0);
    expect(zeroes(out[0]!)).toEqual(range(10, 20));
    expect(zeroes(out[1]!)).toEqual([...range(10, 20), ...range(50, 60)]);
    expect(zeroes(input[0]!)).toEqual([]);
  });
  it("cuts spans at the end and ignores empty ones", () => {
    const out = silenceSpans({ sampleRate: 1000, channels: [ones(100)] }, [
      { channel: null, startMs: 95, endMs: 500 },
      { channel: null, startMs: 30, endMs: 30 },
    ]);
    expect([...out[0]!.keys()].filter((i) => out[0]![i] === 0)).toEqual(range(95, 100));
  });
});

describe("a recording's paused spans", () => {
  const t0 = 1_700_000_000_000;
  const ev = (type: "recording.paused" | "recording.resumed", at: number, recordingId = "rec-1") =>
    ({ specVersion: "1.0", id: `${type}-${at}`, source: "sim", tenantId: "t", callId: "c", time: t0 + at, type, data: { recordingId } }) as CtiEvent;
  it("pair each pause with the next resume, ms from the start, on all channels", () => {
    const spans = pauseSpans(
      [ev("recording.resumed", 40_000), ev("recording.paused", 30_000), ev("recording.paused", 70_000), ev("recording.resumed", 75_000)],
      "rec-1",
      t0,
      90_000,
    );
    expect(spans).toEqual([
      { channel: null, startMs: 30_000, endMs: 40_000 },
      { channel: null, startMs: 70_000, endMs: 75_000 },
    ]);
  });
  it("run a pause never resumed to the end, ignore repeats and other recordings", () => {
    const spans = pauseSpans(
      [ev("recording.resumed", 5_000), ev("recording.paused", 10_000), ev("recording.paused", 12_000), ev("recording.paused", 1_000, "rec-2")],
      "rec-1",
      t0,
      60_000,
    );
    expect(spans).toEqual([{ channel: null, startMs: 10_000, endMs: 60_000 }]);
  });
});

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}
