import OpusScript from "opusscript";
import type { OpusRate } from "@/lib/recordings/webm-opus";

/**
 * Reads back a file encodeWebmOpus wrote, to PCM: redaction silences spans of a
 * recording already stored, so the product must decode its own files. Only what
 * that writer produces is read (EBML elements of known size, SimpleBlocks in
 * Clusters, one audio track), which keeps this a page of code rather than a
 * general WebM demuxer.
 */
const SEGMENT = 0x18538067;
const CLUSTER = 0x1f43b675;
const SIMPLE_BLOCK = 0xa3;
const CLUSTER_TIMECODE = 0xe7;

type Element = { id: number; start: number; dataStart: number; end: number };

function vint(bytes: Uint8Array, at: number, keepMarker: boolean): { value: number; length: number } {
  const first = bytes[at] as number;
  let length = 1;
  while (length <= 8 && !(first & (0x80 >> (length - 1)))) length++;
  if (length > 8) throw new Error("webm: bad element header");
  let value = keepMarker ? first : first & (0xff >> length);
  for (let i = 1; i < length; i++) value = value * 256 + (bytes[at + i] as number);
  return { value, length };
}

function children(bytes: Uint8Array, from: number, to: number): Element[] {
  const out: Element[] = [];
  for (let at = from; at < to;) {
    const id = vint(bytes, at, true);
    const size = vint(bytes, at + id.length, false);
    const dataStart = at + id.length + size.length;
    const end = Math.min(to, dataStart + size.value);
    out.push({ id: id.value, start: at, dataStart, end });
    at = end;
  }
  return out;
}

/** Where each cluster starts (byte offset in the file) and its time: what a seek's range read lands on. */
export function webmClusters(bytes: Uint8Array): { offset: number; timeMs: number }[] {
  const segment = children(bytes, 0, bytes.length).find((e) => e.id === SEGMENT);
  if (!segment) throw new Error("webm: no segment");
  return children(bytes, segment.dataStart, segment.end)
    .filter((e) => e.id === CLUSTER)
    .map((cluster) => {
      const timecode = children(bytes, cluster.dataStart, cluster.end).find((e) => e.id === CLUSTER_TIMECODE);
      const timeMs = timecode ? bytes.subarray(timecode.dataStart, timecode.end).reduce((n, b) => n * 256 + b, 0) : 0;
      return { offset: cluster.start, timeMs };
    });
}

/** Every Opus packet of the file, in order. */
export function webmOpusPackets(bytes: Uint8Array): Uint8Array[] {
  const segment = children(bytes, 0, bytes.length).find((e) => e.id === SEGMENT);
  if (!segment) throw new Error("webm: no segment");
  const packets: Uint8Array[] = [];
  for (const cluster of children(bytes, segment.dataStart, segment.end).filter((e) => e.id === CLUSTER)) {
    for (const block of children(bytes, cluster.dataStart, cluster.end).filter((e) => e.id === SIMPLE_BLOCK)) {
      const track = vint(bytes, block.dataStart, false);
      // Track number, 16-bit relative time, one flags byte, then the frame.
      packets.push(bytes.subarray(block.dataStart + track.length + 3, block.end));
    }
  }
  return packets;
}

/** The file's audio as PCM, `samples` long per channel (the encoder padded the last frame). */
export function decodeWebmOpus(bytes: Uint8Array, sampleRate: OpusRate, channelCount: number, samples: number): Int16Array[] {
  const channels = Array.from({ length: channelCount }, () => new Int16Array(samples));
  const decoder = new OpusScript(sampleRate, channelCount);
  try {
    let at = 0;
    for (const packet of webmOpusPackets(bytes)) {
      const pcm = new Int16Array(new Uint8Array(decoder.decode(Buffer.from(packet))).buffer);
      const frames = pcm.length / channelCount;
      for (let i = 0; i < frames && at < samples; i++, at++) {
        for (let c = 0; c < channelCount; c++) (channels[c] as Int16Array)[at] = pcm[i * channelCount + c] as number;
      }
    }
  } finally {
    decoder.delete();
  }
  return channels;
}
