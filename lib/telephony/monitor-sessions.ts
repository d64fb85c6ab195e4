import type { Actor } from "@/lib/audit/write-audit";
import type { CallPolicy } from "@/lib/monitoring-policy/call-policy";
import { policyRefusal } from "@/lib/monitoring-policy/policy";
import { Conflict, Forbidden, NotFound } from "@/lib/errors/domain-errors";
import type { MonitorMode } from "./capabilities";
import { runAudited } from "./audited-command";
import { CommandFailed } from "./commands";
import type { MonitorEnd, MonitorSession } from "./monitor";
import { MONITOR_TOKEN_TTL_MS } from "./monitor-token";
import { Supervision, type EndReason, type MonitorActor, type MonitorSummary } from "./monitor-supervision";
import type { TelephonyHandle } from "./registry";

export type { EndReason, MonitorActor, MonitorNotice, MonitorSummary, RelayStats } from "./monitor-supervision";
/** A session as the relay and the API hold it (monitor-supervision.ts). */
export type MonitorEntry = Supervision;

/**
 * The monitoring sessions this process holds for supervisors (docs/telephony.md,
 * "Monitoring from the browser"): each with who started it, so that only they may change
 * or stop it (an admin may stop anyone's), over the platform's MonitorSession of the call.
 * Following an agent, the session outlives the call: when the platform lets the
 * supervisor go because the call ended, it waits for the agent's next call in
 * conversation and joins it in the same mode, under the same id (the browser's socket
 * stays). Every platform command runs under the deadline, and every start, mode change
 * and end is one audit row, whatever the outcome.
 */

/** One audit row, as the service describes it; the deps add tenant, id and time. */
export type MonitorAudit = { actor: Actor; action: "monitor.started" | "monitor.mode_changed" | "monitor.stopped"; target: string; details: Record<string, unknown> };

export type MonitorDeps = {
  telephony: () => TelephonyHandle;
  audit: (row: MonitorAudit) => Promise<void>;
  now: () => number;
  deadlineMs?: number;
  /** Calls `onCall` with each call the agent is in conversation on from now (the live floor); returns the function that stops. */
  agentCalls?: (agentId: string, onCall: (callId: string) => void) => () => void;
  /** Whether the call is in the scope the owner had at the start (the same rule as the start's check). */
  inScope?: (access: unknown, callId: string) => boolean;
  /** How long a started session waits for its first connection before it is stopped (default: the token's lifetime). */
  connectWithinMs?: number;
  /** The policy of the call's queue (lib/monitoring-policy); without one, everything the platform offers is allowed. */
  policy?: (callId: string) => Promise<CallPolicy | undefined>;
};

export class MonitorSessions {
  private readonly held = new Map<string, Supervision>();

  constructor(private readonly deps: MonitorDeps) {}

  /**
   * Joins the call through the platform; the caller has already checked the call is in
   * their scope (`access`, kept for a followed agent's next calls). `follow`: stay with
   * the call's agent from call to call until stopped.
   */
  async start(actor: MonitorActor, request: { callId: string; mode: MonitorMode; follow?: boolean }, access?: unknown): Promise<Supervision> {
    const onPhone = this.deps.telephony().capabilities.monitorMedia === "phone";
    // Before the platform is asked: it would otherwise ring nobody (or a phone the template makes up).
    if (onPhone && !actor.extension)
      throw new Conflict(
        `${this.deps.telephony().name} rings the supervisor's own phone to monitor, and you have no phone extension: ask an admin to set one on the Users page`,
      );
    const session = await this.join(actor, request.callId, request.mode, request.follow === true);
    const s = new Supervision(session.id, actor, this.deps.now(), request.follow ? session.agentId : null, access, session);
    this.held.set(s.id, s);
    s.attach(session, (end) => this.platformEnded(s, end));
    // A session nobody ever connected to (the page went away before its answer came) would
    // listen on, and follow an agent, with no one to hear it: once the start's token has
    // expired unused, it is stopped. A dropped connection has the relay's grace period instead.
    // On a phone the supervisor is there already (they answered it), and the page opens no relay.
    if (onPhone) return s;
    s.connectDeadline = setTimeout(() => {
      if (this.held.get(s.id) !== s || s.stats.connections > 0) return;
      this.stop(s.owner, s.id, "disconnected").catch((e: unknown) => console.error(`monitor: could not stop unconnected session ${s.id}`, e));
    }, this.deps.connectWithinMs ?? MONITOR_TOKEN_TTL_MS);
    s.connectDeadline.unref?.();
    return s;
  }

  /** The owner switches mode on the same session (the browser's socket stays as it is); between a followed agent's calls, for the next one. */
  async setMode(actor: MonitorActor, id: string, mode: MonitorMode): Promise<MonitorSummary> {
    const s = this.owned(actor, id, "change");
    const previousMode = s.mode();
    const session = s.platformSession();
    await this.audited(
      { actor, action: "monitor.mode_changed", target: `call:${s.lastCall()}`, details: { sessionId: id, mode, previousMode } },
      "changing the monitoring mode",
      async (signal) => {
        this.requireMode(mode);
        await this.requireAllowed(s.lastCall(), mode);
        if (session) await session.setMode(mode, signal);
        else s.keepMode(mode);
      },
      () => (session ? {} : { betweenCalls: true }),
    );
    if (s.mode() === mode && previousMode !== mode) s.notify({ type: "mode", mode });
    return s.summary();
  }

  /** The owner (or an admin, or the relay after its grace period) leaves the call. */
  async stop(actor: MonitorActor, id: string, reason: "stopped" | "disconnected" | "signed_out" = "stopped"): Promise<void> {
    const s = this.owned(actor, id, "stop");
    const session = s.platformSession();
    // Audited here, with who asked and why, not by the end's own handler (which runs before stop() returns).
    s.ending = true;
    await this.audited(
      { actor, action: "monitor.stopped", target: `call:${s.lastCall()}`, details: { sessionId: id, reason, ...following(s) } },
      "stopping monitoring",
      async (signal) => {
        if (session) await session.stop(signal);
        this.forget(s, reason);
      },
      () => ({}),
    ).catch((e: unknown) => {
      s.ending = false;
      throw e;
    });
  }

  get(id: string): Supervision | undefined {
    return this.held.get(id);
  }

  mine(userId: string): MonitorSummary[] {
    return [...this.held.values()].filter((s) => s.owner.id === userId).map((s) => s.summary());
  }

  size(): number {
    return this.held.size;
  }

  /** The platform's start under the deadline, audited either way. */
  private join(actor: MonitorActor, callId: string, mode: MonitorMode, follow: boolean): Promise<MonitorSession> {
    return this.audited(
      { actor, action: "monitor.started", target: `call:${callId}`, details: { mode, ...(follow ? { follow: true } : {}) } },
      "starting to monitor a call",
      async (signal) => {
        this.requireMode(mode);
        const t = this.deps.telephony();
        if (!t.commands.startMonitor) throw new CommandFailed("unsupported", `the telephony platform in use (${t.name}) cannot monitor calls`);
        const rule = await this.requireAllowed(callId, mode);
        const notices = rule ? { notifyAgent: rule.policy.notifyAgent, bargeTone: rule.policy.bargeTone } : undefined;
        const supervisor = { id: actor.id, name: actor.name, ...(actor.extension ? { extension: actor.extension } : {}) };
        return t.commands.startMonitor({ callId, mode, supervisor, ...(notices ? { notices } : {}) }, signal);
      },
      (session) => ({ sessionId: session.id, ...(follow ? { following: session.agentId } : {}) }),
    );
  }

  /** A platform command under the deadline, audited whatever the outcome (audited-command.ts), through this service's own audit port. */
  private audited<T>(row: MonitorAudit, what: string, run: (signal: AbortSignal) => Promise<T>, outcome: (result: T) => Record<string, unknown>): Promise<T> {
    const o = { platform: this.deps.telephony().name, what, ...(this.deps.deadlineMs !== undefined ? { deadlineMs: this.deps.deadlineMs } : {}) };
    return runAudited((r) => this.deps.audit({ ...row, details: r.details }), row, o, run, outcome);
  }

  /** The call's queue policy allows the mode, or `not_permitted` saying what it does not allow (audited like any refusal). */
  private async requireAllowed(callId: string, mode: MonitorMode): Promise<CallPolicy | undefined> {
    const rule = await this.deps.policy?.(callId);
    if (!rule) return undefined;
    const refusal = policyRefusal(rule.policy, mode, rule.queueName);
    if (refusal) throw new CommandFailed("not_permitted", refusal);
    // A notice the policy requires (the agent told, a tone when barging in) and the platform cannot play: not without it.
    const t = this.deps.telephony();
    const needsNotice = rule.policy.notifyAgent || (mode === "barge" && rule.policy.bargeTone);
    if (needsNotice && !t.capabilities.monitorNotices)
      throw new CommandFailed(
        "not_permitted",
        `${rule.queueName}'s policy asks for ${rule.policy.notifyAgent ? "the agent to be told" : "a tone when barging in"}, which ${t.name} cannot play`,
      );
    return rule;
  }

  /** A mode the platform declares, or `unsupported` naming it. */
  private requireMode(mode: MonitorMode): void {
    const t = this.deps.telephony();
    if (!t.capabilities.monitorModes.includes(mode))
      throw new CommandFailed("unsupported", `the telephony platform in use (${t.name}) cannot ${mode === "listen" ? "monitor calls" : mode}`);
  }

  /** The platform let the supervisor go: the call ended (a followed agent's next call is awaited), or the platform stopped. */
  private platformEnded(s: Supervision, end: MonitorEnd): void {
    s.detach();
    if (s.ending) return;
    const audit = this.deps
      .audit({
        actor: s.owner,
        action: "monitor.stopped",
        target: `call:${s.lastCall()}`,
        details: { sessionId: s.id, reason: end.reason, platform: this.deps.telephony().name, ...following(s) },
      })
      .catch((e: unknown) => console.error("monitor: could not audit the end of a session", e));
    if (end.reason === "call_ended" && s.following && this.deps.agentCalls) {
      s.notify({ type: "call", callId: null });
      this.awaitNextCall(s);
      return void audit;
    }
    s.ending = true;
    this.forget(s, end.reason);
  }

  private awaitNextCall(s: Supervision): void {
    const agentId = s.following;
    if (!agentId || !this.deps.agentCalls) return;
    const left = s.lastCall();
    let joining = false;
    s.stopWaiting = this.deps.agentCalls(agentId, (callId) => {
      if (joining || callId === left || s.ending || (this.deps.inScope && !this.deps.inScope(s.access, callId))) return;
      joining = true;
      this.join(s.owner, callId, s.mode(), true).then(
        (session) => {
          if (s.ending || this.held.get(s.id) !== s) return void session.stop(AbortSignal.timeout(this.deps.deadlineMs ?? 5_000)).catch(() => undefined);
          s.stopWaiting?.();
          s.stopWaiting = undefined;
          s.attach(session, (end) => this.platformEnded(s, end));
          s.notify({ type: "call", callId });
        },
        // Refused (the call ended in the meantime, say): wait for the next one.
        () => (joining = false),
      );
    });
  }

  private forget(s: Supervision, reason: EndReason): void {
    if (this.held.get(s.id) !== s) return;
    this.held.delete(s.id);
    s.notify({ type: "ended", reason });
    s.close();
  }

  /** The session, if `actor` may act on it: its owner, or for stopping an admin too. Someone else's is a 403, an unknown id a 404. */
  private owned(actor: MonitorActor, id: string, what: "change" | "stop"): Supervision {
    const s = this.held.get(id);
    if (!s) throw new NotFound("monitoring session");
    const mayStop = what === "stop" && actor.role === "admin";
    if (s.owner.id !== actor.id && !mayStop) throw new Forbidden(`${what} another supervisor's monitoring session`);
    return s;
  }
}

function following(s: Supervision): { following?: string } {
  return s.following ? { following: s.following } : {};
}
