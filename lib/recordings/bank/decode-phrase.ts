import OpusScript from "opusscript";
import { BANK_RATE, readPackets, type BankPhrase } from "./format";

/**
 * One phrase's PCM (16 kHz mono, 16-bit) from its Opus packets. A fresh decoder per
 * phrase, as the packer used a fresh encoder, so a phrase decodes the same whatever was
 * decoded before it. The codec's look-ahead (`preSkip` samples) is dropped, so sample 0
 * is the phrase's first sample and its word times hold as they were aligned.
 */
export function decodePhrase(packets: Uint8Array, phrase: Pick<BankPhrase, "offset" | "bytes" | "samples">, preSkip: number): Int16Array {
  const out = new Int16Array(phrase.samples);
  const decoder = new OpusScript(BANK_RATE, 1);
  try {
    let decoded = 0;
    for (const packet of readPackets(packets, phrase.offset, phrase.bytes)) {
      const raw = new Uint8Array(decoder.decode(Buffer.from(packet)));
      const pcm = new Int16Array(raw.buffer, 0, raw.byteLength >> 1);
      for (let i = 0; i < pcm.length; i++) {
        const at = decoded + i - preSkip;
        if (at >= 0 && at < out.length) out[at] = pcm[i] as number;
      }
      decoded += pcm.length;
    }
    if (decoded - preSkip < phrase.samples) throw new Error(`phrase bank: ${decoded - preSkip} samples decoded, ${phrase.samples} expected`);
  } finally {
    decoder.delete();
  }
  return out;
}
