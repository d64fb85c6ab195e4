/**
 * The page's audio for monitoring: one AudioContext with the player worklet (what the
 * supervisor hears, public/audio/monitor-player.js) and, for whisper and barge, the
 * microphone through the capture worklet (public/audio/monitor-capture.js). Made from
 * a click, so the browser lets it play.
 */

/** From the player worklet (public/audio/monitor-player.js): `starts` counts the times playback began (after the first buffer, or running dry). */
export type PlayerStats = { frames: number; underruns: number; droppedMs: number; bufferedMs: number; rms: number; starts: number };

export type MicProblem = { kind: "insecure" | "denied" | "unavailable"; message: string };

/** What the microphone's own processing reports; without echo cancellation the call hears itself through the speakers. */
export type MicStarted = { echoCancellation: boolean };

export const INSECURE_MIC_MESSAGE = "The microphone needs a secure page: open the dashboard over HTTPS (or on localhost). You can still listen.";
export const HEADSET_ADVICE = "This microphone has no echo cancellation: use a headset, or the call will hear itself.";

export class MonitorAudio {
  private readonly ctx: AudioContext;
  private readonly ready: Promise<AudioWorkletNode>;
  private mic?: { stream: MediaStream; source: MediaStreamAudioSourceNode; node: AudioWorkletNode; sink: GainNode };

  constructor(onStats: (s: PlayerStats) => void) {
    this.ctx = new AudioContext({ latencyHint: "interactive" });
    this.ready = this.ctx.audioWorklet.addModule("/audio/monitor-player.js").then(() => {
      const node = new AudioWorkletNode(this.ctx, "monitor-player", { numberOfInputs: 0, outputChannelCount: [1] });
      node.port.onmessage = (e: MessageEvent<PlayerStats>) => onStats(e.data);
      node.connect(this.ctx.destination);
      return node;
    });
    void this.ctx.resume().catch(() => undefined);
  }

  /** One 20 ms frame from the relay (transferred to the worklet: the buffer is unusable after). */
  async play(frame: ArrayBuffer): Promise<void> {
    (await this.ready).port.postMessage(frame, [frame]);
  }

  /** Starts the microphone; each 20 ms frame goes to `send`. Throws a MicProblem the page can show. */
  async startMic(send: (frame: ArrayBuffer) => void): Promise<MicStarted> {
    if (this.mic) return { echoCancellation: this.mic.stream.getAudioTracks()[0]?.getSettings().echoCancellation === true };
    if (!window.isSecureContext || !navigator.mediaDevices?.getUserMedia) throw { kind: "insecure", message: INSECURE_MIC_MESSAGE } satisfies MicProblem;
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true, channelCount: 1 } });
    } catch (e) {
      const denied = e instanceof DOMException && (e.name === "NotAllowedError" || e.name === "SecurityError");
      throw {
        kind: denied ? "denied" : "unavailable",
        message: denied ? "The browser was not allowed to use the microphone." : `No microphone could be opened (${(e as Error).message}).`,
      } satisfies MicProblem;
    }
    await this.ctx.audioWorklet.addModule("/audio/monitor-capture.js");
    const source = this.ctx.createMediaStreamSource(stream);
    const node = new AudioWorkletNode(this.ctx, "monitor-capture", { numberOfOutputs: 1, outputChannelCount: [1] });
    node.port.onmessage = (e: MessageEvent<ArrayBuffer>) => send(e.data);
    // A worklet runs only while its output is pulled: into the speakers, silenced.
    const sink = this.ctx.createGain();
    sink.gain.value = 0;
    source.connect(node).connect(sink).connect(this.ctx.destination);
    this.mic = { stream, source, node, sink };
    return { echoCancellation: stream.getAudioTracks()[0]?.getSettings().echoCancellation === true };
  }

  /** Releases the microphone (the browser's recording indicator goes off). */
  stopMic(): void {
    if (!this.mic) return;
    this.mic.source.disconnect();
    this.mic.node.disconnect();
    this.mic.sink.disconnect();
    for (const t of this.mic.stream.getTracks()) t.stop();
    this.mic = undefined;
  }

  close(): void {
    this.stopMic();
    void this.ctx.close().catch(() => undefined);
  }
}
