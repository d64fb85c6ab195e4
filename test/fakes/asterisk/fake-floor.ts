/**
 * The queue side of the fake Asterisk: one app_queue queue whose dynamic members are Local
 * channels, callers arriving on a fixed schedule, and the queue_log lines app_queue would
 * write (apps/app_queue.c, Asterisk 23: ENTERQUEUE, CONNECT with the agent channel's
 * uniqueid, COMPLETEAGENT/COMPLETECALLER, ADDMEMBER, PAUSE/UNPAUSE with PAUSEALL/UNPAUSEALL
 * first when no queue is named, REMOVEMEMBER). Deterministic: the schedule is a function
 * of the call number, and everything happens on whole seconds of the fake's clock, as
 * queue_log's epoch seconds record it. Routing: the longest idle available member first;
 * a paused member, one on a call or one not in the queue is offered nothing.
 */
export type FloorOptions = {
  queue: string;
  /** Agent extensions; members are Local/<ext>@agents/n. */
  agents: readonly string[];
  /** A caller arrives every this many seconds. */
  arrivalEveryS: number;
  /** Call n talks for talkS(n) seconds. */
  talkS: (n: number) => number;
};

export type FloorMember = {
  iface: string;
  paused: boolean;
  reason: string;
  idleSince: number;
  call?: FloorCall;
  calls: number;
  lastCall: number;
  /** On a call outside the queue (an originated callback): app_queue sees the device in use and offers nothing. */
  outside?: boolean;
};
export type FloorCall = {
  n: number;
  uniqueid: string;
  callerId: string;
  enteredAt: number;
  answeredAt?: number;
  endsAt?: number;
  member?: FloorMember;
  agentChannelId?: string;
};

/** What the channel side must do when the floor connects or ends a call. */
export type FloorHooks = {
  /** The agent answered: make the agent's channel (and the caller's) and return the agent channel's uniqueid. */
  connected(call: FloorCall, member: FloorMember, at: number): string;
  /** The call ended: the agent channel goes (its snoops with it). */
  ended(call: FloorCall, at: number): void;
};

export class FakeFloor {
  readonly members = new Map<string, FloorMember>();
  readonly lines: string[] = [];
  private readonly waiting: FloorCall[] = [];
  private readonly talking = new Set<FloorCall>();
  private nextArrival: number;
  private calls = 0;
  private uniqueSeq = 1;

  constructor(
    readonly opts: FloorOptions,
    private readonly hooks: FloorHooks,
    private now: number,
  ) {
    for (const ext of opts.agents) {
      const member: FloorMember = { iface: `Local/${ext}@agents/n`, paused: false, reason: "", idleSince: now, calls: 0, lastCall: 0 };
      this.members.set(member.iface, member);
      this.log(now, "MANAGER", opts.queue, member.iface, "ADDMEMBER", "");
    }
    this.nextArrival = now + 1_000;
  }

  /** A new Asterisk-style uniqueid (epoch seconds and a sequence), as the channel side names channels. */
  uniqueid(at: number): string {
    return `${Math.floor(at / 1000)}.${this.uniqueSeq++}`;
  }

  /** Moves the floor to `to` (ms), one whole second at a time. */
  advance(to: number): void {
    for (let t = Math.floor(this.now / 1000) * 1000 + 1000; t <= to; t += 1000) this.second(t);
    this.now = to;
  }

  /** AMI QueuePause: false when the interface is in no queue (app_queue: "Interface not found"). */
  pause(iface: string, queue: string | undefined, paused: boolean, reason: string): boolean {
    const m = this.members.get(iface);
    if (!m || (queue !== undefined && queue !== this.opts.queue)) return false;
    const at = this.now;
    if (queue === undefined) this.log(at, "NONE", "NONE", iface, paused ? "PAUSEALL" : "UNPAUSEALL", reason);
    m.paused = paused;
    m.reason = paused ? reason : "";
    this.log(at, "NONE", this.opts.queue, iface, paused ? "PAUSE" : "UNPAUSE", paused ? reason : "");
    return true;
  }

  /** AMI QueueRemove: app_queue's answers for a dynamic member. */
  remove(queue: string, iface: string): "ok" | "no_queue" | "not_there" {
    if (queue !== this.opts.queue) return "no_queue";
    if (!this.members.delete(iface)) return "not_there";
    this.log(this.now, "MANAGER", queue, iface, "REMOVEMEMBER", "");
    return "ok";
  }

  /** The agent on call `uniqueid` hangs up now (a test's way to end a call at a moment it chooses). */
  hangUp(uniqueid: string): void {
    const call = [...this.talking].find((c) => c.uniqueid === uniqueid);
    if (call) this.end(call, this.now);
  }

  private second(t: number): void {
    for (const call of [...this.talking]) if ((call.endsAt ?? Infinity) <= t) this.end(call, t);
    while (this.nextArrival <= t) {
      const n = ++this.calls;
      const call: FloorCall = { n, uniqueid: this.uniqueid(this.nextArrival), callerId: `5550${String(n).padStart(4, "0")}`, enteredAt: this.nextArrival };
      this.log(call.enteredAt, call.uniqueid, this.opts.queue, "NONE", "ENTERQUEUE", "", call.callerId, String(this.waiting.length + 1));
      this.waiting.push(call);
      this.nextArrival += this.opts.arrivalEveryS * 1000;
    }
    for (let member = this.available(); member && this.waiting.length > 0; member = this.available()) this.answer(this.waiting.shift() as FloorCall, member, t);
  }

  private available(): FloorMember | undefined {
    return [...this.members.values()].filter((m) => !m.paused && !m.call && !m.outside).sort((a, b) => a.idleSince - b.idleSince)[0];
  }

  private answer(call: FloorCall, member: FloorMember, t: number): void {
    call.member = member;
    call.answeredAt = t;
    call.endsAt = t + this.opts.talkS(call.n) * 1000;
    member.call = call;
    call.agentChannelId = this.hooks.connected(call, member, t);
    this.talking.add(call);
    this.log(t, call.uniqueid, this.opts.queue, member.iface, "CONNECT", String(Math.round((t - call.enteredAt) / 1000)), call.agentChannelId, "0");
  }

  private end(call: FloorCall, t: number): void {
    this.talking.delete(call);
    const member = call.member;
    if (!member) return;
    // Callers hang up on odd calls, agents on even ones: both lines appear.
    const who = call.n % 2 === 1 ? "COMPLETECALLER" : "COMPLETEAGENT";
    this.log(
      t,
      call.uniqueid,
      this.opts.queue,
      member.iface,
      who,
      String(Math.round(((call.answeredAt ?? t) - call.enteredAt) / 1000)),
      String(Math.round((t - (call.answeredAt ?? t)) / 1000)),
      "1",
    );
    this.hooks.ended(call, t);
    member.call = undefined;
    member.idleSince = t;
    member.calls += 1;
    member.lastCall = Math.floor(t / 1000);
  }

  private log(at: number, callId: string, queue: string, agent: string, event: string, ...data: string[]): void {
    this.lines.push([String(Math.floor(at / 1000)), callId, queue, agent, event, ...data].join("|"));
  }
}
