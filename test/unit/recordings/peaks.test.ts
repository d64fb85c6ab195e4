import { describe, expect, it } from "vitest";
import { computePeaks } from "@/lib/recordings/media/peaks";

describe("peaks", () => {
  it("are the loudest sample of each 20 ms per channel over 32768, three decimals, the last window short", () => {
    // 8 kHz: a window is 160 samples. 400 samples = two whole windows and a half one; duration 50 ms.
    const agent = new Int16Array(400);
    agent[10] = 16384; // window 0: 0.5
    agent[159] = -32768; // still window 0: |x| = 1, the loudest
    agent[160] = 100; // window 1: 100/32768 = 0.00305 -> 0.003
    agent[399] = -3277; // window 2 (short): 0.10000610 -> 0.1
    const caller = new Int16Array(400);
    caller[200] = 24576; // window 1: 0.75
    const p = computePeaks({ sampleRate: 8000, channels: [agent, caller], channelRoles: ["agent", "caller"] });
    expect(p).toEqual({
      durationMs: 50,
      peaksPerSecond: 50,
      channels: [
        { role: "agent", peaks: [1, 0.003, 0.1] },
        { role: "caller", peaks: [0, 0.75, 0] },
      ],
    });
  });
  it("are empty for no audio", () => {
    expect(computePeaks({ sampleRate: 48000, channels: [new Int16Array(0)], channelRoles: ["mixed"] })).toEqual({
      durationMs: 0,
      peaksPerSecond: 50,
      channels: [{ role: "mixed", peaks: [] }],
    });
  });
});
