import { describe, expect, it } from "vitest";
import { holdMusicSample } from "@/lib/recordings/simulated/hold-music";
import { mixScript } from "@/lib/recordings/simulated/mixer";
import type { CallScript, Utterance } from "@/lib/recordings/simulated/script";
import type { RecordingTimeline } from "@/lib/recordings/simulated/timeline";

/** A known phrase: 0.25 s of loud pseudo-random noise, so a correlation peak is sharp. */
const phrase = (() => {
  const out = new Int16Array(4_000);
  let s = 7;
  for (let i = 0; i < out.length; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    out[i] = ((s >>> 16) % 20_000) - 10_000;
  }
  return out;
})();

function utterance(at: number, channel: 0 | 1, speed = 1): Utterance {
  return { turn: 0, speaker: channel === 0 ? "agent" : "caller", channel, key: "noise", at, speed, durationMs: Math.ceil(phrase.length / speed / 16), words: [] };
}

function script(utterances: Utterance[]): CallScript {
  return { recordingId: "rec-test", agent: { voice: "a", speed: 1 }, caller: { voice: "b", speed: 1 }, topic: "t", payment: "none", utterances };
}

function timeline(durationMs: number, holds: RecordingTimeline["holds"] = [], pauses: RecordingTimeline["pauses"] = []): RecordingTimeline {
  return { recordingId: "rec-test", agentId: "a1", durationMs, holds, pauses, ending: "release" };
}

function rms(x: Int16Array, fromMs: number, toMs: number): number {
  let sum = 0;
  for (let i = fromMs * 16; i < toMs * 16; i++) sum += (x[i] as number) ** 2;
  return Math.sqrt(sum / ((toMs - fromMs) * 16));
}

/** Where `needle` sits in `hay`: the lag of the largest cross-correlation, searched over every lag. */
function locate(hay: Int16Array, needle: Int16Array): number {
  let best = -Infinity;
  let lag = -1;
  for (let l = 0; l + needle.length <= hay.length; l++) {
    let dot = 0;
    for (let i = 0; i < needle.length; i += 4) dot += (hay[l + i] as number) * (needle[i] as number);
    if (dot > best) {
      best = dot;
      lag = l;
    }
  }
  return lag;
}

describe("the simulated-call mixer", () => {
  it("puts a phrase at its exact sample on its speaker's channel only", () => {
    const [agent, caller] = mixScript({ timeline: timeline(3_000), script: script([utterance(1_234, 0)]), pcm: () => phrase });
    expect(agent).toHaveLength(3_000 * 16);
    expect(locate(agent as Int16Array, phrase)).toBe(1_234 * 16);
    expect(rms(caller as Int16Array, 1_234, 1_484)).toBeLessThan(100);
    expect(rms(agent as Int16Array, 1_234, 1_484)).toBeGreaterThan(3_000);
  });

  it("plays a phrase faster or slower from the same first sample, as long as the speed says", () => {
    for (const speed of [0.93, 1.07]) {
      const [, caller] = mixScript({ timeline: timeline(3_000), script: script([utterance(500, 1, speed)]), pcm: () => phrase });
      const c = caller as Int16Array;
      // The resampled phrase, computed here the plain way: output j reads input j × speed.
      const expected = Int16Array.from({ length: Math.floor(phrase.length / speed) }, (_, j) => {
        const x = j * speed;
        const i = Math.floor(x);
        const a = phrase[i] as number;
        const b = phrase[i + 1] ?? a;
        return Math.round(a + (b - a) * (x - i));
      });
      expect(locate(c, expected)).toBe(500 * 16);
      const end = 500 * 16 + expected.length;
      expect(Math.abs((c[end - 1] as number) - (expected[expected.length - 1] as number))).toBeLessThan(200);
      expect(Math.max(...Array.from(c.subarray(end + 1, end + 400), Math.abs))).toBeLessThan(200);
    }
  });

  it("plays hold music on the caller's channel during a hold and only then; the agent's side stays quiet", () => {
    const [agent, caller] = mixScript({ timeline: timeline(10_000, [{ start: 3_000, end: 6_000 }]), script: script([]), pcm: () => phrase });
    expect(rms(caller as Int16Array, 3_000, 6_000)).toBeGreaterThan(1_000);
    expect(rms(caller as Int16Array, 0, 2_990)).toBeLessThan(100);
    expect(rms(caller as Int16Array, 6_010, 10_000)).toBeLessThan(100);
    expect(rms(agent as Int16Array, 3_000, 6_000)).toBeLessThan(100);
    // It is the music itself, from the hold's first sample.
    const c = caller as Int16Array;
    expect(Math.abs((c[3_000 * 16 + 4_000] as number) - Math.round(holdMusicSample(4_000) * 32767))).toBeLessThan(150);
  });

  it("a recording pause is digital silence on both channels, even over speech or music; elsewhere the line hisses", () => {
    const [agent, caller] = mixScript({
      timeline: timeline(10_000, [{ start: 1_000, end: 3_000 }], [{ start: 5_000, end: 7_000 }]),
      script: script([utterance(4_900, 0), utterance(6_900, 1)]),
      pcm: () => phrase,
    });
    for (const ch of [agent, caller] as Int16Array[]) {
      expect(ch.subarray(5_000 * 16, 7_000 * 16).every((v) => v === 0)).toBe(true);
      expect(ch.subarray(7_300 * 16, 10_000 * 16).some((v) => v !== 0)).toBe(true);
    }
    expect(rms(agent as Int16Array, 4_900, 5_000)).toBeGreaterThan(3_000);
  });

  it("gives the same samples for the same script", () => {
    const input = { timeline: timeline(4_000, [{ start: 2_000, end: 3_000 }]), script: script([utterance(100, 0), utterance(3_100, 1, 1.04)]), pcm: () => phrase };
    const [a, b] = [mixScript(input), mixScript(input)];
    for (const ch of [0, 1]) expect(Buffer.from((a[ch] as Int16Array).buffer).equals(Buffer.from((b[ch] as Int16Array).buffer))).toBe(true);
  });
});
