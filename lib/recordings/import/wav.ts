import { InvalidInput } from "@/lib/errors/domain-errors";
import { ALAW_TABLE, ULAW_TABLE } from "./g711";

/** A WAV file's audio, one Int16Array per channel. */
export type DecodedWav = { sampleRate: number; channels: Int16Array[]; encoding: "pcm16" | "mulaw" | "alaw" };

const PCM = 1;
const ALAW = 6;
const MULAW = 7;
const EXTENSIBLE = 0xfffe;

/**
 * Decodes a RIFF/WAVE file: 16-bit PCM, G.711 µ-law or A-law (what Asterisk's
 * MixMonitor and FreeSWITCH write), mono or stereo, any rate. A data chunk whose
 * size says more than the file holds (a recorder that never went back to fix the
 * header, or a file still being written) is read to the end of the file, and so is
 * one whose RIFF and data sizes both say 0 while audio follows: Asterisk's
 * format_wav writes 0 sizes when it opens a file and the real ones only when it
 * closes it, so a MixMonitor file still being recorded, or left by an Asterisk that
 * died mid-call, says so. Anything else is an InvalidInput that names what was found.
 */
export function decodeWav(bytes: Uint8Array): DecodedWav {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (bytes.length < 12 || text(0) !== "RIFF" || text(8) !== "WAVE") throw new InvalidInput("audio: not a WAV file (no RIFF/WAVE header)");
  let format: { code: number; channels: number; rate: number; bits: number } | undefined;
  let data: Uint8Array | undefined;
  const riffSize = view.getUint32(4, true);
  for (let at = 12; at + 8 <= bytes.length;) {
    const id = text(at);
    const start = at + 8;
    const unfinished = id === "data" && riffSize === 0 && view.getUint32(at + 4, true) === 0;
    const size = unfinished ? bytes.length - start : view.getUint32(at + 4, true);
    const end = Math.min(bytes.length, start + size);
    if (id === "fmt ") {
      if (size < 16) throw new InvalidInput("audio: WAV fmt chunk too short");
      let code = view.getUint16(start, true);
      // WAVE_FORMAT_EXTENSIBLE names the real format in the first two bytes of its sub-format GUID.
      if (code === EXTENSIBLE && size >= 40) code = view.getUint16(start + 24, true);
      format = { code, channels: view.getUint16(start + 2, true), rate: view.getUint32(start + 4, true), bits: view.getUint16(start + 14, true) };
    } else if (id === "data") {
      data = bytes.subarray(start, end);
      if (format) break;
    }
    at = start + size + (size % 2);
  }
  if (!format) throw new InvalidInput("audio: WAV file without a fmt chunk");
  if (!data) throw new InvalidInput("audio: WAV file without a data chunk");
  const { code, channels: count, rate, bits } = format;
  if (count !== 1 && count !== 2) throw new InvalidInput(`audio: ${count} channels (1 or 2 supported)`);
  if (rate < 4000 || rate > 192000) throw new InvalidInput(`audio: sample rate ${rate} Hz (4000 to 192000 supported)`);
  const encoding = code === PCM && bits === 16 ? "pcm16" : code === MULAW && bits === 8 ? "mulaw" : code === ALAW && bits === 8 ? "alaw" : null;
  if (!encoding) throw new InvalidInput(`audio: WAV format ${code} with ${bits} bits per sample (16-bit PCM, 8-bit mu-law or a-law supported)`);
  const bytesPerSample = encoding === "pcm16" ? 2 : 1;
  const frames = Math.floor(data.length / (bytesPerSample * count));
  const out = Array.from({ length: count }, () => new Int16Array(frames));
  const dataView = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const table = encoding === "mulaw" ? ULAW_TABLE : ALAW_TABLE;
  for (let f = 0; f < frames; f++) {
    for (let c = 0; c < count; c++) {
      const i = f * count + c;
      (out[c] as Int16Array)[f] = encoding === "pcm16" ? dataView.getInt16(i * 2, true) : (table[data[i] as number] as number);
    }
  }
  return { sampleRate: rate, channels: out, encoding };
}

/**
 * A WAV whose RIFF size still says 0: format_wav's placeholder, replaced when the file is closed,
 * so a MixMonitor file still being recorded, with or without audio yet (or left by an Asterisk
 * that died mid-call, which decodeWav reads to its end). A closed file says at least 36.
 */
export function isUnfinishedWav(bytes: Uint8Array): boolean {
  if (bytes.length < 8 || String.fromCharCode(...bytes.subarray(0, 4)) !== "RIFF") return false;
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true) === 0;
}
