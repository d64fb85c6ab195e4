/**
 * A short two-note chime through the Web Audio API (no sound file to load). Browsers
 * allow audio only after a user gesture, so the context is made when the viewer turns
 * the sound on; with no context (never turned on here, or refused) nothing plays.
 */
let context: AudioContext | null = null;

export function unlockAlertTone(): void {
  if (typeof window === "undefined" || typeof window.AudioContext !== "function") return;
  context ??= new window.AudioContext();
  void context.resume().catch(() => undefined);
}

export function playAlertTone(): void {
  if (!context || context.state !== "running") return;
  const start = context.currentTime;
  for (const [i, freq] of [880, 660].entries()) {
    const osc = context.createOscillator();
    const gain = context.createGain();
    osc.type = "sine";
    osc.frequency.value = freq;
    const t = start + i * 0.18;
    gain.gain.setValueAtTime(0.0001, t);
    gain.gain.exponentialRampToValueAtTime(0.25, t + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.16);
    osc.connect(gain).connect(context.destination);
    osc.start(t);
    osc.stop(t + 0.17);
  }
}
