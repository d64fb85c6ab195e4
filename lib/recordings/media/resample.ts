import { OPUS_RATES, type OpusRate } from "@/lib/recordings/webm-opus";

/** The rate a recording is encoded at: the lowest Opus rate at or above its own (48 kHz above that), so nothing is lost. */
export function opusRateFor(rate: number): OpusRate {
  return OPUS_RATES.find((r) => r >= rate) ?? 48000;
}

const ZERO_CROSSINGS = 8;

/**
 * Band-limited resampling (windowed sinc, Hann window, 8 zero crossings a side):
 * 11.025 kHz to 12 kHz, 44.1 kHz to 48 kHz, 96 kHz down to 48 kHz. Going down, the
 * filter's cut-off moves to the new Nyquist frequency so nothing above it folds
 * back as noise. Same rate in, the same array out.
 */
export function resample(samples: Int16Array, from: number, to: number): Int16Array {
  if (from === to) return samples;
  const ratio = to / from;
  const outLength = Math.round(samples.length * ratio);
  const out = new Int16Array(outLength);
  // Cut-off as a fraction of the input's Nyquist frequency.
  const cutoff = Math.min(1, ratio);
  const half = Math.ceil(ZERO_CROSSINGS / cutoff);
  for (let n = 0; n < outLength; n++) {
    const x = n / ratio;
    const centre = Math.floor(x);
    let sum = 0;
    let weights = 0;
    for (let i = centre - half + 1; i <= centre + half; i++) {
      if (i < 0 || i >= samples.length) continue;
      const d = x - i;
      const t = d * cutoff;
      const sinc = t === 0 ? 1 : Math.sin(Math.PI * t) / (Math.PI * t);
      const w = Math.abs(d) >= half ? 0 : 0.5 + 0.5 * Math.cos((Math.PI * d) / half);
      const k = sinc * w * cutoff;
      sum += (samples[i] as number) * k;
      weights += k;
    }
    // Normalising by the kernel's own sum keeps a constant level constant at the edges and between taps.
    const v = weights !== 0 ? sum / weights : 0;
    out[n] = Math.max(-32768, Math.min(32767, Math.round(v)));
  }
  return out;
}
