import { describe, expect, it } from "vitest";
import { opusRateFor, resample } from "@/lib/recordings/media/resample";

const tone = (hz: number, rate: number, n: number, amp = 10000) => Int16Array.from({ length: n }, (_, i) => Math.round(amp * Math.sin((2 * Math.PI * hz * i) / rate)));

/** The tone's amplitude at `hz` by correlation with sine and cosine (a one-bin DFT), away from the edges. */
function amplitudeAt(x: Int16Array, rate: number, hz: number): number {
  let s = 0;
  let c = 0;
  const from = Math.floor(x.length / 10);
  const to = x.length - from;
  for (let i = from; i < to; i++) {
    s += (x[i] as number) * Math.sin((2 * Math.PI * hz * i) / rate);
    c += (x[i] as number) * Math.cos((2 * Math.PI * hz * i) / rate);
  }
  return (2 * Math.hypot(s, c)) / (to - from);
}

describe("resampling", () => {
  it("encodes at the lowest Opus rate at or above the file's", () => {
    expect([8000, 11025, 16000, 22050, 32000, 44100, 48000, 96000].map(opusRateFor)).toEqual([8000, 12000, 16000, 24000, 48000, 48000, 48000, 48000]);
  });
  it("keeps the same array at the same rate", () => {
    const x = tone(440, 8000, 100);
    expect(resample(x, 8000, 8000)).toBe(x);
  });
  it("44.1 kHz to 48 kHz keeps a 1 kHz tone's pitch, level and length", () => {
    const y = resample(tone(1000, 44100, 44100), 44100, 48000);
    expect(y.length).toBe(48000);
    expect(amplitudeAt(y, 48000, 1000)).toBeGreaterThan(9800);
    expect(amplitudeAt(y, 48000, 1000)).toBeLessThan(10200);
    // Nothing at the pitch the tone would have if the rate were misread (1000 * 48000 / 44100).
    expect(amplitudeAt(y, 48000, 1088)).toBeLessThan(300);
  });
  it("96 kHz down to 48 kHz removes a tone above the new Nyquist frequency instead of folding it back", () => {
    const y = resample(tone(30000, 96000, 96000), 96000, 48000);
    expect(y.length).toBe(48000);
    // 30 kHz would alias to 18 kHz at 48 kHz.
    expect(amplitudeAt(y, 48000, 18000)).toBeLessThan(500);
    const kept = resample(tone(3000, 96000, 96000), 96000, 48000);
    expect(amplitudeAt(kept, 48000, 3000)).toBeGreaterThan(9500);
  });
});
