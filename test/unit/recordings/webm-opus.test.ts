import OpusScript from "opusscript";
import { describe, expect, it } from "vitest";
import { encodeWebmOpus, type OpusRate } from "@/lib/recordings/webm-opus";

/**
 * The encoder is checked from the outside: the file is taken apart with a reader
 * of the WebM (EBML) format written here, every Opus packet is decoded with libopus,
 * and each channel's tone is measured, so a swapped, dropped or garbled channel, a
 * short file, or a seek index that is behind the audio or points anywhere but at
 * the clusters all fail.
 */
const IDS = {
  ebml: 0x1a45dfa3,
  docType: 0x4282,
  segment: 0x18538067,
  seekHead: 0x114d9b74,
  seek: 0x4dbb,
  seekId: 0x53ab,
  seekPosition: 0x53ac,
  cues: 0x1c53bb6b,
  cuePoint: 0xbb,
  cueTrackPositions: 0xb7,
  cueClusterPosition: 0xf1,
  cluster: 0x1f43b675,
  simpleBlock: 0xa3,
};

const uint = (bytes: Uint8Array, e: Element) => bytes.subarray(e.dataStart, e.end).reduce((n, b) => n * 256 + b, 0);

type Element = { id: number; start: number; dataStart: number; end: number };

function vint(bytes: Uint8Array, at: number, keepMarker: boolean): { value: number; length: number } {
  const first = bytes[at] as number;
  let length = 1;
  while (length <= 8 && !(first & (0x80 >> (length - 1)))) length++;
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
    out.push({ id: id.value, start: at, dataStart, end: dataStart + size.value });
    at = dataStart + size.value;
  }
  return out;
}

function readWebm(bytes: Uint8Array) {
  const top = children(bytes, 0, bytes.length);
  const header = top.find((e) => e.id === IDS.ebml)!;
  const docType = children(bytes, header.dataStart, header.end).find((e) => e.id === IDS.docType)!;
  const segment = top.find((e) => e.id === IDS.segment)!;
  const parts = children(bytes, segment.dataStart, segment.end);
  const packets: Uint8Array[] = [];
  for (const cluster of parts.filter((e) => e.id === IDS.cluster)) {
    for (const block of children(bytes, cluster.dataStart, cluster.end).filter((e) => e.id === IDS.simpleBlock)) {
      const track = vint(bytes, block.dataStart, false);
      // Track number, a 16-bit relative time, one flags byte, then the frame.
      packets.push(bytes.subarray(block.dataStart + track.length + 3, block.end));
    }
  }
  // The seek head at the front says where the cue index is (a position relative to the segment's data).
  const seekHead = parts.find((e) => e.id === IDS.seekHead)!;
  const cuesAt = children(bytes, seekHead.dataStart, seekHead.end)
    .filter((e) => e.id === IDS.seek)
    .map((seek) => children(bytes, seek.dataStart, seek.end))
    .find((fields) => fields.some((f) => f.id === IDS.seekId && uint(bytes, f) === IDS.cues))
    ?.find((f) => f.id === IDS.seekPosition);
  const cues = parts.find((e) => e.id === IDS.cues)!;
  const clusters = parts.filter((e) => e.id === IDS.cluster);
  // Every cue names a cluster by its position: each must land on a cluster's first byte.
  const cuePositions = children(bytes, cues.dataStart, cues.end)
    .filter((e) => e.id === IDS.cuePoint)
    .flatMap((p) => children(bytes, p.dataStart, p.end).filter((e) => e.id === IDS.cueTrackPositions))
    .flatMap((t) => children(bytes, t.dataStart, t.end).filter((e) => e.id === IDS.cueClusterPosition))
    .map((e) => segment.dataStart + uint(bytes, e));
  return {
    docType: new TextDecoder().decode(bytes.subarray(docType.dataStart, docType.end)),
    packets,
    headPointsAtIndex: cuesAt !== undefined && segment.dataStart + uint(bytes, cuesAt) === cues.start,
    indexBeforeAudio: cues.end <= clusters[0]!.start,
    cuesLandOnClusters: cuePositions.length > 0 && cuePositions.every((at) => clusters.some((c) => c.start === at)),
    segmentSizeRight: segment.end === bytes.length,
  };
}

const tone = (hz: number, rate: number, seconds: number) =>
  Int16Array.from({ length: rate * seconds }, (_, i) => Math.round(9000 * Math.sin((2 * Math.PI * hz * i) / rate)));

/** Decodes every packet and returns each channel's dominant frequency, from its zero crossings. */
function measure(packets: Uint8Array[], rate: OpusRate, channels: number): { seconds: number; hz: number[] } {
  const decoder = new OpusScript(rate, channels);
  const samples: number[][] = Array.from({ length: channels }, () => []);
  for (const p of packets) {
    const pcm = new Int16Array(new Uint8Array(decoder.decode(Buffer.from(p))).buffer);
    for (let i = 0; i < pcm.length; i++) samples[i % channels]!.push(pcm[i] as number);
  }
  decoder.delete();
  const seconds = (samples[0]?.length ?? 0) / rate;
  const hz = samples.map((s) => {
    let crossings = 0;
    // Skip the codec's first 20 ms (its look-ahead) where the tone fades in.
    for (let i = rate / 50 + 1; i < s.length; i++) if (s[i - 1]! < 0 !== s[i]! < 0) crossings++;
    return crossings / 2 / (seconds - 0.02);
  });
  return { seconds, hz };
}

describe("a recording encoded as Opus in WebM", () => {
  it("keeps each party on their own channel, whole, with its seek index ahead of the audio", () => {
    const bytes = encodeWebmOpus({ sampleRate: 48000, channels: [tone(440, 48000, 3), tone(660, 48000, 3)] });
    const webm = readWebm(bytes);
    expect(webm.docType).toBe("webm");
    expect(webm).toMatchObject({ headPointsAtIndex: true, indexBeforeAudio: true, cuesLandOnClusters: true, segmentSizeRight: true });
    expect(webm.packets).toHaveLength(150); // 3 s of 20 ms frames
    const { seconds, hz } = measure(webm.packets, 48000, 2);
    expect(seconds).toBeCloseTo(3, 2);
    expect(hz[0]).toBeGreaterThan(430);
    expect(hz[0]).toBeLessThan(450);
    expect(hz[1]).toBeGreaterThan(645);
    expect(hz[1]).toBeLessThan(675);
  });

  it("takes telephone-rate audio and a length that is not a whole number of frames", () => {
    const samples = 8000 * 2 + 37;
    const bytes = encodeWebmOpus({ sampleRate: 8000, channels: [tone(300, 8000, 3).subarray(0, samples), tone(500, 8000, 3).subarray(0, samples)] });
    const webm = readWebm(bytes);
    expect(webm).toMatchObject({ headPointsAtIndex: true, indexBeforeAudio: true, cuesLandOnClusters: true, segmentSizeRight: true });
    expect(webm.packets).toHaveLength(Math.ceil(samples / 160));
    const { hz } = measure(webm.packets, 8000, 2);
    expect(hz[0]).toBeGreaterThan(285);
    expect(hz[0]).toBeLessThan(315);
    expect(hz[1]).toBeGreaterThan(480);
    expect(hz[1]).toBeLessThan(520);
  });

  it("refuses channels of different lengths and more than two channels", () => {
    const a = tone(440, 16000, 1);
    expect(() => encodeWebmOpus({ sampleRate: 16000, channels: [a, a.subarray(1)] })).toThrow(/different lengths/);
    expect(() => encodeWebmOpus({ sampleRate: 16000, channels: [a, a, a] })).toThrow(/3 channels/);
  });
});
