import type { Actor } from "@/lib/audit/write-audit";
import { Forbidden, NotFound } from "@/lib/errors/domain-errors";
import type { MonitorMode } from "./capabilities";
import { CommandFailed, withDeadline } from "./commands";
import { FRAME_MS, type MonitorEnd, type MonitorSession } from "./monitor";
import type { TelephonyHandle } from "./registry";

/**
 * The monitoring sessions this process holds for supervisors (docs/telephony.md,
 * "Monitoring from the browser"): each platform MonitorSession with who started it,
 * so that only they may change or stop it (an admin may stop anyone's), and what the
 * browser relay counts on it. Every start, mode change and end is one audit row,
 * whatever the outcome; every platform call runs under the command deadline.
 */

/** Who asked: the audit log's actor plus the sign-in session the relay's token is bound to. */
export type MonitorActor = Actor & { sessionId: string };

/** What the relay counts on a session, shown in the owner's list (and read by the e2e tests). */
export type RelayStats = { connections: number; framesSent: number; framesDropped: number; micFrames: number };

/** What the relay hears about a session: a mode change, or its end. */
export type MonitorNotice = { type: "mode"; mode: MonitorMode } | { type: "ended"; reason: EndReason };

/** Why a session ended: the platform's reasons, or the browser gone for longer than the relay's grace period. */
export type EndReason = MonitorEnd["reason"] | "disconnected";

export type MonitorEntry = {
  readonly id: string;
  readonly callId: string;
  readonly agentId: string;
  readonly owner: MonitorActor;
  readonly startedAt: number;
  readonly session: MonitorSession;
  readonly stats: RelayStats;
  /** Returns the function that stops listening. */
  watch(listener: (notice: MonitorNotice) => void): () => void;
};

export type MonitorSummary = {
  id: string;
  callId: string;
  agentId: string;
  mode: MonitorMode;
  startedAt: number;
  sampleRate: number;
  frameMs: number;
} & RelayStats;

/** One audit row, as the service describes it; the deps add tenant, id and time. */
export type MonitorAudit = { actor: Actor; action: "monitor.started" | "monitor.mode_changed" | "monitor.stopped"; target: string; details: Record<string, unknown> };

export type MonitorDeps = {
  telephony: () => TelephonyHandle;
  audit: (row: MonitorAudit) => Promise<void>;
  now: () => number;
  deadlineMs?: number;
};

type Held = MonitorEntry & { listeners: Set<(notice: MonitorNotice) => void>; endAudited: boolean };

export class MonitorSessions {
  private readonly held = new Map<string, Held>();

  constructor(private readonly deps: MonitorDeps) {}

  /** Joins the call through the platform; the caller has already checked the call is in their scope. */
  async start(actor: MonitorActor, request: { callId: string; mode: MonitorMode }): Promise<MonitorEntry> {
    const t = this.deps.telephony();
    const audit = (outcome: Record<string, unknown>) =>
      this.deps.audit({ actor, action: "monitor.started", target: `call:${request.callId}`, details: { mode: request.mode, platform: t.name, ...outcome } });
    try {
      if (!t.capabilities.monitorModes.includes(request.mode)) {
        throw new CommandFailed("unsupported", `the telephony platform in use (${t.name}) cannot ${request.mode === "listen" ? "monitor calls" : request.mode}`);
      }
      const run = t.commands.startMonitor;
      if (!run) throw new CommandFailed("unsupported", `the telephony platform in use (${t.name}) cannot monitor calls`);
      const supervisor = { id: actor.id, name: actor.name };
      const session = await withDeadline((signal) => run({ ...request, supervisor }, signal), this.deps.deadlineMs, "starting to monitor a call");
      const entry = this.hold(actor, session);
      await audit({ sessionId: session.id });
      return entry;
    } catch (e) {
      if (e instanceof CommandFailed) await audit({ failed: e.code, error: e.message });
      throw e;
    }
  }

  /** The owner switches mode on the same platform session (the browser's socket stays as it is). */
  async setMode(actor: MonitorActor, id: string, mode: MonitorMode): Promise<MonitorSummary> {
    const entry = this.owned(actor, id, "change");
    const t = this.deps.telephony();
    const previousMode = entry.session.mode();
    const audit = (outcome: Record<string, unknown>) =>
      this.deps.audit({
        actor,
        action: "monitor.mode_changed",
        target: `call:${entry.callId}`,
        details: { sessionId: id, mode, previousMode, platform: t.name, ...outcome },
      });
    try {
      if (!t.capabilities.monitorModes.includes(mode)) throw new CommandFailed("unsupported", `the telephony platform in use (${t.name}) cannot ${mode}`);
      await withDeadline((signal) => entry.session.setMode(mode, signal), this.deps.deadlineMs, "changing the monitoring mode");
      await audit({});
    } catch (e) {
      if (e instanceof CommandFailed) await audit({ failed: e.code, error: e.message });
      throw e;
    }
    if (entry.session.mode() === mode && previousMode !== mode) this.notify(entry, { type: "mode", mode });
    return summarize(entry);
  }

  /** The owner (or an admin, or the relay after its grace period) leaves the call. */
  async stop(actor: MonitorActor, id: string, reason: "stopped" | "disconnected" = "stopped"): Promise<void> {
    const entry = this.owned(actor, id, "stop");
    const audit = (outcome: Record<string, unknown>) =>
      this.deps.audit({
        actor,
        action: "monitor.stopped",
        target: `call:${entry.callId}`,
        details: { sessionId: id, reason, platform: this.deps.telephony().name, ...outcome },
      });
    // Audited here, with who asked and why, not by the end's own handler (which runs before stop() returns).
    entry.endAudited = true;
    try {
      await withDeadline((signal) => entry.session.stop(signal), this.deps.deadlineMs, "stopping monitoring");
    } catch (e) {
      entry.endAudited = false;
      if (e instanceof CommandFailed) await audit({ failed: e.code, error: e.message });
      throw e;
    }
    this.forget(entry, reason);
    await audit({});
  }

  get(id: string): MonitorEntry | undefined {
    return this.held.get(id);
  }

  mine(userId: string): MonitorSummary[] {
    return [...this.held.values()].filter((e) => e.owner.id === userId).map(summarize);
  }

  summary(id: string): MonitorSummary | undefined {
    const e = this.held.get(id);
    return e && summarize(e);
  }

  /** Every session this process holds (the platform is stopping: it ends them itself). */
  size(): number {
    return this.held.size;
  }

  private hold(owner: MonitorActor, session: MonitorSession): Held {
    const listeners = new Set<(notice: MonitorNotice) => void>();
    const entry: Held = {
      id: session.id,
      callId: session.callId,
      agentId: session.agentId,
      owner,
      startedAt: this.deps.now(),
      session,
      stats: { connections: 0, framesSent: 0, framesDropped: 0, micFrames: 0 },
      listeners,
      endAudited: false,
      watch: (listener) => {
        listeners.add(listener);
        return () => void listeners.delete(listener);
      },
    };
    this.held.set(entry.id, entry);
    // The platform let the supervisor go (the call ended, the platform stopped): audited as the owner's session ending.
    void session.ended.then(async (end) => {
      if (entry.endAudited) return this.forget(entry, end.reason);
      entry.endAudited = true;
      this.forget(entry, end.reason);
      await this.deps
        .audit({
          actor: owner,
          action: "monitor.stopped",
          target: `call:${entry.callId}`,
          details: { sessionId: entry.id, reason: end.reason, platform: this.deps.telephony().name },
        })
        .catch((e: unknown) => console.error("monitor: could not audit the end of a session", e));
    });
    return entry;
  }

  private forget(entry: Held, reason: EndReason): void {
    if (this.held.get(entry.id) !== entry) return;
    this.held.delete(entry.id);
    this.notify(entry, { type: "ended", reason });
    entry.listeners.clear();
  }

  private notify(entry: Held, notice: MonitorNotice): void {
    for (const l of entry.listeners) l(notice);
  }

  /** The session, if `actor` may act on it: its owner, or for stopping an admin too. Someone else's is a 403, an unknown id a 404. */
  private owned(actor: MonitorActor, id: string, what: "change" | "stop"): Held {
    const entry = this.held.get(id);
    if (!entry) throw new NotFound("monitoring session");
    const mayStop = what === "stop" && actor.role === "admin";
    if (entry.owner.id !== actor.id && !mayStop) throw new Forbidden(`${what} another supervisor's monitoring session`);
    return entry;
  }
}

export function summarize(e: MonitorEntry): MonitorSummary {
  return {
    id: e.id,
    callId: e.callId,
    agentId: e.agentId,
    mode: e.session.mode(),
    startedAt: e.startedAt,
    sampleRate: e.session.sampleRate,
    frameMs: FRAME_MS,
    ...e.stats,
  };
}
