import { randomUUID } from "node:crypto";
import type { EventOf } from "@/lib/events";
import type { MonitorMode } from "@/lib/telephony/capabilities";
import { FRAME_MS, type MonitorEnd, type MonitorRequest, type MonitorSession } from "@/lib/telephony/monitor";
import type { SimContext } from "./context";
import type { LiveLeg } from "./live-legs";
import { legAudio } from "./live-audio";
import { AGENT_NOTICE, BARGE_NOTICE, noticeTone } from "./notice-tone";

/** Runs a function inside the simulation at its current time (SimulatedPbx.inSimulation). */
export type InSimulation = <T>(signal: AbortSignal, run: () => T) => Promise<T>;

type SupervisionEvent = EventOf<"supervision.started"> | EventOf<"supervision.mode_changed"> | EventOf<"supervision.ended">;

/** How far behind real time the pump may fall before it skips ahead rather than play late audio. */
const MAX_CATCH_UP_MS = 200;
/** How far ahead of real time a burst of microphone frames may queue before frames are dropped (a jitter buffer's depth). */
const MAX_MIC_AHEAD_MS = 200;

/** Who on the call hears a frame of the supervisor's microphone. */
export type Party = "agent" | "caller";
/** Plays a microphone frame to a party, `atMs` after the leg's answer (SimulatedPbx routes it: its tap, and the recording for a barge). */
export type PlayToParty = (leg: LiveLeg, party: Party, frame: Int16Array, atMs: number) => void;

/**
 * A supervisor on a simulated call. Audio: the leg's conversation (live-audio.ts), sent
 * in 20 ms frames as the clock reaches them, starting at the moment joined. Events:
 * supervision.started / mode_changed / ended, emitted inside the simulation on the
 * call's leg, so the wallboard, the store and the call page's timeline see them as
 * they would a real PBX's. The session ends when stopped or when the leg clears.
 */
export class SimulatedMonitorSession implements MonitorSession {
  readonly id = randomUUID();
  readonly callId: string;
  readonly legId: string;
  readonly agentId: string;
  readonly sampleRate: number;
  readonly ended: Promise<MonitorEnd>;
  private current: MonitorMode;
  private readonly listeners = new Set<(frame: Int16Array) => void>();
  private readonly samples: Int16Array;
  private sentUntilMs: number;
  private finish!: (end: MonitorEnd) => void;
  private done = false;
  private readonly pump: ReturnType<typeof setInterval>;
  private readonly unwatch: () => void;
  /** Where the next microphone frame plays, ms after the answer: frames follow one another without overlap. */
  private micUntilMs = 0;
  /** Made inside the simulation (its `ctx` emits at the current step), as the PBX handles the command. */
  constructor(
    private readonly ctx: SimContext,
    private readonly leg: LiveLeg,
    private readonly request: MonitorRequest,
    private readonly inSimulation: InSimulation,
    private readonly now: () => number,
    private readonly play: PlayToParty,
  ) {
    this.callId = leg.callId;
    this.legId = leg.legId;
    this.agentId = leg.agentId;
    this.current = request.mode;
    const audio = legAudio(leg);
    this.sampleRate = audio.sampleRate;
    this.samples = audio.samples;
    this.sentUntilMs = Math.max(0, now() - leg.answeredAt);
    this.ended = new Promise((resolve) => (this.finish = resolve));
    this.pump = setInterval(() => this.sendDue(), FRAME_MS);
    // The leg's clearing runs inside the simulation, so the ended event lands at the clearing's time.
    this.unwatch = ctx.liveLegs.watch(leg.legId, () => this.end("call_ended"));
    const notices = request.notices;
    const bargeTone = this.current === "barge" && notices?.bargeTone === true;
    this.emit({
      type: "supervision.started",
      data: {
        sessionId: this.id,
        supervisorId: request.supervisor.id,
        supervisorName: request.supervisor.name,
        mode: this.current,
        ...(notices?.notifyAgent ? { agentNotified: true } : {}),
        ...(bargeTone ? { bargeTone: true } : {}),
      },
    });
    if (notices?.notifyAgent) this.playTone(["agent"], AGENT_NOTICE);
    if (bargeTone) this.playTone(["agent", "caller"], BARGE_NOTICE);
  }

  mode(): MonitorMode {
    return this.current;
  }

  onAudio(listener: (frame: Int16Array) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /**
   * The supervisor's microphone, played as a PBX's snoop would: to nobody while listening,
   * to the agent only in whisper, to both parties in barge. Each frame plays right after
   * the previous one, or when it arrives after a silence; a burst more than
   * MAX_MIC_AHEAD_MS ahead of the clock is dropped rather than delayed further.
   */
  sendAudio(frame: Int16Array): void {
    const frameSamples = (this.sampleRate * FRAME_MS) / 1000;
    if (this.done || this.current === "listen" || frame.length !== frameSamples) return;
    const arrival = this.now() - this.leg.answeredAt;
    if (this.micUntilMs < arrival) this.micUntilMs = arrival;
    if (this.micUntilMs - arrival > MAX_MIC_AHEAD_MS) return;
    const at = this.micUntilMs;
    this.micUntilMs += FRAME_MS;
    this.play(this.leg, "agent", frame, at);
    if (this.current === "barge") this.play(this.leg, "caller", frame, at);
  }

  async setMode(mode: MonitorMode, signal: AbortSignal): Promise<void> {
    if (this.done) return;
    await this.inSimulation(signal, () => {
      if (this.done || mode === this.current) return;
      const previousMode = this.current;
      this.current = mode;
      const bargeTone = mode === "barge" && this.request.notices?.bargeTone === true;
      this.emit({ type: "supervision.mode_changed", data: { sessionId: this.id, mode, previousMode, ...(bargeTone ? { bargeTone: true } : {}) } });
      if (bargeTone) this.playTone(["agent", "caller"], BARGE_NOTICE);
    });
  }

  /**
   * A notice the queue's policy asks for (MonitorRequest.notices), played to `parties` from
   * now, as the PBX plays it into the call: frame by frame like the microphone, which
   * follows it (a supervisor speaking at once is heard after the tone, not over it).
   */
  private playTone(parties: readonly Party[], tone: { hz: number; ms: number }): void {
    const samples = noticeTone(tone.hz, tone.ms, this.sampleRate);
    const frameSamples = (this.sampleRate * FRAME_MS) / 1000;
    const start = Math.max(this.micUntilMs, this.now() - this.leg.answeredAt);
    for (let i = 0; i * frameSamples < samples.length; i++) {
      const frame = new Int16Array(frameSamples);
      frame.set(samples.subarray(i * frameSamples, (i + 1) * frameSamples));
      for (const party of parties) this.play(this.leg, party, frame, start + i * FRAME_MS);
    }
    this.micUntilMs = start + tone.ms;
  }

  async stop(signal: AbortSignal): Promise<void> {
    if (this.done) return;
    await this.inSimulation(signal, () => this.end("stopped"));
  }

  /** The PBX is shutting down: no event can reach anyone any more, so the session just ends. */
  close(): void {
    this.end("platform_stopped", false);
  }

  /** Inside the simulation (unless `announce` is false): the last event, then nothing more (idempotent). */
  private end(reason: MonitorEnd["reason"], announce = true): void {
    if (this.done) return;
    this.done = true;
    clearInterval(this.pump);
    this.unwatch();
    this.listeners.clear();
    if (announce) this.emit({ type: "supervision.ended", data: { sessionId: this.id, reason } });
    this.finish({ reason });
  }

  /** Inside the simulation only: on the monitored leg, at the simulation's current time. */
  private emit(e: Pick<SupervisionEvent, "type" | "data">): void {
    const ids = { callId: this.callId, legId: this.legId, queueId: this.leg.queueId, agentId: this.agentId };
    this.ctx.emit({ ...this.ctx.header(), ...ids, ...e } as SupervisionEvent);
  }

  private sendDue(): void {
    if (this.done) return;
    const at = this.now() - this.leg.answeredAt;
    if (at - this.sentUntilMs > MAX_CATCH_UP_MS) this.sentUntilMs = at - MAX_CATCH_UP_MS;
    const perMs = this.sampleRate / 1000;
    while (this.sentUntilMs + FRAME_MS <= at) {
      const from = this.sentUntilMs * perMs;
      const frame = this.samples.slice(from, from + FRAME_MS * perMs);
      this.sentUntilMs += FRAME_MS;
      if (frame.length === 0) break; // past the planned end: the clearing is on its way
      for (const l of this.listeners) l(frame);
    }
  }
}
