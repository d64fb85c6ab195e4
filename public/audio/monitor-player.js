// @ts-check
/* global AudioWorkletProcessor, registerProcessor, sampleRate */
/**
 * Plays what a supervisor hears of a monitored call (components/wallboard/monitor): mono
 * PCM16 at 16 kHz in 20 ms frames from the relay's WebSocket, posted here by the page.
 * A small jitter buffer: playback starts once START_MS is queued (and again after running
 * dry), and never holds more than CAP_MS: the oldest audio goes first, so a listener who
 * fell behind catches up instead of hearing the call ever later. Resampled to the
 * context's rate by linear interpolation. A static file: an AudioWorklet module must be
 * its own script, and the content security policy allows scripts from this origin only.
 */
const SOURCE_RATE = 16000;
const START_MS = 60;
const CAP_MS = 300;
const START = (SOURCE_RATE * START_MS) / 1000;
const CAP = (SOURCE_RATE * CAP_MS) / 1000;
const REPORT_EVERY = Math.round(sampleRate / 4);

class MonitorPlayer extends AudioWorkletProcessor {
  constructor() {
    super();
    this.ring = new Float32Array(CAP + 640);
    this.read = 0;
    this.size = 0;
    this.frac = 0;
    this.playing = false;
    this.stats = { frames: 0, underruns: 0, droppedMs: 0, starts: 0 };
    this.energy = 0;
    this.counted = 0;
    this.port.onmessage = (e) => this.push(new Int16Array(e.data));
  }

  /** @param {Int16Array} pcm */
  push(pcm) {
    this.stats.frames += 1;
    const len = this.ring.length;
    for (let i = 0; i < pcm.length; i++) {
      this.ring[(this.read + this.size) % len] = pcm[i] / 32768;
      this.size += 1;
    }
    if (this.size > CAP) {
      const drop = this.size - CAP;
      this.read = (this.read + drop) % len;
      this.size = CAP;
      this.stats.droppedMs += drop / (SOURCE_RATE / 1000);
    }
  }

  /** @param {Float32Array[][]} _inputs @param {Float32Array[][]} outputs */
  process(_inputs, outputs) {
    const out = outputs[0];
    if (!out || !out[0]) return true;
    const first = out[0];
    const step = SOURCE_RATE / sampleRate;
    const len = this.ring.length;
    if (!this.playing && this.size >= START) {
      this.playing = true;
      this.stats.starts += 1;
      // Said at once, not at the next report: the page (and bench:monitor:browser) can tell when sound began.
      this.report();
    }
    for (let i = 0; i < first.length; i++) {
      if (!this.playing || this.size < 2) {
        if (this.playing) {
          this.playing = false;
          this.stats.underruns += 1;
        }
        first[i] = 0;
        continue;
      }
      const a = this.ring[this.read];
      const b = this.ring[(this.read + 1) % len];
      const v = a + (b - a) * this.frac;
      first[i] = v;
      this.energy += v * v;
      this.frac += step;
      while (this.frac >= 1) {
        this.frac -= 1;
        this.read = (this.read + 1) % len;
        this.size -= 1;
      }
    }
    for (let c = 1; c < out.length; c++) out[c].set(first);
    this.counted += first.length;
    if (this.counted >= REPORT_EVERY) this.report();
    return true;
  }

  /** Posts the stats, with the output's RMS since the last report. */
  report() {
    const rms = this.counted === 0 ? 0 : Math.sqrt(this.energy / this.counted);
    this.port.postMessage({ ...this.stats, bufferedMs: this.size / (SOURCE_RATE / 1000), rms });
    this.energy = 0;
    this.counted = 0;
  }
}

registerProcessor("monitor-player", MonitorPlayer);
