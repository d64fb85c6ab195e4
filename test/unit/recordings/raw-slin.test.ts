import { describe, expect, it } from "vitest";
import { decodeSlin, isRawSlinName } from "@/lib/recordings/import/raw-slin";

const le16 = (xs: number[]) => Uint8Array.from(xs.flatMap((x) => [x & 0xff, (x >> 8) & 0xff]));

describe("headerless signed linear (Asterisk .raw / .sln)", () => {
  it("reads MixMonitor's D option as two channels, read then sent, at 8 kHz; drops a partial last frame", () => {
    const d = decodeSlin(Uint8Array.from([...le16([100, -100, 200, -200, 32767, -32768]), 0x01, 0x02, 0x03]), 2);
    expect(d.sampleRate).toBe(8000);
    expect(d.channels.map((c) => [...c])).toEqual([
      [100, 200, 32767],
      [-100, -200, -32768],
    ]);
  });
  it("reads a mono leg", () => {
    expect([...decodeSlin(le16([1, 2, 3]), 1).channels[0]!]).toEqual([1, 2, 3]);
  });
  it("knows the names", () => {
    expect(["a.raw", "a.SLN", "a.slin"].map(isRawSlinName)).toEqual([true, true, true]);
    expect(["a.wav", "a.raw.wav", "raw"].map(isRawSlinName)).toEqual([false, false, false]);
  });
});
