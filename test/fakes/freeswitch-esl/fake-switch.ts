import { randomUUID } from "node:crypto";
import { ctiEventSchema, SPEC_VERSION, type CtiEvent } from "@/lib/events";
import { FakeCallcenter, type CcAgent } from "./fake-callcenter";

/**
 * The switch behind the fake event socket: channels, a mod_callcenter queue with its
 * agents, and callers arriving on a fixed schedule, on a clock the test moves. It answers
 * the API commands the adapter uses with the text FreeSWITCH writes (mod_commands.c,
 * mod_callcenter.c, mod_hash.c; docs: developer.signalwire.com/freeswitch, "mod_commands",
 * "mod_callcenter", "mod_dptools: eavesdrop") and fires CHANNEL_CREATE / CHANNEL_ANSWER /
 * CHANNEL_HANGUP_COMPLETE with Unique-ID and `variable_*` headers.
 *
 * It also writes the CTI events a site's feed would publish for what happens on it (the
 * product gets a FreeSWITCH site's call and agent events from Kafka, not from this
 * adapter): that is `feed`, which the contract suites read.
 */
export type Fire = (name: string, headers: Record<string, string>) => void;

export type Channel = {
  uuid: string;
  ext?: string;
  vars: Record<string, string>;
  answered: boolean;
  /** The eavesdrop app running on this channel: its target and mux flags (switch_ivr_async.c: ED_MUX_READ, ED_MUX_WRITE). */
  eavesdrop?: { target: string; read: boolean; write: boolean };
  received: string[];
  sent: string[];
};

export type SwitchOptions = {
  queue: string;
  /** Agent names, which are also their extensions (user/<name>). */
  agents: readonly string[];
  /** Extensions registered besides the agents' (supervisors' phones). */
  phones: readonly string[];
  arrivalEveryS: number;
  talkS: (n: number) => number;
};

type Timer = { at: number; seq: number; run: () => void };

export class FakeSwitch {
  readonly channels = new Map<string, Channel>();
  readonly feed: CtiEvent[] = [];
  readonly hash = new Map<string, string>();
  readonly registered: Set<string>;
  /** Extensions whose phone rings out (originate answers -ERR NO_ANSWER after 30 s). */
  readonly unanswered = new Set<string>();
  readonly callcenter: FakeCallcenter;
  fire: Fire = () => undefined;
  private timers: Timer[] = [];
  private seq = 0;
  private uuids = 0;
  private callbacks = 0;

  constructor(
    private now: number,
    readonly opts: SwitchOptions,
  ) {
    this.registered = new Set([...opts.agents, ...opts.phones]);
    this.callcenter = new FakeCallcenter(this, opts);
  }

  time(): number {
    return this.now;
  }

  uuid(): string {
    return `00000000-0000-4000-8000-${String(++this.uuids).padStart(12, "0")}`;
  }

  at(at: number, run: () => void): void {
    this.timers.push({ at, seq: ++this.seq, run });
  }

  /** Moves the clock `ms` on, running what falls due in order. */
  advance(ms: number): void {
    const to = this.now + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= to).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.now = Math.max(this.now, due.at);
      due.run();
    }
    this.now = to;
  }

  /** A CTI event of the site's feed, checked against the product's schema. */
  emit(fields: Record<string, unknown>): void {
    this.feed.push(ctiEventSchema.parse({ specVersion: SPEC_VERSION, id: randomUUID(), source: "freeswitch://fake", tenantId: "t1", time: this.now, ...fields }));
  }

  createChannel(uuid: string, ext: string | undefined, vars: Record<string, string>): Channel {
    const ch: Channel = { uuid, ext, vars, answered: false, received: [], sent: [] };
    this.channels.set(uuid, ch);
    this.channelEvent("CHANNEL_CREATE", ch);
    return ch;
  }

  answer(ch: Channel): void {
    ch.answered = true;
    this.channelEvent("CHANNEL_ANSWER", ch);
  }

  /** Hangs a channel up; whoever eavesdrops on it is let go, and their leg (an originate's &eavesdrop) ends with it. */
  hangup(uuid: string, cause = "NORMAL_CLEARING"): boolean {
    const ch = this.channels.get(uuid);
    if (!ch) return false;
    this.channels.delete(uuid);
    this.channelEvent("CHANNEL_HANGUP_COMPLETE", ch, { "Hangup-Cause": cause });
    for (const other of [...this.channels.values()]) if (other.eavesdrop?.target === uuid) this.hangup(other.uuid);
    return true;
  }

  busy(ext: string): boolean {
    return [...this.channels.values()].some((c) => c.ext === ext);
  }

  private channelEvent(name: string, ch: Channel, extra: Record<string, string> = {}): void {
    const vars = Object.fromEntries(Object.entries(ch.vars).map(([k, v]) => [`variable_${k}`, v]));
    this.fire(name, {
      "Unique-ID": ch.uuid,
      "Channel-Name": `sofia/internal/${ch.ext ?? "caller"}@fake`,
      "Answer-State": ch.answered ? "answered" : "ringing",
      ...vars,
      ...extra,
    });
  }

  /** An API command (cmd, and its argument as one string): FreeSWITCH's reply text. */
  async api(cmd: string, arg: string): Promise<string> {
    switch (cmd) {
      case "status":
        return "UP 0 years, 0 days, 0 hours, 5 minutes\nFreeSWITCH (Version fake) is ready\n";
      case "uuid_exists":
        return this.channels.has(arg.trim()) ? "true" : "false";
      case "uuid_kill":
        return this.hangup(arg.split(" ")[0] ?? "") ? "+OK\n" : "-ERR No such channel!\n";
      case "uuid_setvar": {
        const [uuid = "", name, value = ""] = arg.split(" ");
        const ch = this.channels.get(uuid);
        if (!name) return "-USAGE: <uuid> <var> [value]\n";
        if (!ch) return "-ERR No such channel!\n";
        ch.vars[name] = value;
        return "+OK\n";
      }
      case "uuid_send_dtmf":
      case "uuid_recv_dtmf":
        return this.dtmf(cmd, arg);
      case "hash":
        return this.hashApi(arg);
      case "callcenter_config":
        return this.callcenter.api(arg);
      case "originate":
        return this.originate(arg);
      default:
        return `-ERR ${cmd} Command not found!\n`;
    }
  }

  /**
   * uuid_send_dtmf sends digits out to the channel's phone; uuid_recv_dtmf queues them as if
   * the phone had sent them (mod_commands.c), which is what eavesdrop reads: 0 listen only,
   * 1 speak to the other party (ED_MUX_READ), 2 speak to the uuid eavesdropped (ED_MUX_WRITE),
   * 3 both (switch_ivr_async.c, switch_ivr_eavesdrop_session).
   */
  private dtmf(cmd: string, arg: string): string {
    const [uuid = "", digits] = arg.split(" ");
    if (!digits) return `-USAGE: <uuid> <dtmf_data>\n`;
    const ch = this.channels.get(uuid);
    if (!ch) return "-ERR Cannot locate session!\n";
    if (cmd === "uuid_send_dtmf") {
      ch.sent.push(digits);
      return `+OK ${uuid} sent DTMF ${digits}.\n`;
    }
    ch.received.push(digits);
    const ed = ch.eavesdrop;
    if (ed && ch.vars.eavesdrop_enable_dtmf !== "false") {
      for (const d of digits) {
        if (d === "0") Object.assign(ed, { read: false, write: false });
        else if (d === "1") Object.assign(ed, { read: true, write: false });
        else if (d === "2") Object.assign(ed, { read: false, write: true });
        else if (d === "3") Object.assign(ed, { read: true, write: true });
      }
    }
    return `+OK ${uuid} received DTMF ${digits}.\n`;
  }

  /** mod_hash: insert/<realm>/<key>/<value>, select/<realm>/<key>, delete/<realm>/<key>. */
  private hashApi(arg: string): string {
    const [op, realm, key, ...value] = arg.split("/");
    const k = `${realm}/${key}`;
    if (op === "insert" && value.length > 0) return (this.hash.set(k, value.join("/")), "+OK\n");
    if (op === "delete") return (this.hash.delete(k), "+OK\n");
    if (op === "select") return this.hash.get(k) ?? "";
    return "-ERR Usage: hash [insert|delete|select]/<realm>/<key>/<val>\n";
  }

  /**
   * originate `{vars}user/<ext> &app(arg)`: -ERR USER_NOT_REGISTERED for a phone nobody is
   * signed in on, -ERR USER_BUSY for one already on a call, -ERR NO_ANSWER after 30 s for
   * one that rings out; otherwise +OK <uuid> once the phone answers (originate returns at
   * the answer, then runs the app on the channel).
   */
  private originate(arg: string): Promise<string> {
    const m = /^(?:\{([^}]*)\})?user\/(\S+)\s+&(\w+)\((.*)\)\s*$/.exec(arg.trim());
    if (!m) return Promise.resolve("-USAGE: <call url> <exten>|&<application_name>(<app_args>) [<dialplan>] [<context>] [<cid_name>] [<cid_num>] [<timeout_sec>]\n");
    const [, varList = "", ext = "", app = "", appArg = ""] = m;
    const vars = Object.fromEntries(
      varList
        .split(",")
        .filter((v) => v.includes("="))
        .map((v) => [v.slice(0, v.indexOf("=")), v.slice(v.indexOf("=") + 1)]),
    );
    if (!this.registered.has(ext)) return Promise.resolve("-ERR USER_NOT_REGISTERED\n");
    if (this.busy(ext)) return Promise.resolve("-ERR USER_BUSY\n");
    const ch = this.createChannel(vars.origination_uuid ?? this.uuid(), ext, vars);
    const agent = this.callcenter.agents.get(ext);
    // A callback rings an agent first, or a supervisor's own phone (cc_callback_supervisor names them, as the feed would).
    const party = agent ? { name: agent.name, agent } : ch.vars.cc_callback_supervisor ? { name: ch.vars.cc_callback_supervisor } : undefined;
    if (app === "bridge" && party) this.callbackRinging(ch, party, appArg);
    return new Promise((resolve) => {
      if (this.unanswered.has(ext)) {
        this.at(this.now + 30_000, () => {
          this.hangup(ch.uuid, "NO_ANSWER");
          resolve("-ERR NO_ANSWER\n");
        });
        return;
      }
      this.at(this.now + (app === "bridge" ? 3_000 : 1_000), () => {
        if (!this.channels.has(ch.uuid)) return resolve("-ERR ORIGINATOR_CANCEL\n");
        this.answer(ch);
        resolve(`+OK ${ch.uuid}\n`);
        if (app === "eavesdrop") this.eavesdrop(ch, appArg);
        else if (app === "bridge" && party) this.callbackAnswered(ch, party);
      });
    });
  }

  /** mod_dptools eavesdrop: whisper_aleg sets ED_MUX_READ, whisper_bleg ED_MUX_WRITE; a uuid that is not there ends the app, and the leg with it. */
  private eavesdrop(ch: Channel, target: string): void {
    if (!this.channels.has(target)) {
      this.hangup(ch.uuid);
      return;
    }
    ch.eavesdrop = { target, read: ch.vars.eavesdrop_whisper_aleg === "true", write: ch.vars.eavesdrop_whisper_bleg === "true" };
  }

  private callbackRinging(ch: Channel, party: CallbackParty, bridgeTo: string): void {
    const queueId = ch.vars.cc_queue ?? this.opts.queue;
    const to = bridgeTo.split("/").at(-1) ?? bridgeTo;
    const callbackOf = ch.vars.cc_callback_of;
    this.emit({
      type: "call.offered",
      callId: ch.uuid,
      queueId,
      data: { from: ch.vars.origination_caller_id_number ?? "queue", to, direction: "outbound", channelId: ch.uuid, ...(callbackOf ? { callbackOf } : {}) },
    });
    this.emit({ type: "call.delivered", callId: ch.uuid, queueId, legId: `${ch.uuid}-cb`, agentId: party.name, data: { agentChannelId: ch.uuid } });
  }

  /**
   * The agent (or supervisor) took the callback: bridge() dials the customer, who answers, is busy or lets it ring
   * out, in turn. Only an agent is a mod_callcenter member whose state changes.
   */
  private callbackAnswered(ch: Channel, party: CallbackParty): void {
    const base = { callId: ch.uuid, queueId: ch.vars.cc_queue ?? this.opts.queue, legId: `${ch.uuid}-cb`, agentId: party.name };
    const startedAt = this.now;
    const agent = party.agent;
    if (agent) this.callcenter.agentBusy(agent, base.callId);
    const outcome = ["answered", "busy", "answered", "no_answer"][this.callbacks++ % 4];
    const end = (cause?: string) => {
      this.hangup(ch.uuid);
      if (cause) this.emit({ type: "call.failed", callId: base.callId, data: { cause } });
      if (agent) this.callcenter.agentFree(agent);
    };
    if (outcome === "answered") {
      this.at(this.now + 5_000, () => {
        const answeredAt = this.now;
        this.emit({ type: "call.established", ...base, data: { waitMs: 0, ringMs: 5_000, agentChannelId: ch.uuid } });
        this.at(this.now + 60_000, () => {
          this.emit({
            type: "call.connection_cleared",
            ...base,
            data: { queuedAt: startedAt, talkMs: this.now - answeredAt, holdMs: 0, holdCount: 0, releasedBy: "caller", transferred: false },
          });
          this.emit({ type: "call.cleared", callId: base.callId, data: { durationMs: this.now - startedAt } });
          end();
        });
      });
    } else if (outcome === "busy") this.at(this.now + 2_000, () => end("busy"));
    else this.at(this.now + 30_000, () => end("no_answer"));
  }
}

/** Whose phone a callback rang first: an agent of the queue, or a supervisor (no member of it). */
type CallbackParty = { name: string; agent?: CcAgent };
