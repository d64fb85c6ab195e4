import { randomUUID } from "node:crypto";
import { CommandFailed } from "@/lib/telephony/commands";
import type { MonitorMode } from "@/lib/telephony/capabilities";
import type { MonitorEnd, MonitorRequest, MonitorSession } from "@/lib/telephony/monitor";
import type { ConnectedLeg } from "../platform/connected-leg";
import type { SupervisionDraft } from "../platform/supervision";
import { fillTemplate, plainWord } from "@/lib/telephony/dial-template";
import { withVariables } from "./dialstring";
import { abortion, apiOk, ORIGINATE_JOB_MS, type ChannelEvent, type EslApi } from "./esl-connection";
import { failureOf, parseApiReply } from "./esl-reply";

/**
 * A supervisor on a FreeSWITCH call: their own phone is rung (FREESWITCH_SUPERVISOR_DIALSTRING,
 * e.g. `user/{extension}`) and, once answered, runs `eavesdrop` on the agent's leg
 * (https://developer.signalwire.com/freeswitch/FreeSWITCH-Explained/Modules/mod-dptools/6586529,
 * "mod_dptools: eavesdrop", checked against src/mod/applications/mod_dptools/mod_dptools.c). The mode is set
 * twice over, as eavesdrop reads it:
 *
 * - at the start, by the leg's variables (mod_dptools.c eavesdrop_function):
 *   `eavesdrop_whisper_bleg=true` mixes the supervisor into what is written to the
 *   eavesdropped channel, i.e. the agent hears them (ED_MUX_WRITE);
 *   `eavesdrop_whisper_aleg=true` into what that channel reads, which goes on to the
 *   caller (ED_MUX_READ); both = barge, neither = listen (signalwire/freeswitch issue 2460
 *   saw the same: whisper_aleg on an eavesdrop of the a-leg is not heard by the a-leg);
 * - afterwards, by DTMF on the supervisor's leg, which eavesdrop reads while it runs
 *   (switch_ivr_async.c; the page's "2 to speak with the uuid, 1 to speak with the other
 *   half, 3 to engage a three way, 0 to restore eavesdrop"): whisper = 2 (the uuid is the
 *   agent's leg), barge = 3, listen = 0. The digits are injected with `uuid_recv_dtmf`
 *   (as if the supervisor's phone had sent them): `uuid_send_dtmf` would play them out to
 *   the phone instead, where eavesdrop never sees them.
 *
 * The supervisor hears and speaks on that phone, so the session carries no audio
 * (capabilities.monitorMedia = "phone"). Teardown: stop = `uuid_kill` of the supervisor's
 * leg; the agent's leg hanging up (CHANNEL_HANGUP_COMPLETE) ends eavesdrop, and the session
 * with `call_ended` at that event's time; the supervisor hanging up ends it as `stopped`;
 * the adapter stopping, or its socket reconnecting (events may have been missed), ends it
 * as `platform_stopped` and kills the leg.
 */
export const DTMF: Record<MonitorMode, string> = { listen: "0", whisper: "2", barge: "3" };

/** The variables that start eavesdrop in a mode. */
export function whisperVariables(mode: MonitorMode): { eavesdrop_whisper_aleg: string; eavesdrop_whisper_bleg: string } {
  return { eavesdrop_whisper_aleg: String(mode === "barge"), eavesdrop_whisper_bleg: String(mode !== "listen") };
}

export type SessionDeps = {
  esl: EslApi;
  dialString: string;
  emit: (leg: ConnectedLeg, draft: SupervisionDraft, time: number) => void;
  now: () => number;
  log: (line: string) => void;
};

/** An event's own time (Event-Date-Timestamp, microseconds), or now. */
function eventTime(e: ChannelEvent, now: () => number): number {
  const us = Number(e.headers["Event-Date-Timestamp"]);
  return Number.isFinite(us) && us > 0 ? Math.round(us / 1000) : now();
}

export class FreeswitchMonitorSession implements MonitorSession {
  readonly id = randomUUID();
  readonly sampleRate = 16_000;
  readonly ended: Promise<MonitorEnd>;
  /** The supervisor's leg: its origination_uuid, chosen by us so it can be killed whatever happens to the originate. */
  readonly supervisorLeg = randomUUID();
  private current: MonitorMode;
  private finish!: (end: MonitorEnd) => void;
  private done = false;
  private readonly unwatch: () => void;
  private agentGoneAt: number | undefined;
  /** supervision.started was said: only then is there an end to say. */
  private started = false;

  private constructor(
    private readonly deps: SessionDeps,
    readonly leg: ConnectedLeg,
    request: MonitorRequest,
  ) {
    this.current = request.mode;
    this.ended = new Promise((resolve) => (this.finish = resolve));
    this.unwatch = deps.esl.onChannelEvent((e) => this.onChannel(e));
  }

  get callId(): string {
    return this.leg.callId;
  }
  get legId(): string {
    return this.leg.legId;
  }
  get agentId(): string {
    return this.leg.agentId;
  }

  /** Rings the supervisor and starts eavesdrop; resolves once they answered (the site's dial string should auto-answer). */
  static async open(deps: SessionDeps, leg: ConnectedLeg, request: MonitorRequest, signal: AbortSignal): Promise<FreeswitchMonitorSession> {
    const channel = plainWord(leg.channelId, "call_ended", "agent channel");
    const target = fillTemplate(deps.dialString, { extension: request.supervisor.extension, supervisorId: request.supervisor.id }, "unsupported");
    if ((await apiOk(deps.esl, `uuid_exists ${channel}`, signal, "the agent's channel")) !== "true") {
      throw new CommandFailed("call_ended", `the agent's channel of call ${leg.callId} is gone`);
    }
    const session = new FreeswitchMonitorSession(deps, leg, request);
    const vars = { origination_uuid: session.supervisorLeg, eavesdrop_enable_dtmf: "true", ...whisperVariables(request.mode), cc_supervision_session: session.id };
    try {
      signal.throwIfAborted();
      const job = deps.esl.api(`originate ${withVariables(target, vars)} &eavesdrop(${channel})`, new AbortController().signal, ORIGINATE_JOB_MS).then(parseApiReply);
      void job.catch(() => undefined);
      const reply = await Promise.race([job, abortion(signal, "originate abandoned")]);
      if (!reply.ok) throw failureOf(reply.error, "ringing the supervisor's phone");
      if (session.agentGoneAt !== undefined) throw new CommandFailed("call_ended", `call ${leg.callId} ended while the supervisor's phone rang`);
      // eavesdrop ended as soon as it began: its target went, or the site's dialplan refused it (eavesdrop_require_group).
      if (session.done) throw new CommandFailed("not_permitted", `eavesdrop on call ${leg.callId} ended as soon as it began`);
    } catch (e) {
      session.unwatch();
      session.done = true;
      void session.kill();
      throw e;
    }
    session.started = true;
    deps.emit(
      leg,
      { type: "supervision.started", data: { sessionId: session.id, supervisorId: request.supervisor.id, supervisorName: request.supervisor.name, mode: request.mode } },
      deps.now(),
    );
    return session;
  }

  mode(): MonitorMode {
    return this.current;
  }

  /** The supervisor hears the call on their phone: no frames come here. */
  onAudio(): () => void {
    return () => undefined;
  }

  /** Nor does their microphone: they speak into the phone. */
  sendAudio(): void {}

  async setMode(mode: MonitorMode, signal: AbortSignal): Promise<void> {
    if (this.done) throw new CommandFailed("call_ended", "the monitoring session has ended");
    if (mode === this.current) return;
    await apiOk(this.deps.esl, `uuid_recv_dtmf ${this.supervisorLeg} ${DTMF[mode]}`, signal, "the mode change");
    const previousMode = this.current;
    this.current = mode;
    this.deps.emit(this.leg, { type: "supervision.mode_changed", data: { sessionId: this.id, mode, previousMode } }, this.deps.now());
  }

  async stop(signal: AbortSignal): Promise<void> {
    if (this.done) return;
    try {
      const reply = parseApiReply(await this.deps.esl.api(`uuid_kill ${this.supervisorLeg}`, signal));
      // Already gone (the supervisor hung up at the same moment) is as good as killed.
      if (!reply.ok && !/No such channel/.test(reply.error)) throw failureOf(reply.error, "hanging up the supervisor's leg");
    } finally {
      // The session is over for the product whatever FreeSWITCH said; a leg left behind is logged by kill().
      this.end("stopped", this.deps.now());
    }
  }

  /** Ends the session from the adapter's side (it stops, or its socket reconnected): the leg is killed, best effort. */
  close(): Promise<void> {
    if (this.done) return Promise.resolve();
    const killed = this.kill();
    this.end("platform_stopped", this.deps.now());
    return killed;
  }

  private onChannel(e: ChannelEvent): void {
    if (e.name !== "CHANNEL_HANGUP_COMPLETE") return;
    if (e.uuid === this.leg.channelId) {
      this.agentGoneAt = eventTime(e, this.deps.now);
      // eavesdrop returns when its target goes, and the supervisor's leg ends with it; killed anyway, in case the dialplan goes on.
      void this.kill();
      this.end("call_ended", this.agentGoneAt);
    } else if (e.uuid === this.supervisorLeg) this.end("stopped", eventTime(e, this.deps.now));
  }

  /** Hangs the supervisor's leg up, best effort (already gone is fine); settles when FreeSWITCH answered or 5 s passed, never rejects. */
  private kill(): Promise<void> {
    return this.deps.esl.api(`uuid_kill ${this.supervisorLeg}`, AbortSignal.timeout(5_000)).then(
      (r) => {
        const reply = parseApiReply(r);
        if (!reply.ok && !/No such channel/.test(reply.error)) this.deps.log(`freeswitch: supervisor leg ${this.supervisorLeg} not hung up: ${reply.error}`);
      },
      (err: unknown) => this.deps.log(`freeswitch: supervisor leg ${this.supervisorLeg} not hung up: ${(err as Error).message}`),
    );
  }

  private end(reason: MonitorEnd["reason"], time: number): void {
    if (this.done) return;
    this.done = true;
    this.unwatch();
    if (this.started) this.deps.emit(this.leg, { type: "supervision.ended", data: { sessionId: this.id, reason } }, time);
    this.finish({ reason });
  }
}
