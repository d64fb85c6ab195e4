import { z } from "zod";

/**
 * The phrase bank's on-disk format (assets/phrase-bank): one JSON index and one file of
 * Opus packets. Shared by the packer (scripts/phrase-bank/pack.ts) and the loader, so
 * both sides read the same schema.
 *
 * Packets of one phrase lie back to back from `offset`, each as a 2-byte little-endian
 * length and its bytes; every phrase was encoded with a fresh encoder, so it decodes on
 * its own with a fresh decoder. Decoded audio starts `preSkip` samples late (the
 * encoder's look-ahead), which the loader drops.
 */
export const BANK_RATE = 16_000;
export const BANK_FRAME_SAMPLES = 320;
export const BANK_INDEX_FILE = "index.json";
export const BANK_PACKETS_FILE = "phrases.opus.bin";

export const SPEAKER_ROLES = ["agent", "caller"] as const;
export type SpeakerRole = (typeof SPEAKER_ROLES)[number];

/** A word of a phrase: text as the transcript shows it, start and end in ms from the phrase's first sample. */
export const bankWordSchema = z.object({ t: z.string().min(1), s: z.number().int().nonnegative(), e: z.number().int().nonnegative() });
export type BankWord = z.infer<typeof bankWordSchema>;

export const bankPhraseSchema = z.object({
  /** `<phrase id>.<voice>`: one rendition of one phrase text in one voice. */
  key: z.string().min(1),
  id: z.string().min(1),
  voice: z.string().min(1),
  role: z.enum(SPEAKER_ROLES),
  /** What the script asks for: greeting, ack, digit, hold-notice, ... or "topic" for a topic's turn. */
  slot: z.string().min(1),
  topic: z.string().optional(),
  turn: z.number().int().positive().optional(),
  text: z.string().min(1),
  samples: z.number().int().positive(),
  offset: z.number().int().nonnegative(),
  bytes: z.number().int().positive(),
  /** False when the aligner could not place the words and they were spread over the speech by length. */
  aligned: z.boolean(),
  words: z.array(bankWordSchema).min(1),
});
export type BankPhrase = z.infer<typeof bankPhraseSchema>;

export const bankVoiceSchema = z.object({ id: z.string().min(1), sex: z.enum(["female", "male"]), engine: z.string(), licence: z.string() });
export type BankVoice = z.infer<typeof bankVoiceSchema>;

export const bankTopicSchema = z.object({ id: z.string().min(1), title: z.string().min(1), turns: z.number().int().positive() });

export const bankIndexSchema = z.object({
  version: z.literal(1),
  sampleRate: z.literal(BANK_RATE),
  frameSamples: z.literal(BANK_FRAME_SAMPLES),
  preSkip: z.number().int().nonnegative(),
  voices: z.array(bankVoiceSchema).min(1),
  topics: z.array(bankTopicSchema).min(1),
  phrases: z.array(bankPhraseSchema).min(1),
});
export type BankIndex = z.infer<typeof bankIndexSchema>;

export function phraseDurationMs(p: Pick<BankPhrase, "samples">): number {
  return Math.round((p.samples * 1000) / BANK_RATE);
}

/** Appends one packet in the bank's framing. */
export function framePacket(packet: Uint8Array): Uint8Array {
  if (packet.length > 0xffff) throw new Error(`opus packet of ${packet.length} bytes`);
  const out = new Uint8Array(packet.length + 2);
  out[0] = packet.length & 0xff;
  out[1] = packet.length >> 8;
  out.set(packet, 2);
  return out;
}

/** The packets of one phrase, in order. */
export function* readPackets(bytes: Uint8Array, offset: number, length: number): Generator<Uint8Array> {
  let at = offset;
  const end = offset + length;
  while (at < end) {
    const n = (bytes[at] as number) | ((bytes[at + 1] as number) << 8);
    at += 2;
    if (at + n > end) throw new Error(`phrase bank: packet at ${at} runs past its phrase`);
    yield bytes.subarray(at, at + n);
    at += n;
  }
}
