import fs from "node:fs";
import path from "node:path";

/**
 * Readers of what the lab wrote, for the test's expectations: written here, apart from the product's
 * importers, so the test does not grade the importers with themselves.
 */

/** One queue_log line: `epoch|callid|queue|agent|event|data...` (Asterisk's own format). */
export type QueueLogLine = { epoch: number; callId: string; queue: string; agent: string; event: string; data: string[] };

export function readQueueLog(text: string): QueueLogLine[] {
  return text
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => {
      const [epoch, callId, queue, agent, event, ...data] = l.split("|");
      return { epoch: Number(epoch), callId: callId ?? "", queue: queue ?? "", agent: agent ?? "", event: event ?? "", data };
    });
}

/** A WAV file's facts from its RIFF header alone: channels, rate, and the length its data chunk says. */
export type WavFacts = { channels: number; rate: number; durationMs: number; finished: boolean };

export function wavFacts(bytes: Buffer): WavFacts {
  if (bytes.toString("latin1", 0, 4) !== "RIFF" || bytes.toString("latin1", 8, 12) !== "WAVE") throw new Error("not a WAV file");
  let channels = 0;
  let rate = 0;
  let blockAlign = 0;
  for (let at = 12; at + 8 <= bytes.length;) {
    const id = bytes.toString("latin1", at, at + 4);
    const size = bytes.readUInt32LE(at + 4);
    if (id === "fmt ") {
      channels = bytes.readUInt16LE(at + 10);
      rate = bytes.readUInt32LE(at + 12);
      blockAlign = bytes.readUInt16LE(at + 20);
    }
    if (id === "data") return { channels, rate, durationMs: (size / blockAlign / rate) * 1000, finished: bytes.readUInt32LE(4) !== 0 };
    at += 8 + size + (size % 2);
  }
  throw new Error("WAV file without a data chunk");
}

/** Every file under `dir`, relative to it. */
export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

/**
 * The dominant frequency of a channel, from the spacing of its zero crossings: the mean spacing of those
 * near the median, so silence (before a party's tone starts, a padded leg, a gap under load) counts for nothing.
 */
export function pitch(samples: Int16Array, rate: number): number {
  const crossings: number[] = [];
  for (let i = 1; i < samples.length; i++) if ((samples[i - 1] as number) < 0 !== (samples[i] as number) < 0) crossings.push(i);
  const gaps = crossings.slice(1).map((c, i) => c - (crossings[i] as number));
  const median = [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length / 2)] ?? 0;
  const near = gaps.filter((g) => g >= median / 2 && g <= median * 2);
  const halfPeriod = near.reduce((a, b) => a + b, 0) / near.length;
  return rate / (2 * halfPeriod);
}

/** A mono 16-bit WAV's samples and rate (MixMonitor's .wav legs), read from the RIFF chunks. */
export function wavSamples(bytes: Buffer): { rate: number; samples: Int16Array } {
  const facts = wavFacts(bytes);
  for (let at = 12; at + 8 <= bytes.length;) {
    const id = bytes.toString("latin1", at, at + 4);
    const size = bytes.readUInt32LE(at + 4);
    if (id === "data") {
      const end = Math.min(bytes.length, at + 8 + size);
      const samples = new Int16Array(Math.floor((end - at - 8) / 2));
      for (let i = 0; i < samples.length; i++) samples[i] = bytes.readInt16LE(at + 8 + i * 2);
      return { rate: facts.rate, samples };
    }
    at += 8 + size + (size % 2);
  }
  throw new Error("WAV file without a data chunk");
}

/**
 * The power of one frequency in the samples (Goertzel), per sample: how much of a tone is there.
 * Hann-windowed, so a loud tone elsewhere does not leak into the frequency asked about.
 */
export function tonePower(samples: ArrayLike<number>, rate: number, hz: number): number {
  const k = 2 * Math.cos((2 * Math.PI * hz) / rate);
  const n = samples.length;
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const w = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / Math.max(1, n - 1));
    const s0 = (samples[i] as number) * w + k * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  return (s1 * s1 + s2 * s2 - k * s1 * s2) / Math.max(1, samples.length);
}
