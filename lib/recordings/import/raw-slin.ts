import type { DecodedWav } from "./wav";

/** Asterisk's `.raw`/`.sln`/`.slin` format: headerless 16-bit signed linear, little-endian, 8 kHz (format_sln). */
export const SLIN_RATE = 8000;

export const isRawSlinName = (file: string): boolean => /\.(raw|sln|slin)$/i.test(file);

/**
 * A headerless signed-linear file as channels: 2 for MixMonitor's D option (frames of what the
 * channel read, then what it sent, interleaved sample by sample), 1 for a plain `.raw` leg. A
 * trailing partial frame (a file cut mid-write) is dropped.
 */
export function decodeSlin(bytes: Uint8Array, channels: 1 | 2): DecodedWav {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const frames = Math.floor(bytes.length / (2 * channels));
  const out = Array.from({ length: channels }, () => new Int16Array(frames));
  for (let f = 0; f < frames; f++) {
    for (let c = 0; c < channels; c++) (out[c] as Int16Array)[f] = view.getInt16((f * channels + c) * 2, true);
  }
  return { sampleRate: SLIN_RATE, channels: out, encoding: "pcm16" };
}
