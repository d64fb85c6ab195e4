/**
 * The tones a PBX plays when someone joins a call (Asterisk's beep.gsm, a carrier's
 * "three-way" tone): a sine at `hz` for `ms`, at a third of full scale, faded in and out
 * over 5 ms so it does not click. PCM16 at `sampleRate`.
 */
export function noticeTone(hz: number, ms: number, sampleRate: number): Int16Array {
  const n = Math.round((ms * sampleRate) / 1000);
  const fade = Math.round((5 * sampleRate) / 1000);
  const out = new Int16Array(n);
  for (let i = 0; i < n; i++) {
    const envelope = Math.min(1, i / fade, (n - 1 - i) / fade);
    out[i] = Math.round(Math.sin((2 * Math.PI * hz * i) / sampleRate) * envelope * 0.33 * 32767);
  }
  return out;
}

/** The agent's cue that a supervisor is now listening: a short high beep. */
export const AGENT_NOTICE = { hz: 1_000, ms: 200 } as const;
/** Both parties' cue that a supervisor has joined the conversation: a longer, lower tone. */
export const BARGE_NOTICE = { hz: 440, ms: 400 } as const;
