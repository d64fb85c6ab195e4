import type { MonitorMode } from "./capabilities";

/**
 * A supervisor on a live call (docs/telephony.md, "Monitoring"): what every adapter's
 * startMonitor gives back. Audio both ways is mono PCM16 at `sampleRate` in 20 ms
 * frames: what the supervisor hears (the agent and the caller mixed, whatever the
 * mode), and the supervisor's microphone, which the platform plays to the agent only
 * (whisper), to both (barge) or to nobody (listen).
 */
export type MonitorRequest = {
  callId: string;
  mode: MonitorMode;
  /**
   * Who monitors. `extension`: the supervisor's own phone, for platforms whose supervisor
   * hears the call on a phone (capabilities.monitorMedia "phone": FreeSWITCH rings it);
   * browser-media platforms ignore it.
   */
  supervisor: { id: string; name: string; extension?: string };
  /**
   * What the queue's policy says the parties are told (lib/monitoring-policy): a short tone to
   * the agent when the session starts, and to both parties whenever it enters barge. Absent:
   * nobody is told (a platform's own defaults aside).
   */
  notices?: { notifyAgent: boolean; bargeTone: boolean };
};

/** stopped: the supervisor left; call_ended: the monitored leg cleared; platform_stopped: the adapter shut down. */
export type MonitorEnd = { reason: "stopped" | "call_ended" | "platform_stopped" };

export interface MonitorSession {
  readonly id: string;
  readonly callId: string;
  readonly legId: string;
  readonly agentId: string;
  readonly sampleRate: number;
  /** The mode now (starts as requested; setMode changes it). */
  mode(): MonitorMode;
  /** Each frame the supervisor hears, as it plays; returns a function that stops listening. */
  onAudio(listener: (frame: Int16Array) => void): () => void;
  /** A frame of the supervisor's microphone; dropped while listening only. */
  sendAudio(frame: Int16Array): void;
  /** Switches mode on the same session: no new connection, the supervisor stays on the call. */
  setMode(mode: MonitorMode, signal: AbortSignal): Promise<void>;
  /** Leaves the call; nothing of the session stays behind on the platform. */
  stop(signal: AbortSignal): Promise<void>;
  /** Settles once, when the session ends for any reason. */
  readonly ended: Promise<MonitorEnd>;
}

/** 20 ms at 16 kHz: the frame size every session uses (320 samples). */
export const FRAME_MS = 20;
