import type { CtiEvent } from "@/lib/events";
import { NO_CAPABILITIES, type PlatformCapabilities } from "@/lib/telephony/capabilities";
import { CommandFailed, type PlatformCommands } from "@/lib/telephony/commands";
import type { MonitorRequest, MonitorSession } from "@/lib/telephony/monitor";
import type { PlatformAdapter, PlatformContext } from "../platform/adapter";
import { setAgentStateViaAmi } from "./agent-state";
import { AmiClient, type AmiConfig } from "./ami-client";
import { AriClient, type AriConfig } from "./ari-client";
import { AriEventStream } from "./ari-events";
import { ariRecordingSource } from "./ari-recordings";
import { requireConnectedLeg } from "../platform/connected-leg";
import type { AsteriskFloor, ConnectedLeg } from "./floor";
import { deliverSupervision, tracked, type SupervisionDraft, type SupervisionOrigin } from "../platform/supervision";
import { AsteriskMonitorSession } from "./monitor-session";
import { AsteriskCallback, type CallbackConfig } from "./callback";
import type { CallbackCommand, CallbackResult } from "@/lib/telephony/commands";
import { QueueLogTail } from "./queue-log-tail";

/**
 * TELEPHONY=asterisk: commands to a real Asterisk through ARI (listen / whisper / barge)
 * and AMI (an agent's queue state). The call and agent events come from Asterisk's queue_log:
 * followed here when the product can read the file (`queueLog`), else imported beside it
 * (`npm run import:queue-log --follow`) or sent through Kafka. The adapter also delivers the
 * supervision.* events of the sessions it runs, since only it knows them.
 * docs/telephony.md ("Asterisk") says what it calls and what a site must configure.
 */
export type AsteriskAdapterOptions = {
  ari: AriConfig;
  ami: AmiConfig;
  floor: AsteriskFloor;
  tenantId: string;
  /** The `source` of the events it emits, e.g. asterisk://pbx1 (part of each queue_log event's id). */
  source: string;
  /** Asterisk's queue_log to follow for the call and agent events, and app_queue's wrapuptime (queue_log does not record it). */
  queueLog?: { file: string; wrapUpSeconds: number; pollMs?: number };
  /** Where callbacks ring (ASTERISK_CALLBACK_ENDPOINT, ASTERISK_SUPERVISOR_ENDPOINT, ...); defaults in DEFAULT_CALLBACK. */
  callback?: Partial<CallbackConfig>;
  now?: () => number;
};

export const DEFAULT_CALLBACK: CallbackConfig = { customerEndpoint: "PJSIP/{number}@trunk", supervisorEndpoint: "PJSIP/{extension}", firstRingS: 30, customerRingS: 30 };

export class AsteriskAdapter implements PlatformAdapter {
  readonly name = "asterisk";
  readonly capabilities: PlatformCapabilities = {
    ...NO_CAPABILITIES,
    setAgentState: true,
    fetchRecording: true,
    monitorModes: ["listen", "whisper", "barge"],
    originateCallback: true,
    callbackFirst: ["agent", "supervisor"],
  };
  readonly commands: PlatformCommands = {
    setAgentState: (command, signal) => setAgentStateViaAmi(this.ami, this.opts.floor, command, signal),
    startMonitor: (request, signal) => this.startMonitor(request, signal),
    fetchRecordings: (options) => ariRecordingSource(this.ari, { ...options, now: this.now }),
    originateCallback: (command, signal) => this.originateCallback(command, signal),
  };
  private readonly ari: AriClient;
  private readonly ami: AmiClient;
  private readonly events: AriEventStream;
  private readonly sessions = new Set<AsteriskMonitorSession>();
  private readonly callbacks = new Set<AsteriskCallback>();
  /** Agents and extensions on one of our callbacks now. */
  private readonly callbackParties = new Set<string>();
  private ctx: PlatformContext | undefined;
  /** Set by stop(): a session whose open finishes after it is closed at once, not kept. */
  private stopping = false;
  private tail: QueueLogTail | undefined;
  private readonly now: () => number;
  private readonly origin: SupervisionOrigin;

  constructor(private readonly opts: AsteriskAdapterOptions) {
    this.ari = new AriClient(opts.ari);
    this.ami = new AmiClient(opts.ami);
    this.events = new AriEventStream(this.ari.eventsUrl());
    this.now = opts.now ?? Date.now;
    this.origin = { platform: "asterisk", tenantId: opts.tenantId, source: opts.source };
  }

  /**
   * Follows the queue_log, when there is one, until caught up; then opens ARI's event stream for
   * our app (which also registers the app with Asterisk). AMI connects on first use. The events
   * keep coming when ARI cannot be reached; monitoring tries ARI again on each start.
   */
  async start(ctx: PlatformContext): Promise<void> {
    this.ctx = ctx;
    this.stopping = false;
    if (this.opts.queueLog) {
      this.tail = new QueueLogTail({ ...this.opts.queueLog, tenantId: this.opts.tenantId, source: this.opts.source });
      await this.tail.start(ctx);
    }
    await this.events.connect(AbortSignal.timeout(10_000));
    ctx.log(`asterisk: ARI event stream open for app ${this.opts.ari.app} at ${this.opts.ari.url}`);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.tail?.stop();
    await Promise.all([...this.sessions].map((s) => s.close()));
    this.sessions.clear();
    await Promise.all([...this.callbacks].map((c) => c.close()));
    this.callbacks.clear();
    this.ami.close();
    await this.events.close();
    this.ctx = undefined;
  }

  private async startMonitor(request: MonitorRequest, signal: AbortSignal): Promise<MonitorSession> {
    if (!this.ctx) throw new CommandFailed("unreachable", "the Asterisk adapter is not started");
    const leg = requireConnectedLeg(await this.opts.floor.connectedLeg(request.callId), request.callId);
    // The stream reopens here if it dropped since start (the sessions it carried have ended).
    await this.events.connect(signal);
    const emit = (l: ConnectedLeg, d: SupervisionDraft, t: number) => deliverSupervision(this.ctx, this.origin, l, d, t);
    const deps = { ari: this.ari, events: this.events, emit, now: this.now, log: this.ctx.log };
    const session = await AsteriskMonitorSession.open(deps, leg, request, signal);
    // stop() has closed the sessions it knew of; this one opened after, so nothing else would remove it from Asterisk.
    if (this.stopping) {
      await session.close();
      throw new CommandFailed("unreachable", "the Asterisk adapter stopped while the monitoring session was starting");
    }
    return tracked(this.sessions, session);
  }

  private async originateCallback(command: CallbackCommand, signal: AbortSignal): Promise<CallbackResult> {
    const ctx = this.ctx;
    if (!ctx) throw new CommandFailed("unreachable", "the Asterisk adapter is not started");
    await this.events.connect(signal);
    const deliver = (events: CtiEvent[]) =>
      void Promise.resolve()
        .then(() => ctx.events.live(events))
        .catch((e: unknown) => ctx.log(`asterisk: callback events were not delivered: ${(e as Error).message}`));
    const deps = {
      ari: this.ari,
      events: this.events,
      floor: this.opts.floor,
      config: { ...DEFAULT_CALLBACK, ...this.opts.callback },
      origin: this.origin,
      deliver,
      now: this.now,
      log: ctx.log,
      inUse: this.callbackParties,
    };
    const { result, callback } = await AsteriskCallback.place(deps, command, signal);
    if (this.stopping) {
      await callback.close();
      throw new CommandFailed("unreachable", "the Asterisk adapter stopped while the callback was being placed");
    }
    tracked(this.callbacks, callback);
    return result;
  }
}
