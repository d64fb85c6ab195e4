import { NO_CAPABILITIES, type PlatformCapabilities } from "@/lib/telephony/capabilities";
import { CommandFailed, type PlatformCommands } from "@/lib/telephony/commands";
import type { MonitorRequest, MonitorSession } from "@/lib/telephony/monitor";
import type { PlatformAdapter, PlatformContext } from "../platform/adapter";
import { requireConnectedLeg, type ConnectedLeg } from "../platform/connected-leg";
import { deliverSupervision, tracked, type SupervisionDraft, type SupervisionOrigin } from "../platform/supervision";
import type { FindAgentLeg } from "./agent-leg";
import { setAgentStateViaCallcenter } from "./agent-state";
import { originateCallbackViaEsl } from "./callback";
import { EslConnection, type EslApi, type EslConfig } from "./esl-connection";
import { FreeswitchMonitorSession } from "./monitor-session";

/**
 * TELEPHONY=freeswitch: commands to FreeSWITCH over its event socket (mod_event_socket,
 * through our own client, esl-client.ts): agent state through mod_callcenter, callbacks with originate, and
 * listen / whisper / barge with eavesdrop on the supervisor's own phone
 * (docs/telephony.md, "FreeSWITCH"). Like the Asterisk adapter, it delivers only the
 * supervision.* events of its sessions; the site's call and agent events reach the store
 * through Kafka (its feed of FreeSWITCH's events), and the agent's leg of a call is read
 * from them (`findAgentLeg`).
 */
export type FreeswitchAdapterOptions = {
  esl: EslConfig;
  /** For tests: the event socket to use instead of one made from `esl`. */
  connection?: (log: (line: string) => void) => EslApi;
  findAgentLeg: FindAgentLeg;
  /** FREESWITCH_CALLBACK_DIALSTRING: {agent}, {number}, {queue}. */
  callbackDialString: string;
  /** FREESWITCH_SUPERVISOR_CALLBACK_DIALSTRING: {extension}, {supervisorId}, {number}, {queue}. */
  supervisorCallbackDialString: string;
  /** FREESWITCH_SUPERVISOR_DIALSTRING: {extension}, {supervisorId}. */
  supervisorDialString: string;
  tenantId: string;
  /** The `source` of the events it emits, e.g. freeswitch://pbx1. */
  source: string;
  now?: () => number;
};

export class FreeswitchAdapter implements PlatformAdapter {
  readonly name = "freeswitch";
  readonly capabilities: PlatformCapabilities = {
    ...NO_CAPABILITIES,
    setAgentState: true,
    originateCallback: true,
    callbackFirst: ["agent", "supervisor"],
    monitorModes: ["listen", "whisper", "barge"],
    monitorMedia: "phone",
  };
  readonly commands: PlatformCommands = {
    setAgentState: (command, signal) => setAgentStateViaCallcenter(this.socket(), command, signal),
    originateCallback: (command, signal) =>
      originateCallbackViaEsl(
        this.socket(),
        { dialString: this.opts.callbackDialString, supervisorDialString: this.opts.supervisorCallbackDialString, log: this.log },
        command,
        signal,
      ),
    startMonitor: (request, signal) => this.startMonitor(request, signal),
  };
  private esl: EslApi | undefined;
  private ctx: PlatformContext | undefined;
  private readonly sessions = new Set<FreeswitchMonitorSession>();
  private readonly now: () => number;
  private unwatch: (() => void) | undefined;
  private readonly origin: SupervisionOrigin;

  constructor(private readonly opts: FreeswitchAdapterOptions) {
    this.now = opts.now ?? Date.now;
    this.origin = { platform: "freeswitch", tenantId: opts.tenantId, source: opts.source };
  }

  private readonly log = (line: string): void => this.ctx?.log(line);

  /**
   * Connects and waits for FreeSWITCH to answer one command (`status`), so that live means
   * commands will be heard. A FreeSWITCH that refuses the password rejects this at once
   * (saying so); one that is down after 10 s. The client goes on trying either way, and
   * commands work once it answers.
   */
  async start(ctx: PlatformContext): Promise<void> {
    this.ctx = ctx;
    const esl = this.opts.connection?.(this.log) ?? new EslConnection(this.opts.esl, this.log);
    this.esl = esl;
    // The client reconnects by itself; a new connection may have missed a hang-up, so the sessions running then end
    // (told before anything else goes out on it, so a session started on the new connection is not among them).
    this.unwatch = esl.onReconnect(() => this.endSessionsOnReconnect());
    await esl.api("status", AbortSignal.timeout(10_000));
    ctx.log(`freeswitch: event socket open at ${this.opts.esl.host}:${this.opts.esl.port}`);
  }

  async stop(): Promise<void> {
    this.unwatch?.();
    this.unwatch = undefined;
    // Each leg hung up (or 5 s given up) before the socket closes, so no supervisor is left eavesdropping.
    await Promise.all([...this.sessions].map((s) => s.close()));
    this.sessions.clear();
    this.esl?.close();
    this.esl = undefined;
    this.ctx = undefined;
  }

  private socket(): EslApi {
    if (!this.esl) throw new CommandFailed("unreachable", "the FreeSWITCH adapter is not started");
    return this.esl;
  }

  private endSessionsOnReconnect(): void {
    if (this.sessions.size > 0) this.log(`freeswitch: the event socket reconnected; ${this.sessions.size} monitoring session(s) end`);
    for (const s of this.sessions) void s.close();
    this.sessions.clear();
  }

  private async startMonitor(request: MonitorRequest, signal: AbortSignal): Promise<MonitorSession> {
    const esl = this.socket();
    const leg = requireConnectedLeg(await this.opts.findAgentLeg(request.callId), request.callId);
    const emit = (l: ConnectedLeg, d: SupervisionDraft, t: number) => deliverSupervision(this.ctx, this.origin, l, d, t);
    const deps = { esl, dialString: this.opts.supervisorDialString, emit, now: this.now, log: this.log };
    return tracked(this.sessions, await FreeswitchMonitorSession.open(deps, leg, request, signal));
  }
}
