import { describe, expect, it } from "vitest";
import { decodeWav } from "@/lib/recordings/import/wav";
import { InvalidInput } from "@/lib/errors/domain-errors";

/** A WAV file built by hand: RIFF header, fmt chunk (16 or 40 bytes), an optional extra chunk, data. */
function wav(o: { format: number; channels: number; rate: number; bits: number; data: number[]; extensible?: boolean; junk?: boolean; dataSize?: number }): Uint8Array {
  const fmtSize = o.extensible ? 40 : 16;
  const junk = o.junk ? 8 + 3 + 1 : 0; // odd-sized chunk with its pad byte
  const size = 12 + 8 + fmtSize + junk + 8 + o.data.length;
  const b = new Uint8Array(size);
  const v = new DataView(b.buffer);
  const put = (at: number, s: string) => [...s].forEach((ch, i) => (b[at + i] = ch.charCodeAt(0)));
  put(0, "RIFF");
  v.setUint32(4, size - 8, true);
  put(8, "WAVE");
  put(12, "fmt ");
  v.setUint32(16, fmtSize, true);
  v.setUint16(20, o.extensible ? 0xfffe : o.format, true);
  v.setUint16(22, o.channels, true);
  v.setUint32(24, o.rate, true);
  v.setUint32(28, (o.rate * o.channels * o.bits) / 8, true);
  v.setUint16(32, (o.channels * o.bits) / 8, true);
  v.setUint16(34, o.bits, true);
  if (o.extensible) v.setUint16(20 + 24, o.format, true);
  let at = 20 + fmtSize;
  if (o.junk) {
    put(at, "LIST");
    v.setUint32(at + 4, 3, true);
    at += 12;
  }
  put(at, "data");
  v.setUint32(at + 4, o.dataSize ?? o.data.length, true);
  b.set(o.data, at + 8);
  return b;
}

const le16 = (xs: number[]) => xs.flatMap((x) => [x & 0xff, (x >> 8) & 0xff]);

describe("WAV decoding", () => {
  it("reads 16-bit PCM stereo, de-interleaved", () => {
    const d = decodeWav(wav({ format: 1, channels: 2, rate: 8000, bits: 16, data: le16([1, -1, 300, -300, 32767, -32768]) }));
    expect(d.sampleRate).toBe(8000);
    expect(d.encoding).toBe("pcm16");
    expect([...d.channels[0]!]).toEqual([1, 300, 32767]);
    expect([...d.channels[1]!]).toEqual([-1, -300, -32768]);
  });
  it("reads G.711 mu-law by the standard's values (0xFF silence, 0x00 and 0x80 the extremes)", () => {
    // ITU-T G.711 µ-law: codes 0x80..0xFF are positive, 0x00..0x7F negative; 0xFF and 0x7F are 0, 0x80 and 0x00 the
    // extremes (±32124), and the first segment steps by 8: 0xFE is +8, 0x70 (fifteen steps from 0x7F) is -120.
    const d = decodeWav(wav({ format: 7, channels: 1, rate: 8000, bits: 8, data: [0xff, 0x7f, 0x80, 0x00, 0xfe, 0x70] }));
    expect(d.encoding).toBe("mulaw");
    expect([...d.channels[0]!]).toEqual([0, 0, 32124, -32124, 8, -120]);
  });
  it("reads G.711 A-law by the standard's values (0xD5 and 0x55 the smallest, 0xAA and 0x2A the extremes)", () => {
    const d = decodeWav(wav({ format: 6, channels: 1, rate: 8000, bits: 8, data: [0xd5, 0x55, 0xaa, 0x2a] }));
    expect(d.encoding).toBe("alaw");
    expect([...d.channels[0]!]).toEqual([8, -8, 32256, -32256]);
  });
  it("reads WAVE_FORMAT_EXTENSIBLE, skips other chunks and their pad byte, and reads a data size past the end to the end", () => {
    const d = decodeWav(wav({ format: 1, channels: 1, rate: 16000, bits: 16, data: le16([5, 6, 7]), extensible: true, junk: true, dataSize: 0xffffffff }));
    expect(d.sampleRate).toBe(16000);
    expect([...d.channels[0]!]).toEqual([5, 6, 7]);
  });
  it("reads a file whose header Asterisk has not finished (RIFF and data sizes 0: still recording, or Asterisk died) to the end", () => {
    const b = wav({ format: 1, channels: 1, rate: 8000, bits: 16, data: le16([9, -9, 4]), dataSize: 0 });
    new DataView(b.buffer).setUint32(4, 0, true);
    expect([...decodeWav(b).channels[0]!]).toEqual([9, -9, 4]);
    // A finished header that says the data is empty is taken at its word.
    expect(decodeWav(wav({ format: 1, channels: 1, rate: 8000, bits: 16, data: le16([9, -9, 4]), dataSize: 0 })).channels[0]).toHaveLength(0);
  });
  it("refuses what it cannot read, naming it", () => {
    expect(() => decodeWav(new TextEncoder().encode("not a wav file at all"))).toThrow(InvalidInput);
    expect(() => decodeWav(wav({ format: 3, channels: 1, rate: 8000, bits: 32, data: [0, 0, 0, 0] }))).toThrow(/format 3 with 32 bits/);
    expect(() => decodeWav(wav({ format: 1, channels: 3, rate: 8000, bits: 16, data: le16([1, 2, 3]) }))).toThrow(/3 channels/);
  });
});
