import { randomUUID } from "node:crypto";
import type { CtiEvent } from "@/lib/events";
import { CommandFailed, isCommandFailed, type CallbackCommand, type CallbackResult } from "@/lib/telephony/commands";
import { fillTemplate, plainWord } from "@/lib/telephony/dial-template";
import type { AriClient } from "./ari-client";
import type { AriEventStream } from "./ari-events";
import { ariTime, type AriEvent } from "./ari-types";
import { callbackEvents, type CallbackCall, type CallbackEvents } from "./callback-events";
import { pickMember, unansweredCause } from "./callback-party";
import type { AsteriskFloor } from "./floor";
import type { SupervisionOrigin } from "../platform/supervision";

/**
 * A callback placed through ARI, in our Stasis app, as a site would with Originate and Dial,
 * because a call outside a queue writes no queue_log and the product would never see it
 * otherwise. The first phone (the agent's member interface, or the supervisor's own endpoint)
 * is originated into our app with the customer's number as caller ID; its StasisStart is the
 * pick-up, and the customer is originated (ASTERISK_CALLBACK_ENDPOINT, with the queue's caller
 * ID); the customer's StasisStart puts both in a mixing bridge. Either party's ChannelDestroyed
 * ends it: before the customer answered, as call.failed with the cause; after, as a cleared
 * call with who released it. Every end (a hang-up, a refusal, the event stream lost, the adapter
 * stopping) hangs up both channels and destroys the bridge, so nothing is left in Asterisk.
 * The call's events are the adapter's own (callback-events.ts).
 */
export type CallbackConfig = {
  /** The customer's endpoint: `{number}`, `{queue}` (e.g. PJSIP/{number}@trunk). */
  customerEndpoint: string;
  /** A supervisor's own phone: `{extension}`, `{supervisorId}` (e.g. PJSIP/{extension}). */
  supervisorEndpoint: string;
  /** What the customer's phone shows: `{queue}` allowed; none: Asterisk's default for the endpoint. */
  callerId?: string;
  /** How long each phone rings before the callback gives up on it. */
  firstRingS: number;
  customerRingS: number;
};

export type CallbackDeps = {
  ari: AriClient;
  events: AriEventStream;
  floor: AsteriskFloor;
  config: CallbackConfig;
  origin: SupervisionOrigin;
  deliver: (events: CtiEvent[]) => void;
  now: () => number;
  log: (line: string) => void;
  /** Agents and supervisor extensions on a callback of ours now: a second one to them is busy. */
  inUse: Set<string>;
};

/** Teardown runs under its own timeout, never the command's: cut short, it would leave channels in Asterisk. */
const TEARDOWN_MS = 10_000;

type Phase = "ringing" | "dialling" | "talking" | "done";

export class AsteriskCallback {
  readonly ended: Promise<void>;
  private phase: Phase = "ringing";
  private finish!: () => void;
  private readonly customerId: string;
  private readonly bridgeId: string;
  private bridged = false;
  private answeredAt = 0;
  private dialledAt = 0;
  private readonly unwatch: (() => void)[] = [];
  private readonly ev: CallbackEvents;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly deps: CallbackDeps,
    readonly callId: string,
    /** Read by the events as they are made: offeredAt is set once Asterisk made the channel. */
    call: CallbackCall,
    private readonly busyKey: string,
    private readonly customerEndpoint: string,
    private readonly callerId: string | undefined,
    /** An agent's state to go back to (undefined reason: ready); absent for a supervisor. */
    private readonly agentBack: { reasonCode?: string } | undefined,
  ) {
    this.ev = callbackEvents(deps.origin, call);
    this.customerId = `${callId}-customer`;
    this.bridgeId = `${callId}-bridge`;
    this.ended = new Promise((resolve) => (this.finish = resolve));
  }

  /** Places the callback: answers once Asterisk made the first phone's channel; the rest runs on. */
  static async place(deps: CallbackDeps, command: CallbackCommand, signal: AbortSignal): Promise<{ result: CallbackResult; callback: AsteriskCallback }> {
    const number = plainWord(command.number, "not_permitted", "number");
    const queue = plainWord(command.queueId, "no_such_queue", "queue");
    const members = await deps.floor.queueMembers(queue);
    let first: { id: string; iface: string; isAgent: boolean; key: string; back?: { reasonCode?: string } };
    if (command.first === "supervisor") {
      const { id, extension } = command.supervisor;
      if (members === undefined) throw new CommandFailed("no_such_queue", `no queue "${queue}" is known from Asterisk's queue_log`);
      const iface = fillTemplate(deps.config.supervisorEndpoint, { extension: plainWord(extension, "not_permitted", "extension"), supervisorId: id }, "not_permitted");
      first = { id, iface, isAgent: false, key: `extension:${extension}` };
    } else {
      const m = pickMember(members, queue, command.agentId, new Set([...deps.inUse].filter((k) => k.startsWith("agent:")).map((k) => k.slice(6))));
      first = {
        id: m.agentId,
        iface: m.memberInterface,
        isAgent: true,
        key: `agent:${m.agentId}`,
        back: { reasonCode: m.state === "not_ready" ? m.reasonCode : undefined },
      };
    }
    if (deps.inUse.has(first.key)) throw new CommandFailed("busy", `${first.iface} is already on a callback`);
    const customerEndpoint = fillTemplate(deps.config.customerEndpoint, { number, queue }, "not_permitted");
    const callerId = deps.config.callerId === undefined ? undefined : fillTemplate(deps.config.callerId, { queue }, "not_permitted");
    const callId = randomUUID();
    // Replaced by Asterisk's own creation time of the channel once it answers the originate.
    const call = {
      callId,
      queueId: queue,
      number,
      from: callerId ?? queue,
      callbackOf: command.callbackOf,
      party: { id: first.id, iface: first.iface, isAgent: first.isAgent },
      offeredAt: deps.now(),
    };
    const cb = new AsteriskCallback(deps, callId, call, first.key, customerEndpoint, callerId, first.back);
    deps.inUse.add(first.key);
    // Listening before asking: the channel's events may come before the answer to the originate.
    cb.watch();
    try {
      signal.throwIfAborted();
      const channel = await deps.ari.originate(
        { endpoint: first.iface, channelId: callId, otherChannelId: `${callId}-2`, callerId: number, timeoutS: deps.config.firstRingS, appArgs: "callback,first" },
        signal,
      );
      if (channel.creationtime) call.offeredAt = ariTime(channel.creationtime);
    } catch (e) {
      await cb.end(undefined);
      throw isCommandFailed(e) || !(e instanceof Error) ? e : new CommandFailed("unreachable", e.message);
    }
    // Offered and delivered at once, unless the phone's end already came in while we waited for the answer.
    if (cb.phase !== "done") deps.deliver([cb.ev.offered(call.offeredAt), cb.ev.delivered(call.offeredAt)]);
    return { result: { callId, ...(first.isAgent ? { agentId: first.id } : {}) }, callback: cb };
  }

  /** The adapter is stopping (or its event stream was lost): hang up and say how it ended. */
  close(): Promise<void> {
    return this.serial(() => this.end({ why: "platform_stopped", at: this.deps.now() }));
  }

  private watch(): void {
    this.unwatch.push(this.deps.events.on((e) => this.onEvent(e)));
    this.unwatch.push(
      this.deps.events.onClose((why) => {
        this.deps.log(`asterisk: callback ${this.callId} lost: the ARI event stream ${why}`);
        void this.close();
      }),
    );
  }

  private onEvent(e: AriEvent): void {
    if (this.phase === "done") return;
    const at = ariTime(e.timestamp);
    if (e.type === "StasisStart" && e.channel.id === this.callId && this.phase === "ringing") {
      this.phase = "dialling";
      void this.serial(() => this.dialCustomer(at));
    } else if (e.type === "StasisStart" && e.channel.id === this.customerId && this.phase === "dialling") {
      this.phase = "talking";
      void this.serial(() => this.connect(at));
    } else if (e.type === "ChannelDestroyed" && (e.channel.id === this.callId || e.channel.id === this.customerId)) {
      const firstGone = e.channel.id === this.callId;
      void this.serial(() => this.end({ why: firstGone ? "first" : "customer", at, cause: e.cause }));
    }
  }

  /** The first phone picked up: an agent is busy from now, and the customer's phone rings. */
  private async dialCustomer(at: number): Promise<void> {
    if (this.phase === "done") return;
    this.answeredAt = at;
    this.dialledAt = at;
    if (this.agentBack) this.deps.deliver([this.ev.agentBusy(at)]);
    try {
      await this.deps.ari.originate(
        {
          endpoint: this.customerEndpoint,
          channelId: this.customerId,
          otherChannelId: `${this.customerId}-2`,
          callerId: this.callerId,
          timeoutS: this.deps.config.customerRingS,
          appArgs: "callback,customer",
        },
        AbortSignal.timeout(TEARDOWN_MS),
      );
    } catch (e) {
      this.deps.log(`asterisk: callback ${this.callId} could not dial the customer: ${(e as Error).message}`);
      await this.end({ why: "customer", at: this.deps.now(), cause: 0, failure: "failed" });
    }
  }

  /** The customer answered: both in one mixing bridge. */
  private async connect(at: number): Promise<void> {
    if (this.phase === "done") return;
    try {
      const signal = AbortSignal.timeout(TEARDOWN_MS);
      await this.deps.ari.createMixingBridge(`ccs-callback-${this.callId}`, signal, this.bridgeId);
      this.bridged = true;
      await this.deps.ari.addChannel(this.bridgeId, [this.callId, this.customerId], signal);
    } catch (e) {
      this.deps.log(`asterisk: callback ${this.callId} could not bridge the parties: ${(e as Error).message}`);
      this.deps.deliver([this.ev.established(at, at - this.dialledAt)]);
      this.answeredAt = at;
      await this.end({ why: "platform_stopped", at: this.deps.now(), cause: 0, failure: "bridge_failed" });
      return;
    }
    this.answeredAt = at;
    this.deps.deliver([this.ev.established(at, at - this.dialledAt)]);
  }

  /**
   * Ends the callback once: hangs up what is left, then says how it went. `ended` undefined:
   * the originate itself failed, and the command's answer says so (no events).
   */
  private async end(ended: { why: "first" | "customer" | "platform_stopped"; at: number; cause?: number; failure?: string } | undefined): Promise<void> {
    if (this.phase === "done") return;
    const was = this.phase;
    this.phase = "done";
    for (const off of this.unwatch.splice(0)) off();
    await this.teardown();
    this.deps.inUse.delete(this.busyKey);
    if (ended) this.deps.deliver(this.outcome(was, ended));
    this.finish();
  }

  private outcome(was: Phase, e: { why: "first" | "customer" | "platform_stopped"; at: number; cause?: number; failure?: string }): CtiEvent[] {
    const back = this.agentBack && was !== "ringing" ? [this.ev.agentBack(e.at, this.agentBack.reasonCode)] : [];
    if (was === "talking") {
      const by = e.why === "first" ? "agent" : e.why === "customer" ? "caller" : "system";
      return [...this.ev.cleared(e.at, this.answeredAt, by, e.failure ?? (by === "system" ? "platform_stopped" : "normal")), ...back];
    }
    const who = this.agentBack ? "agent" : "supervisor";
    // The first phone never answered: nobody was dialled, and the cause says whose phone it was.
    const cause =
      e.failure ??
      (e.why === "platform_stopped"
        ? "platform_stopped"
        : was === "ringing"
          ? `${who}_${unansweredCause(e.cause ?? 0)}`
          : e.why === "first"
            ? "cancelled"
            : unansweredCause(e.cause ?? 0));
    return [this.ev.failed(e.at, cause), ...back];
  }

  /** Both channels hung up and the bridge destroyed; what is gone already is fine, and one failure does not stop the rest. */
  private async teardown(): Promise<void> {
    const signal = AbortSignal.timeout(TEARDOWN_MS);
    const steps = [() => this.deps.ari.hangup(this.callId, signal), () => this.deps.ari.hangup(this.customerId, signal)];
    if (this.bridged) steps.push(() => this.deps.ari.destroyBridge(this.bridgeId, signal));
    for (const step of steps) {
      try {
        await step();
      } catch (e) {
        this.deps.log(`asterisk: cleaning up after callback ${this.callId}: ${(e as Error).message}`);
      }
    }
  }

  private serial<T>(run: () => Promise<T>): Promise<T> {
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
