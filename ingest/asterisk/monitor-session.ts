import { randomUUID } from "node:crypto";
import type { MonitorMode } from "@/lib/telephony/capabilities";
import { CommandFailed } from "@/lib/telephony/commands";
import type { MonitorEnd, MonitorRequest, MonitorSession } from "@/lib/telephony/monitor";
import type { AriClient, SnoopDirection } from "./ari-client";
import type { AriEventStream } from "./ari-events";
import { ariTime, type AriEvent } from "./ari-types";
import type { SupervisionDraft } from "../platform/supervision";
import type { ConnectedLeg } from "./floor";
import { MEDIA_FORMAT, MEDIA_SAMPLE_RATE, MediaSocket } from "./media-socket";
import { waitWithin } from "./wait-within";

/**
 * A supervisor on an Asterisk call: a snoop on the agent's channel (spy=both: the agent
 * and the caller) and our externalMedia channel (chan_websocket) in one mixing bridge.
 * What the bridge mixes for the media channel is what the supervisor hears; what we send
 * on the media socket goes, through the snoop's whisper direction, to the agent only
 * (whisper=out: out of Asterisk, towards the agent's phone), to both (barge: whisper=both),
 * or nowhere (listen: whisper=none, and sendAudio drops it as well).
 * A mode change replaces the snoop in the same bridge; the media channel and its socket stay.
 * The session ends when stopped, when the agent's channel goes (the call ended), or when
 * Asterisk drops our side; each end removes everything it made, so nothing is left in Asterisk.
 */
export const WHISPER: Readonly<Record<MonitorMode, SnoopDirection>> = { listen: "none", whisper: "out", barge: "both" };

/**
 * How long teardown may take. It always runs under this, never under a caller's deadline: a
 * teardown cut short would leave the snoop, media channel or bridge in Asterisk for good.
 */
const TEARDOWN_MS = 10_000;
/** How long a snoop that ended by itself waits for word that the agent's channel went (it comes within a millisecond). */
const AGENT_WORD_MS = 1_000;

/** A hard hangup request (a soft one is Asterisk asking a channel to leave an application) or the channel's destruction. */
const isAgentGone = (e: AriEvent): boolean => e.type === "ChannelDestroyed" || (e.type === "ChannelHangupRequest" && e.soft !== true);

export type SessionDeps = {
  ari: AriClient;
  events: AriEventStream;
  /** Emits a supervision event on the leg, at `time` (platform time). */
  emit: (leg: ConnectedLeg, event: SupervisionDraft, time: number) => void;
  now: () => number;
  log: (line: string) => void;
};

type Made = { bridgeId?: string; mediaId?: string; media?: MediaSocket; snoops: Set<string>; subscribed?: string };

export class AsteriskMonitorSession implements MonitorSession {
  readonly id: string;
  readonly callId: string;
  readonly legId: string;
  readonly agentId: string;
  readonly sampleRate = MEDIA_SAMPLE_RATE;
  readonly ended: Promise<MonitorEnd>;
  private current: MonitorMode;
  private snoopId: string;
  private snoopCount = 1;
  private done = false;
  private finish!: (end: MonitorEnd) => void;
  private readonly listeners = new Set<(frame: Int16Array) => void>();
  private readonly unwatch: (() => void)[] = [];
  /** Mode changes and the end run one at a time, in the order asked. */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly deps: SessionDeps,
    private readonly leg: ConnectedLeg,
    request: MonitorRequest,
    private readonly made: Made,
    id: string,
    snoopId: string,
  ) {
    this.id = id;
    this.callId = leg.callId;
    this.legId = leg.legId;
    this.agentId = leg.agentId;
    this.current = request.mode;
    this.snoopId = snoopId;
    this.ended = new Promise((resolve) => (this.finish = resolve));
    made.media?.onFrame((frame) => {
      for (const l of [...this.listeners]) l(frame);
    });
    this.unwatch.push(deps.events.on((e) => this.onEvent(e)));
    this.unwatch.push(deps.events.onClose((why) => this.lost(`the ARI event stream ${why}`)));
    if (made.media) this.unwatch.push(made.media.onClose((why) => this.lost(`the media WebSocket ${why}`)));
    deps.emit(
      leg,
      { type: "supervision.started", data: { sessionId: this.id, supervisorId: request.supervisor.id, supervisorName: request.supervisor.name, mode: this.current } },
      deps.now(),
    );
  }

  /**
   * Joins the call: subscribe to the agent's channel (to hear it go), make the bridge, the
   * media channel (connecting its socket puts it in our app) and the snoop, then bridge
   * them. Any failure removes what was made before it and rethrows.
   */
  static async open(deps: SessionDeps, leg: ConnectedLeg, request: MonitorRequest, signal: AbortSignal): Promise<AsteriskMonitorSession> {
    const id = randomUUID();
    const made: Made = { snoops: new Set() };
    const snoopId = `${id}-snoop-1`;
    // The call may end while we set up, before the session listens: remember when.
    let goneAt: number | undefined;
    const offEarly = deps.events.on((e) => {
      if (goneAt === undefined && e.channel.id === leg.channelId && isAgentGone(e)) goneAt = ariTime(e.timestamp);
    });
    try {
      await deps.ari.subscribeChannel(leg.channelId, signal);
      made.subscribed = leg.channelId;
      made.bridgeId = (await deps.ari.createMixingBridge(`ccs-monitor-${id}`, signal)).id;
      made.mediaId = `${id}-media`;
      const mediaId = made.mediaId;
      await inStasis(deps.events, mediaId, signal, async () => {
        const channel = await deps.ari.externalMediaWebSocket(MEDIA_FORMAT, mediaId, signal);
        const connection = channel.channelvars?.MEDIA_WEBSOCKET_CONNECTION_ID;
        if (!connection)
          throw new CommandFailed(
            "unreachable",
            "Asterisk's externalMedia answer names no MEDIA_WEBSOCKET_CONNECTION_ID (is chan_websocket 20.16 / 21.11 / 22.6 / 23 or later loaded?)",
          );
        made.media = await MediaSocket.connect(deps.ari.mediaUrl(connection), signal);
      });
      made.snoops.add(snoopId);
      await inStasis(deps.events, snoopId, signal, () => deps.ari.snoop(leg.channelId, "both", WHISPER[request.mode], snoopId, signal));
      await deps.ari.addChannel(made.bridgeId, [mediaId, snoopId], signal);
    } catch (e) {
      await removeAll(deps, made, "a failed start");
      throw e;
    } finally {
      offEarly();
    }
    const session = new AsteriskMonitorSession(deps, leg, request, made, id, snoopId);
    if (goneAt !== undefined) {
      const at = goneAt;
      void session.serial(() => session.end("call_ended", at, AbortSignal.timeout(TEARDOWN_MS)));
    }
    return session;
  }

  mode(): MonitorMode {
    return this.current;
  }

  onAudio(listener: (frame: Int16Array) => void): () => void {
    if (this.done) return () => {};
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  sendAudio(frame: Int16Array): void {
    if (this.done || this.current === "listen") return;
    this.made.media?.send(frame);
  }

  /**
   * Replaces the snoop with one whispering the new way. The new snoop is made under the caller's
   * signal; if any step fails (or the deadline passes), the old snoop is put back in the bridge
   * and the new one hung up, under the session's own timeout, before the failure is rethrown:
   * the session goes on in its old mode rather than with no snoop at all.
   */
  setMode(mode: MonitorMode, signal: AbortSignal): Promise<void> {
    const changing = this.serial(async () => {
      if (this.done || mode === this.current) return;
      const bridgeId = this.made.bridgeId ?? "";
      const old = this.snoopId;
      const next = `${this.id}-snoop-${++this.snoopCount}`;
      this.made.snoops.add(next);
      let oldOut = false;
      try {
        await inStasis(this.deps.events, next, signal, () => this.deps.ari.snoop(this.leg.channelId, "both", WHISPER[mode], next, signal));
        // The new snoop joins before the old one leaves would double the audio for a moment; a gap of a frame is kinder.
        oldOut = true;
        await this.deps.ari.removeChannel(bridgeId, old, signal);
        await this.deps.ari.addChannel(bridgeId, [next], signal);
      } catch (e) {
        await this.keepSnoop(old, next, oldOut);
        throw e;
      }
      // From here the old snoop's end is ours, not news (onEvent watches snoopId).
      this.snoopId = next;
      const previousMode = this.current;
      this.current = mode;
      this.deps.emit(this.leg, { type: "supervision.mode_changed", data: { sessionId: this.id, mode, previousMode } }, this.deps.now());
      try {
        await this.deps.ari.hangup(old, AbortSignal.timeout(TEARDOWN_MS));
        this.made.snoops.delete(old);
      } catch (e) {
        // Still in made.snoops: the session's end hangs it up.
        this.deps.log(`asterisk: session ${this.id} could not hang up its replaced snoop ${old}: ${(e as Error).message}`);
      }
    });
    return waitWithin(changing, signal, `the mode change of session ${this.id}`);
  }

  /** A failed mode change: the new snoop hung up, the old one back in the bridge if it may have left it. */
  private async keepSnoop(old: string, next: string, oldOut: boolean): Promise<void> {
    const signal = AbortSignal.timeout(TEARDOWN_MS);
    const failed = (what: string) => (e: unknown) => this.deps.log(`asterisk: session ${this.id}, after a failed mode change, ${what}: ${(e as Error).message}`);
    await this.deps.ari.hangup(next, signal).then(() => void this.made.snoops.delete(next), failed(`hanging up the new snoop ${next}`));
    // If the old snoop never left (removeChannel failed), Asterisk may refuse this: logged, and the snoop is where it should be.
    if (oldOut) await this.deps.ari.addChannel(this.made.bridgeId ?? "", [old], signal).catch(failed(`putting the old snoop ${old} back`));
  }

  /** Ends the session; the teardown runs to its end under its own timeout, the caller's signal bounds only the wait. */
  stop(signal: AbortSignal): Promise<void> {
    return waitWithin(
      this.serial(() => this.end("stopped", this.deps.now(), AbortSignal.timeout(TEARDOWN_MS))),
      signal,
      `the end of session ${this.id}`,
    );
  }

  /** The adapter is stopping: remove what we made, and say nothing (the runtime is going away). */
  close(): Promise<void> {
    return this.serial(() => this.end("platform_stopped", this.deps.now(), AbortSignal.timeout(TEARDOWN_MS), false));
  }

  /**
   * Seen on Asterisk 23 when the agent hangs up: the agent channel's ChannelHangupRequest, our
   * snoop's StasisEnd and ChannelDestroyed, then the agent channel's ChannelDestroyed, all
   * within the same millisecond. The first word of the agent channel ending ends the session.
   */
  private onEvent(e: AriEvent): void {
    if (this.done) return;
    if (e.channel.id === this.leg.channelId && isAgentGone(e)) {
      const at = ariTime(e.timestamp);
      void this.serial(() => this.end("call_ended", at, AbortSignal.timeout(TEARDOWN_MS)));
      return;
    }
    if (e.type !== "ChannelDestroyed" && e.type !== "StasisEnd") return;
    if (e.channel.id === this.snoopId) void this.serial(() => this.snoopGone(ariTime(e.timestamp)));
    else if (e.channel.id === this.made.mediaId) this.lost(`Asterisk ended the media channel (${e.type})`);
  }

  /**
   * Our snoop ended without us asking and without word of the agent's channel: someone hung
   * the snoop up, or the agent's channel is going and its events are on their way. Its
   * ChannelDestroyed is waited for a moment, then Asterisk is asked.
   */
  private async snoopGone(at: number): Promise<void> {
    if (this.done) return;
    const signal = AbortSignal.timeout(TEARDOWN_MS);
    const agent = this.leg.channelId;
    const word = await this.deps.events
      .waitFor((e): e is AriEvent => e.channel.id === agent && isAgentGone(e), AbortSignal.timeout(AGENT_WORD_MS), `the end of channel ${agent}`)
      .then(
        (e) => ariTime(e.timestamp),
        () => undefined,
      );
    if (this.done) return;
    const agentThere =
      word === undefined &&
      (await this.deps.ari.getChannel(agent, signal).then(
        () => true,
        () => false,
      ));
    await this.end(agentThere ? "platform_stopped" : "call_ended", word ?? at, signal);
  }

  private lost(why: string): void {
    if (this.done) return;
    this.deps.log(`asterisk: monitoring session ${this.id} lost: ${why}`);
    void this.serial(() => this.end("platform_stopped", this.deps.now(), AbortSignal.timeout(TEARDOWN_MS)));
  }

  private async end(reason: MonitorEnd["reason"], at: number, signal: AbortSignal, announce = true): Promise<void> {
    if (this.done) return;
    this.done = true;
    this.listeners.clear();
    for (const off of this.unwatch.splice(0)) off();
    await removeAll(this.deps, this.made, `session ${this.id}'s end`, signal);
    if (announce) this.deps.emit(this.leg, { type: "supervision.ended", data: { sessionId: this.id, reason } }, at);
    this.finish({ reason });
  }

  private serial<T>(run: () => Promise<T>): Promise<T> {
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

/** Runs `request` (which makes channel `channelId` in our app) and resolves once Asterisk says StasisStart for it. */
async function inStasis(events: AriEventStream, channelId: string, signal: AbortSignal, request: () => Promise<unknown>): Promise<void> {
  const local = new AbortController();
  // Listening before asking: the StasisStart may arrive before the answer to the request.
  const started = events.waitFor(
    (e): e is AriEvent => e.type === "StasisStart" && e.channel.id === channelId,
    AbortSignal.any([signal, local.signal]),
    `StasisStart of ${channelId}`,
  );
  started.catch(() => undefined);
  try {
    await request();
    await started;
  } finally {
    local.abort();
  }
}

/** Everything a session made, removed; what is already gone is fine, and one failure does not stop the rest. */
async function removeAll(deps: SessionDeps, made: Made, why: string, signal = AbortSignal.timeout(TEARDOWN_MS)): Promise<void> {
  made.media?.close();
  const steps: (() => Promise<void>)[] = [
    ...[...made.snoops].map((id) => () => deps.ari.hangup(id, signal)),
    ...(made.mediaId ? [() => deps.ari.hangup(made.mediaId ?? "", signal)] : []),
    ...(made.bridgeId ? [() => deps.ari.destroyBridge(made.bridgeId ?? "", signal)] : []),
    ...(made.subscribed ? [() => deps.ari.unsubscribeChannel(made.subscribed ?? "", signal)] : []),
  ];
  made.snoops.clear();
  for (const step of steps) {
    try {
      await step();
    } catch (e) {
      deps.log(`asterisk: cleaning up after ${why}: ${(e as Error).message}`);
    }
  }
}
