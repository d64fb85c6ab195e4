/**
 * Moves a WebM file's cue index (Cues) from after the audio to just before it, so
 * a browser that opens a recording gets the index with the header and can seek
 * with one more range read, wherever the moment is. Pure: bytes in, bytes out.
 *
 * Moving the index shifts every cluster by the index's own size, and the index
 * holds the clusters' positions, whose encoded length can grow with them; so the
 * index is re-encoded until its size stops changing (twice at most in practice).
 * The seek head's pointer to the index is rewritten in its own width, and the
 * segment's size in its own, so nothing before the index moves.
 */
const ID = {
  segment: 0x18538067,
  seekHead: 0x114d9b74,
  seek: 0x4dbb,
  seekId: 0x53ab,
  seekPosition: 0x53ac,
  cues: 0x1c53bb6b,
  cluster: 0x1f43b675,
  cueClusterPosition: 0xf1,
};
/** The Cues' children that hold others (CuePoint, CueTrackPositions); every other element is a leaf. */
const MASTERS = new Set([0xbb, 0xb7]);

type Element = { id: number; start: number; sizeAt: number; sizeLength: number; dataStart: number; end: number };

export function cuesFirst(bytes: Uint8Array): Uint8Array {
  const segment = children(bytes, 0, bytes.length).find((e) => e.id === ID.segment);
  if (!segment) throw new Error("cuesFirst: no Segment");
  const parts = children(bytes, segment.dataStart, segment.end);
  const cues = parts.find((e) => e.id === ID.cues);
  const firstCluster = parts.find((e) => e.id === ID.cluster);
  if (!cues || !firstCluster || cues.start < firstCluster.start) return bytes;
  if (cues.end !== segment.end) throw new Error("cuesFirst: something follows the Cues");

  let shift = cues.end - cues.start;
  let encoded = encodeCues(bytes, cues, shift);
  while (encoded.length !== shift) {
    shift = encoded.length;
    encoded = encodeCues(bytes, cues, shift);
  }
  const out = new Uint8Array(bytes.length - (cues.end - cues.start) + encoded.length);
  out.set(bytes.subarray(0, firstCluster.start), 0);
  out.set(encoded, firstCluster.start);
  out.set(bytes.subarray(firstCluster.start, cues.start), firstCluster.start + encoded.length);
  writeSizeInPlace(out, segment.sizeAt, segment.sizeLength, segment.end - segment.dataStart - (cues.end - cues.start) + encoded.length);
  const clustersFrom = firstCluster.start - segment.dataStart;
  repointSeekHead(out, parts, (target, position) => (target === ID.cues ? clustersFrom : position >= clustersFrom ? position + encoded.length : position));
  return out;
}

/** The Cues element again, each cluster position moved by `shift` bytes. */
function encodeCues(bytes: Uint8Array, cues: Element, shift: number): Uint8Array {
  const encode = (e: Element): Uint8Array => {
    if (e.id === ID.cues || MASTERS.has(e.id)) return element(e.id, concat(children(bytes, e.dataStart, e.end).map(encode)));
    if (e.id === ID.cueClusterPosition) return element(e.id, uintBytes(readUint(bytes, e) + shift));
    return bytes.subarray(e.start, e.end);
  };
  return encode(cues);
}

/** Rewrites each seek head entry's position (relative to the segment's data) in the width it had. */
function repointSeekHead(out: Uint8Array, parts: Element[], moved: (target: number, position: number) => number): void {
  const seekHead = parts.find((e) => e.id === ID.seekHead);
  if (!seekHead) return;
  for (const seek of children(out, seekHead.dataStart, seekHead.end).filter((e) => e.id === ID.seek)) {
    const fields = children(out, seek.dataStart, seek.end);
    const id = fields.find((f) => f.id === ID.seekId);
    const position = fields.find((f) => f.id === ID.seekPosition);
    if (id && position) writeUintInPlace(out, position.dataStart, position.end - position.dataStart, moved(readUint(out, id), readUint(out, position)));
  }
}

function children(bytes: Uint8Array, from: number, to: number): Element[] {
  const out: Element[] = [];
  for (let at = from; at < to;) {
    const id = readVint(bytes, at, true);
    const size = readVint(bytes, at + id.length, false);
    const dataStart = at + id.length + size.length;
    out.push({ id: id.value, start: at, sizeAt: at + id.length, sizeLength: size.length, dataStart, end: dataStart + size.value });
    at = dataStart + size.value;
  }
  return out;
}

function readVint(bytes: Uint8Array, at: number, keepMarker: boolean): { value: number; length: number } {
  const first = bytes[at] ?? 0;
  let length = 1;
  while (length < 8 && !(first & (0x80 >> (length - 1)))) length++;
  let value = keepMarker ? first : first & (0xff >> length);
  for (let i = 1; i < length; i++) value = value * 256 + (bytes[at + i] ?? 0);
  return { value, length };
}

const readUint = (bytes: Uint8Array, e: Element) => bytes.subarray(e.dataStart, e.end).reduce((n, b) => n * 256 + b, 0);

function uintBytes(value: number): Uint8Array {
  const out: number[] = [];
  for (let v = value; v > 0 || out.length === 0; v = Math.floor(v / 256)) out.unshift(v % 256);
  return Uint8Array.from(out);
}

/** Writes `value` big-endian into the `width` bytes at `at` (an unsigned integer element's data). */
function writeUintInPlace(out: Uint8Array, at: number, width: number, value: number): void {
  if (value >= 256 ** width) throw new Error(`cuesFirst: ${value} does not fit in ${width} bytes`);
  for (let i = width - 1, v = value; i >= 0; i--, v = Math.floor(v / 256)) out[at + i] = v % 256;
}

/** Writes an element size as a `length`-byte EBML variable-length integer at `at`. */
function writeSizeInPlace(out: Uint8Array, at: number, length: number, value: number): void {
  if (value >= 2 ** (7 * length) - 1) throw new Error(`cuesFirst: size ${value} does not fit in ${length} bytes`);
  for (let i = length - 1, v = value; i >= 0; i--, v = Math.floor(v / 256)) out[at + i] = v % 256;
  out[at] = (out[at] ?? 0) | (0x80 >> (length - 1));
}

function element(id: number, data: Uint8Array): Uint8Array {
  return concat([uintBytes(id), sizeVint(data.length), data]);
}

function sizeVint(size: number): Uint8Array {
  let length = 1;
  while (size >= 2 ** (7 * length) - 1) length++;
  const out = new Uint8Array(length);
  writeSizeInPlace(out, 0, length, size);
  return out;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
