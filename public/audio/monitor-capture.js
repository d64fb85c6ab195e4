// @ts-check
/* global AudioWorkletProcessor, registerProcessor, sampleRate */
/**
 * The supervisor's microphone for whisper and barge (components/wallboard/monitor):
 * the context's rate (48 or 44.1 kHz, usually) brought down to 16 kHz by averaging the
 * input samples each output sample spans (a box filter, enough against aliasing for
 * speech), cut into 20 ms frames of PCM16 (320 samples) and posted to the page, which
 * sends them on the relay's WebSocket. A static file for the same reason as the player.
 */
const TARGET_RATE = 16000;
const FRAME = 320;

class MonitorCapture extends AudioWorkletProcessor {
  constructor() {
    super();
    this.ratio = sampleRate / TARGET_RATE;
    this.phase = 0;
    this.sum = 0;
    this.count = 0;
    this.frame = new Int16Array(FRAME);
    this.n = 0;
  }

  /** @param {Float32Array[][]} inputs */
  process(inputs) {
    const input = inputs[0] && inputs[0][0];
    if (!input) return true;
    for (let i = 0; i < input.length; i++) {
      this.sum += input[i];
      this.count += 1;
      this.phase += 1;
      if (this.phase < this.ratio) continue;
      this.phase -= this.ratio;
      const v = this.sum / this.count;
      this.sum = 0;
      this.count = 0;
      this.frame[this.n++] = Math.max(-32768, Math.min(32767, Math.round(v * 32767)));
      if (this.n === FRAME) {
        this.port.postMessage(this.frame.buffer, [this.frame.buffer]);
        this.frame = new Int16Array(FRAME);
        this.n = 0;
      }
    }
    return true;
  }
}

registerProcessor("monitor-capture", MonitorCapture);
