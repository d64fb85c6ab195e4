import type { Actor } from "@/lib/audit/write-audit";
import type { MonitorMode } from "./capabilities";
import { FRAME_MS, type MonitorEnd, type MonitorSession } from "./monitor";

/** Who asked: the audit log's actor plus the sign-in session the relay's token is bound to. */
/** Who monitors: the audit log's actor, their sign-in, and their own phone (a "phone" platform rings it). */
export type MonitorActor = Actor & { sessionId: string; extension?: string };

/** What the relay counts on a session, shown in the owner's list (and read by the e2e tests). */
export type RelayStats = { connections: number; framesSent: number; framesDropped: number; micFrames: number };

/** Why a session ended: the platform's reasons, the browser gone for longer than the relay's grace period, or the owner's sign-in ended (or lost `monitor`). */
export type EndReason = MonitorEnd["reason"] | "disconnected" | "signed_out";

/**
 * What the relay hears about a session: a mode change, the call it is on now (null: a
 * followed agent's call ended and the next has not come), or its end.
 */
export type MonitorNotice = { type: "mode"; mode: MonitorMode } | { type: "call"; callId: string | null } | { type: "ended"; reason: EndReason };

export type MonitorSummary = {
  id: string;
  /** The call being monitored; null while following an agent between calls. */
  callId: string | null;
  agentId: string;
  /** The agent whose calls this session follows, or null for one call only. */
  following: string | null;
  mode: MonitorMode;
  startedAt: number;
  sampleRate: number;
  frameMs: number;
} & RelayStats;

/**
 * One supervisor's monitoring as the browser sees it: a stable id, owner and socket,
 * over one platform session at a time (a followed agent's next call brings a new one).
 * Audio listeners and the microphone go to whichever platform session is current.
 */
export class Supervision {
  readonly stats: RelayStats = { connections: 0, framesSent: 0, framesDropped: 0, micFrames: 0 };
  /** Set when a stop or the end is under way, so a platform session's end is not taken for a call change. */
  ending = false;
  /** Stops waiting for a followed agent's next call. */
  stopWaiting?: () => void;
  private session: MonitorSession | null = null;
  private detachAudio?: () => void;
  private currentMode: MonitorMode;
  private lastCallId: string;
  private lastAgentId: string;
  private readonly audio = new Set<(frame: Int16Array) => void>();
  private readonly listeners = new Set<(notice: MonitorNotice) => void>();

  constructor(
    readonly id: string,
    readonly owner: MonitorActor,
    readonly startedAt: number,
    readonly following: string | null,
    /** The owner's scope at the start, opaque here: a followed agent's next call must be in it too. */
    readonly access: unknown,
    first: MonitorSession,
  ) {
    this.currentMode = first.mode();
    this.lastCallId = first.callId;
    this.lastAgentId = first.agentId;
    this.sampleRate = first.sampleRate;
  }

  readonly sampleRate: number;

  platformSession(): MonitorSession | null {
    return this.session;
  }

  /** Takes the platform session as the current one; `onEnd` hears its end. */
  attach(session: MonitorSession, onEnd: (end: MonitorEnd) => void): void {
    this.detach();
    this.session = session;
    this.lastCallId = session.callId;
    this.lastAgentId = session.agentId;
    this.currentMode = session.mode();
    this.detachAudio = session.onAudio((frame) => {
      for (const l of this.audio) l(frame);
    });
    void session.ended.then((end) => {
      if (this.session === session) onEnd(end);
    });
  }

  detach(): void {
    this.detachAudio?.();
    this.detachAudio = undefined;
    this.session = null;
  }

  callId(): string | null {
    return this.session ? this.lastCallId : null;
  }

  /** The call last monitored (the audit's target while between calls). */
  lastCall(): string {
    return this.lastCallId;
  }

  mode(): MonitorMode {
    return this.session?.mode() ?? this.currentMode;
  }

  /** Between calls there is no platform session: the mode is kept for the next one. */
  keepMode(mode: MonitorMode): void {
    this.currentMode = mode;
  }

  onAudio(listener: (frame: Int16Array) => void): () => void {
    this.audio.add(listener);
    return () => void this.audio.delete(listener);
  }

  sendAudio(frame: Int16Array): void {
    this.session?.sendAudio(frame);
  }

  watch(listener: (notice: MonitorNotice) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  notify(notice: MonitorNotice): void {
    for (const l of this.listeners) l(notice);
  }

  /** Stops the session if nobody has connected by then (MonitorSessions.start). */
  connectDeadline: ReturnType<typeof setTimeout> | undefined;

  /** No one hears anything more from it. */
  close(): void {
    clearTimeout(this.connectDeadline);
    this.stopWaiting?.();
    this.stopWaiting = undefined;
    this.detach();
    this.audio.clear();
    this.listeners.clear();
  }

  summary(): MonitorSummary {
    return {
      id: this.id,
      callId: this.callId(),
      agentId: this.lastAgentId,
      following: this.following,
      mode: this.mode(),
      startedAt: this.startedAt,
      sampleRate: this.sampleRate,
      frameMs: FRAME_MS,
      ...this.stats,
    };
  }
}
