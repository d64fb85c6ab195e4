/**
 * What supervisors said into simulated calls while barging, kept per recording so the
 * recording, rendered lazily from its call's script once it has stopped (render.ts),
 * holds them too, as a PBX's MixMonitor records a supervisor who joined the
 * conversation. Whispering is never here: the caller does not hear it, and a call
 * recording is what the parties heard. Memory only and bounded: a restart loses what it
 * held (the recording then renders without the supervisor), and past the limits the
 * oldest recordings' barge audio goes first.
 */

/** One stretch of a supervisor's speech: `atMs` from the recording's start (the leg's answer), PCM16 at the bank's rate. */
export type BargeSpan = { atMs: number; samples: Int16Array };

/** 10 minutes of one call at 16 kHz; a barge longer than that is a conversation, not coaching. */
export const MAX_BARGE_SAMPLES_PER_RECORDING = 10 * 60 * 16_000;
/** 30 minutes in all (about 58 MB), across the recordings that have any. */
export const MAX_BARGE_SAMPLES = 30 * 60 * 16_000;

export class BargeAudio {
  /** In insertion order of first barge: the oldest first, for eviction. */
  private readonly byRecording = new Map<string, { spans: BargeSpan[]; samples: number }>();
  private total = 0;

  constructor(
    private readonly perRecording = MAX_BARGE_SAMPLES_PER_RECORDING,
    private readonly overall = MAX_BARGE_SAMPLES,
  ) {}

  add(recordingId: string, span: BargeSpan): void {
    let held = this.byRecording.get(recordingId);
    if (!held) this.byRecording.set(recordingId, (held = { spans: [], samples: 0 }));
    if (held.samples + span.samples.length > this.perRecording) return;
    held.spans.push(span);
    held.samples += span.samples.length;
    this.total += span.samples.length;
    for (const [id, r] of this.byRecording) {
      if (this.total <= this.overall || id === recordingId) break;
      this.byRecording.delete(id);
      this.total -= r.samples;
    }
  }

  of(recordingId: string): readonly BargeSpan[] {
    return this.byRecording.get(recordingId)?.spans ?? [];
  }
}

const KEY = Symbol.for("cc-supervisor.barge-audio");
type Holder = { [KEY]?: BargeAudio };

/** The process's store, on globalThis: the simulator writes it from the runtime's bundle, the renderer reads it from a route's. */
export function bargeAudio(): BargeAudio {
  const holder = globalThis as Holder;
  holder[KEY] ??= new BargeAudio();
  return holder[KEY];
}

/** Adds the spans into a channel (in place, clipped to PCM16), leaving `silent` spans (recording pauses, ms) silent. */
export function mixBarge(channel: Int16Array, spans: readonly BargeSpan[], samplesPerMs: number, silent: readonly { start: number; end: number }[]): void {
  for (const { atMs, samples } of spans) {
    const from = Math.round(atMs * samplesPerMs);
    for (let j = 0; j < samples.length && from + j < channel.length; j++) {
      const at = from + j;
      if (silent.some((p) => at >= p.start * samplesPerMs && at < p.end * samplesPerMs)) continue;
      channel[at] = Math.max(-32768, Math.min(32767, (channel[at] as number) + (samples[j] as number)));
    }
  }
}
