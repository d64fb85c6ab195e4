import OpusScript from "opusscript";
import { ArrayBufferTarget, Muxer } from "webm-muxer";
import { cuesFirst } from "./webm-cues-first";

/** The rates Opus encodes natively; a recording at another rate is resampled before it gets here. */
export const OPUS_RATES = [8000, 12000, 16000, 24000, 48000] as const;
export type OpusRate = (typeof OPUS_RATES)[number];

/** Signed 16-bit samples, one array per channel (a call: agent on channel 0, caller on channel 1), all of one length. */
export type Pcm = { sampleRate: OpusRate; channels: readonly Int16Array[] };

const FRAME_MS = 20;

/**
 * A recording as served to browsers: Opus in WebM, every channel kept apart. The
 * encoder is libopus compiled to WebAssembly (opusscript) and the container is
 * written in JavaScript (webm-muxer), so the embedded shape needs no audio tool on
 * the machine. The muxer writes the cue index after the audio; cuesFirst moves it in
 * front, so a browser opening a long call gets the index with the header and then
 * needs one range read for whatever moment it seeks to. Speech at 16 kbit/s per channel is clear (Opus's VOIP mode): a 3-minute stereo
 * call is about 0.7 MB.
 */
export function encodeWebmOpus(pcm: Pcm, o: { bitsPerSecondPerChannel?: number } = {}): Uint8Array {
  const channels = pcm.channels.length;
  const length = pcm.channels[0]?.length ?? 0;
  if (channels < 1 || channels > 2) throw new Error(`encodeWebmOpus: ${channels} channels (1 or 2 supported)`);
  if (pcm.channels.some((c) => c.length !== length)) throw new Error("encodeWebmOpus: channels of different lengths");
  const frame = (pcm.sampleRate * FRAME_MS) / 1000;
  const encoder = new OpusScript(pcm.sampleRate, channels, OpusScript.Application.VOIP);
  try {
    encoder.setBitrate((o.bitsPerSecondPerChannel ?? 16_000) * channels);
    const muxer = new Muxer({ target: new ArrayBufferTarget(), type: "webm", audio: { codec: "A_OPUS", numberOfChannels: channels, sampleRate: pcm.sampleRate } });
    const interleaved = new Int16Array(frame * channels);
    for (let start = 0; start < length; start += frame) {
      // The last frame is padded with silence: Opus takes whole frames only.
      interleaved.fill(0);
      const n = Math.min(frame, length - start);
      for (let c = 0; c < channels; c++) {
        const source = pcm.channels[c] as Int16Array;
        for (let i = 0; i < n; i++) interleaved[i * channels + c] = source[start + i] as number;
      }
      const packet = encoder.encode(Buffer.from(interleaved.buffer, interleaved.byteOffset, interleaved.byteLength), frame);
      // Every Opus packet decodes on its own, so each is a key frame to the container: a seek can land anywhere.
      muxer.addAudioChunkRaw(new Uint8Array(packet), "key", Math.round((start / pcm.sampleRate) * 1e6));
    }
    muxer.finalize();
    return cuesFirst(new Uint8Array(muxer.target.buffer));
  } finally {
    encoder.delete();
  }
}
