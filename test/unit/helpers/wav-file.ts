/** WAV files written here for tests, independently of the product's decoder. */

/** G.711 encoders after the ITU reference (Sun's g711.c). */
function linearToUlaw(sample: number): number {
  let v = sample >> 2;
  let mask = 0xff;
  if (v < 0) {
    v = -v;
    mask = 0x7f;
  }
  v = Math.min(v, 8159) + 0x21;
  const ends = [0x3f, 0x7f, 0xff, 0x1ff, 0x3ff, 0x7ff, 0xfff, 0x1fff];
  const seg = ends.findIndex((e) => v <= e);
  if (seg === -1) return 0x7f ^ mask;
  return ((seg << 4) | ((v >> (seg + 1)) & 0x0f)) ^ mask;
}

function linearToAlaw(sample: number): number {
  let s = sample >> 3;
  let mask = 0xd5;
  if (s < 0) {
    mask = 0x55;
    s = -s - 1;
  }
  const ends = [0x1f, 0x3f, 0x7f, 0xff, 0x1ff, 0x3ff, 0x7ff, 0xfff];
  const seg = ends.findIndex((e) => s <= e);
  if (seg === -1) return 0x7f ^ mask;
  return ((seg << 4) | (seg < 2 ? (s >> 1) & 0x0f : (s >> seg) & 0x0f)) ^ mask;
}

export function wavFile(channels: Int16Array[], rate: number, encoding: "pcm16" | "mulaw" | "alaw"): Uint8Array<ArrayBuffer> {
  const frames = channels[0]?.length ?? 0;
  const bytesPerSample = encoding === "pcm16" ? 2 : 1;
  const dataSize = frames * channels.length * bytesPerSample;
  const b = new Uint8Array(44 + dataSize);
  const v = new DataView(b.buffer);
  const put = (at: number, s: string) => [...s].forEach((c, i) => (b[at + i] = c.charCodeAt(0)));
  put(0, "RIFF");
  v.setUint32(4, 36 + dataSize, true);
  put(8, "WAVE");
  put(12, "fmt ");
  v.setUint32(16, 16, true);
  v.setUint16(20, encoding === "pcm16" ? 1 : encoding === "alaw" ? 6 : 7, true);
  v.setUint16(22, channels.length, true);
  v.setUint32(24, rate, true);
  v.setUint32(28, rate * channels.length * bytesPerSample, true);
  v.setUint16(32, channels.length * bytesPerSample, true);
  v.setUint16(34, bytesPerSample * 8, true);
  put(36, "data");
  v.setUint32(40, dataSize, true);
  for (let f = 0; f < frames; f++) {
    for (let c = 0; c < channels.length; c++) {
      const x = channels[c]![f]!;
      const i = f * channels.length + c;
      if (encoding === "pcm16") v.setInt16(44 + i * 2, x, true);
      else b[44 + i] = encoding === "mulaw" ? linearToUlaw(x) : linearToAlaw(x);
    }
  }
  return b;
}
