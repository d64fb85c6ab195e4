import type { MonitorMode } from "@/lib/telephony/capabilities";
import type { MonitorTicket } from "@/lib/telephony/monitor-api";
import type { MonitorSummary } from "@/lib/telephony/monitor-sessions";
import type { RelayNoticeMessage } from "@/server/monitor-relay";
import { apiSend } from "@/lib/query-options/api-send";
import { ApiError } from "@/lib/query-options/fetch-json";
import { HEADSET_ADVICE, MonitorAudio, type MicProblem, type PlayerStats } from "./monitor-audio";

/**
 * One supervisor's monitoring from this page (docs/telephony.md, "Monitoring from the
 * browser"): start through the API, the relay's WebSocket for audio both ways, mode
 * changes through the API on the same socket, a reconnect with a fresh token when the
 * socket drops (the server keeps the session about 15 s), and stop. One call at a time:
 * starting another leaves the first. A small external store for React
 * (useSyncExternalStore); counters reach it at most four times a second.
 *
 * On a "phone" platform (capabilities.monitorMedia) the PBX rings the supervisor's own
 * phone and the session carries no audio: the page opens neither the microphone nor the
 * relay, and learns the session's mode and end by asking for the owner's sessions every
 * couple of seconds (mode changes and stop go through the API as usual).
 */

/** How the supervisor hears the call: in this page, or on their own phone (its extension, when they have one). */
export type MonitorMedia = { kind: "browser" } | { kind: "phone"; extension: string | null };

export type MonitorStatus = "idle" | "starting" | "connecting" | "live" | "reconnecting" | "ended" | "error";

export type MonitorState = {
  status: MonitorStatus;
  /** The call monitored now; null while following an agent between calls. */
  callId: string | null;
  /** The agent followed from call to call, if any. */
  following: string | null;
  sessionId: string | null;
  mode: MonitorMode | null;
  /** The relay's id for the socket in use: the same across mode changes. */
  connectionId: string | null;
  framesReceived: number;
  micFramesSent: number;
  player: PlayerStats | null;
  /** Why it stopped or failed, or advice (a headset, a secure page). */
  message: string | null;
  micAdvice: string | null;
};

export const IDLE: MonitorState = {
  status: "idle",
  callId: null,
  following: null,
  sessionId: null,
  mode: null,
  connectionId: null,
  framesReceived: 0,
  micFramesSent: 0,
  player: null,
  message: null,
  micAdvice: null,
};

/** How long the page keeps trying to reconnect: the server's grace period. */
const RECONNECT_FOR_MS = 15_000;
const PUBLISH_EVERY_MS = 250;
/** On the phone: how often the page asks whether the session is still on, and in which mode. */
export const PHONE_POLL_MS = 2_000;

const ENDED: Record<string, string> = {
  stopped: "Monitoring stopped.",
  call_ended: "The call ended.",
  platform_stopped: "The telephony platform stopped.",
  disconnected: "The connection was lost for too long; monitoring stopped.",
  signed_out: "Your sign-in ended (or no longer allows monitoring); monitoring stopped.",
};

export class MonitorController {
  private state: MonitorState = IDLE;
  private readonly listeners = new Set<() => void>();
  private socket?: WebSocket;
  private audio?: MonitorAudio;
  private counters = { framesReceived: 0, micFramesSent: 0, player: null as PlayerStats | null };
  private publishTimer?: ReturnType<typeof setInterval>;
  private lostAt = 0;
  /** Bumped on every start and stop, so the answers of an older attempt change nothing. */
  private generation = 0;
  private pollTimer?: ReturnType<typeof setInterval>;

  constructor(readonly media: MonitorMedia = { kind: "browser" }) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  getSnapshot = (): MonitorState => this.state;

  /** From a click: the audio context is made here, inside the gesture, so the browser lets it play. `follow`: the call's agent, from call to call. */
  async start(callId: string, mode: MonitorMode, follow?: { agentId: string }): Promise<void> {
    if (this.state.sessionId) await this.stop();
    const generation = ++this.generation;
    if (this.media.kind === "phone") return this.startOnPhone(callId, mode, follow, generation);
    this.counters = { framesReceived: 0, micFramesSent: 0, player: null };
    this.audio = new MonitorAudio((s) => (this.counters.player = s));
    this.set({ ...IDLE, status: "starting", callId, mode, following: follow?.agentId ?? null });
    this.publishTimer = setInterval(() => this.publish(), PUBLISH_EVERY_MS);
    try {
      const ticket = await apiSend<MonitorTicket>("POST", "/api/monitor/sessions", { callId, mode, ...(follow ? { follow: true } : {}) });
      // Stopped, left or started again while the start was on its way: leave the call it joined.
      if (generation !== this.generation) return void this.leave(ticket.session.id);
      this.set({ status: "connecting", sessionId: ticket.session.id, mode: ticket.session.mode, following: ticket.session.following });
      this.open(ticket, generation);
      await this.micFor(ticket.session.mode);
    } catch (e) {
      if (generation === this.generation) this.fail((e as Error).message);
    }
  }

  /** The PBX rings the supervisor's phone while the start is on its way; answered, the session is live. */
  private async startOnPhone(callId: string, mode: MonitorMode, follow: { agentId: string } | undefined, generation: number): Promise<void> {
    this.set({ ...IDLE, status: "starting", callId, mode, following: follow?.agentId ?? null });
    try {
      const ticket = await apiSend<MonitorTicket>("POST", "/api/monitor/sessions", { callId, mode, ...(follow ? { follow: true } : {}) });
      if (generation !== this.generation) return void this.leave(ticket.session.id);
      const s = ticket.session;
      this.set({ status: "live", sessionId: s.id, mode: s.mode, callId: s.callId, following: s.following });
      this.pollTimer = setInterval(() => void this.pollPhone(s.id, generation), PHONE_POLL_MS);
    } catch (e) {
      if (generation === this.generation) this.fail((e as Error).message);
    }
  }

  /** The session as the server holds it now: gone means it ended (the call ended, or the phone was hung up). */
  private async pollPhone(sessionId: string, generation: number): Promise<void> {
    try {
      const res = await fetch("/api/monitor/sessions", { headers: { accept: "application/json" } });
      if (!res.ok || generation !== this.generation) return;
      const { sessions } = (await res.json()) as { sessions: MonitorSummary[] };
      const s = sessions.find((x) => x.id === sessionId);
      if (!s) return this.finish("Monitoring ended (the call ended, or your phone hung up).");
      if (s.mode !== this.state.mode || s.callId !== this.state.callId) this.set({ mode: s.mode, callId: s.callId });
    } catch {
      // A missed answer: the next one will tell.
    }
  }

  /** Same session, same socket: only the platform's mode changes. */
  async setMode(mode: MonitorMode): Promise<void> {
    const { sessionId } = this.state;
    if (!sessionId) return;
    try {
      const s = await apiSend<MonitorSummary>("PATCH", `/api/monitor/sessions/${encodeURIComponent(sessionId)}`, { mode });
      this.set({ mode: s.mode, message: null });
      await this.micFor(s.mode);
    } catch (e) {
      this.set({ message: (e as Error).message });
    }
  }

  async stop(): Promise<void> {
    const { sessionId } = this.state;
    this.generation++;
    this.teardown();
    this.set({ ...IDLE, status: "idle" });
    if (sessionId) await this.leave(sessionId);
  }

  /** Leaves a session on the server, with a request that outlives the page (keepalive). */
  private leave(sessionId: string): Promise<void> {
    return fetch(`/api/monitor/sessions/${encodeURIComponent(sessionId)}`, { method: "DELETE", keepalive: true }).then(
      () => undefined,
      () => undefined,
    );
  }

  /**
   * The page is going away: leave the call, with a request that outlives the page
   * (keepalive); should it not get through, the relay's grace period ends the session.
   */
  dispose(): void {
    const { sessionId } = this.state;
    this.generation++;
    this.teardown();
    if (sessionId) void this.leave(sessionId);
  }

  private open(ticket: MonitorTicket, generation: number): void {
    const scheme = window.location.protocol === "https:" ? "wss" : "ws";
    const ws = new WebSocket(`${scheme}://${window.location.host}${ticket.relay.path}?token=${encodeURIComponent(ticket.relay.token)}`);
    ws.binaryType = "arraybuffer";
    this.socket = ws;
    ws.onmessage = (e: MessageEvent<ArrayBuffer | string>) => {
      if (typeof e.data !== "string") {
        this.counters.framesReceived += 1;
        void this.audio?.play(e.data);
        return;
      }
      const m = JSON.parse(e.data) as RelayNoticeMessage;
      if (m.type === "hello") {
        this.lostAt = 0;
        this.set({ status: "live", connectionId: m.connectionId, mode: m.mode as MonitorMode, callId: m.callId, following: m.following });
      } else if (m.type === "mode") this.set({ mode: m.mode as MonitorMode });
      else if (m.type === "call") this.set({ callId: m.callId });
      else if (m.type === "ended") this.finish(ENDED[m.reason] ?? `Monitoring ended (${m.reason}).`);
    };
    ws.onclose = () => {
      if (this.socket !== ws || generation !== this.generation || this.state.status === "ended") return;
      this.socket = undefined;
      void this.reconnect(generation);
    };
  }

  private async reconnect(generation: number): Promise<void> {
    const sessionId = this.state.sessionId;
    if (!sessionId) return;
    this.lostAt ||= Date.now();
    this.set({ status: "reconnecting" });
    while (generation === this.generation && Date.now() - this.lostAt < RECONNECT_FOR_MS) {
      try {
        const ticket = await apiSend<MonitorTicket>("POST", `/api/monitor/sessions/${encodeURIComponent(sessionId)}/token`);
        if (generation !== this.generation) return;
        this.open(ticket, generation);
        return;
      } catch (e) {
        // The session is gone (it ended, or the server forgot it): nothing to come back to.
        if (e instanceof ApiError && (e.status === 404 || e.status === 403)) return this.finish("Monitoring ended.");
        await new Promise((r) => setTimeout(r, 1_000));
      }
    }
    if (generation === this.generation) this.fail("The connection to the monitoring relay was lost.");
  }

  private async micFor(mode: MonitorMode): Promise<void> {
    // On the phone the supervisor speaks into it; no MonitorAudio was made.
    if (!this.audio) return;
    if (mode === "listen") {
      this.audio.stopMic();
      return;
    }
    try {
      const started = await this.audio.startMic((frame) => {
        const ws = this.socket;
        if (ws?.readyState !== WebSocket.OPEN || this.state.mode === "listen") return;
        ws.send(frame);
        this.counters.micFramesSent += 1;
      });
      this.set({ micAdvice: started.echoCancellation ? null : HEADSET_ADVICE });
    } catch (e) {
      const problem = e as MicProblem;
      this.set({ micAdvice: problem.message ?? String(e) });
    }
  }

  private finish(message: string): void {
    this.generation++;
    this.teardown();
    this.set({ status: "ended", message });
  }

  private fail(message: string): void {
    this.generation++;
    this.teardown();
    this.set({ status: "error", message });
  }

  private teardown(): void {
    clearInterval(this.publishTimer);
    this.publishTimer = undefined;
    clearInterval(this.pollTimer);
    this.pollTimer = undefined;
    const ws = this.socket;
    this.socket = undefined;
    ws?.close(1000, "monitoring stopped");
    this.audio?.close();
    this.audio = undefined;
  }

  private publish(): void {
    const c = this.counters;
    if (c.framesReceived !== this.state.framesReceived || c.micFramesSent !== this.state.micFramesSent || c.player !== this.state.player) {
      this.set({ framesReceived: c.framesReceived, micFramesSent: c.micFramesSent, player: c.player });
    }
  }

  private set(change: Partial<MonitorState>): void {
    this.state = { ...this.state, ...change };
    for (const l of this.listeners) l();
  }
}
