import type { FakeSwitch, SwitchOptions } from "./fake-switch";

/**
 * mod_callcenter on the fake switch: one queue, its agents (status Logged Out / Available /
 * On Break, state Waiting / Receiving / In a queue call / Idle), callers routed to the
 * longest-idle Available agent in state Waiting who is on no other call
 * (skip_agents_with_external_calls), ringing 2 s, a wrap-up of 10 s (state Idle) after the
 * call. A status set during a call takes effect for routing at once, and shows on the
 * feed when the wrap-up ends (no "ready" moment between). `callcenter_config` answers as
 * mod_callcenter.c writes it: `+OK`, the value asked for, `-ERR Agent not found!`,
 * `-ERR Invalid Agent Status!`, lists as `|`-separated rows under a header and `+OK`.
 * Break reasons are read from mod_hash (realm cc_break_reason), where the adapter keeps them.
 */
export type CcAgent = { name: string; status: string; state: string; lastBridgeEnd: number; external: boolean };
type QueueCall = { n: number; callId: string; legId: string; queuedAt: number; agent?: CcAgent; agentUuid?: string };

const STATUSES = ["Logged Out", "Available", "Available (On Demand)", "On Break"];
const AGENT_COLUMNS =
  "name|instance_id|uuid|type|contact|status|state|max_no_answer|wrap_up_time|reject_delay_time|busy_delay_time|no_answer_delay_time|last_bridge_start|last_bridge_end|last_offered_call|last_status_change|no_answer_count|calls_answered|talk_time|ready_time|external_calls_count";
const RING_MS = 2_000;
const WRAP_UP_MS = 10_000;

/** switch_separate_string with quote handling: words, 'quoted words' as one. */
export function splitArgs(arg: string): string[] {
  return [...arg.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? "");
}

export class FakeCallcenter {
  readonly agents = new Map<string, CcAgent>();
  private readonly waiting: QueueCall[] = [];
  private calls = 0;

  constructor(
    private readonly sw: FakeSwitch,
    private readonly opts: SwitchOptions,
  ) {
    for (const name of opts.agents) {
      this.agents.set(name, { name, status: "Available", state: "Waiting", lastBridgeEnd: sw.time(), external: false });
      sw.emit({ type: "agent.logged_on", agentId: name, data: { extension: name, queues: [opts.queue] } });
      sw.emit({ type: "agent.ready", agentId: name, data: {} });
    }
    this.scheduleArrival(sw.time() + 1_000);
  }

  api(arg: string): string {
    const [section, action, ...rest] = splitArgs(arg);
    if (section === "agent" && action === "get") {
      const [key = "", name = ""] = rest;
      const agent = this.agents.get(name);
      if (!agent) return "-ERR Agent not found!\n";
      if (key === "status") return agent.status;
      if (key === "state") return agent.state;
      return "-ERR Invalid Agent Update KEY!\n";
    }
    if (section === "agent" && action === "set") {
      const [key = "", name = "", value = ""] = rest;
      const agent = this.agents.get(name);
      if (!agent) return "-ERR Agent not found!\n";
      if (key !== "status") return "-ERR Invalid Agent Update KEY!\n";
      if (!STATUSES.includes(value)) return "-ERR Invalid Agent Status!\n";
      this.setStatus(agent, value);
      return "+OK\n";
    }
    if (section === "queue" && action === "list" && rest.length === 0) {
      return `name|strategy\n${this.opts.queue}|longest-idle-agent\n+OK\n`;
    }
    if (section === "queue" && action === "list" && rest[0] === "agents") {
      const [, queue, status, state] = rest;
      const rows = queue !== this.opts.queue ? [] : [...this.agents.values()].filter((a) => (!status || a.status === status) && (!state || a.state === state));
      const line = (a: CcAgent) =>
        [
          a.name,
          "single_box",
          "",
          "callback",
          `user/${a.name}`,
          a.status,
          a.state,
          3,
          10,
          10,
          60,
          0,
          0,
          Math.floor(a.lastBridgeEnd / 1000),
          0,
          0,
          0,
          0,
          0,
          0,
          a.external ? 1 : 0,
        ].join("|");
      return `${AGENT_COLUMNS}\n${rows.map((a) => `${line(a)}\n`).join("")}+OK\n`;
    }
    return "-ERR Invalid!\n";
  }

  /** An originated call (a callback) has the agent: busy on the feed, offered no queue call meanwhile. */
  agentBusy(agent: CcAgent, callId: string): void {
    agent.external = true;
    this.sw.emit({ type: "agent.busy", agentId: agent.name, callId, data: {} });
  }

  agentFree(agent: CcAgent): void {
    agent.external = false;
    agent.lastBridgeEnd = this.sw.time();
    this.showStatus(agent);
    this.route();
  }

  private setStatus(agent: CcAgent, status: string): void {
    agent.status = status;
    // On the feed at once for an idle agent; after the call and its wrap-up otherwise.
    if (agent.state === "Waiting" && !agent.external) this.showStatus(agent);
    this.route();
  }

  private showStatus(agent: CcAgent): void {
    if (agent.status === "Logged Out") this.sw.emit({ type: "agent.logged_off", agentId: agent.name, data: {} });
    else if (agent.status === "On Break")
      this.sw.emit({ type: "agent.not_ready", agentId: agent.name, data: { reasonCode: this.sw.hash.get(`cc_break_reason/${agent.name}`) ?? "break" } });
    else this.sw.emit({ type: "agent.ready", agentId: agent.name, data: {} });
  }

  private scheduleArrival(at: number): void {
    this.sw.at(at, () => {
      this.arrive();
      this.scheduleArrival(at + this.opts.arrivalEveryS * 1000);
    });
  }

  private arrive(): void {
    const n = ++this.calls;
    const uuid = this.sw.uuid();
    const call: QueueCall = { n, callId: uuid, legId: `${uuid}-q`, queuedAt: this.sw.time() };
    this.sw.createChannel(uuid, undefined, { cc_queue: this.opts.queue });
    this.sw.answer(this.sw.channels.get(uuid) ?? this.never());
    this.sw.emit({
      type: "call.offered",
      callId: uuid,
      queueId: this.opts.queue,
      data: { from: `+4420794601${String(n % 100).padStart(2, "0")}`, to: "+442079460000", direction: "inbound", channelId: uuid },
    });
    this.sw.emit({ type: "call.queued", callId: uuid, queueId: this.opts.queue, legId: call.legId, data: {} });
    this.waiting.push(call);
    this.route();
  }

  private never(): never {
    throw new Error("the channel just made is gone");
  }

  private route(): void {
    for (;;) {
      const call = this.waiting[0];
      const free = [...this.agents.values()]
        .filter((a) => a.status === "Available" && a.state === "Waiting" && !a.external && !this.sw.busy(a.name))
        .sort((a, b) => a.lastBridgeEnd - b.lastBridgeEnd);
      const agent = free[0];
      if (!call || !agent) return;
      this.waiting.shift();
      this.offer(call, agent);
    }
  }

  private offer(call: QueueCall, agent: CcAgent): void {
    const sw = this.sw;
    const base = { callId: call.callId, queueId: this.opts.queue, legId: call.legId, agentId: agent.name };
    agent.state = "Receiving";
    const agentUuid = sw.uuid();
    call.agent = agent;
    call.agentUuid = agentUuid;
    sw.createChannel(agentUuid, agent.name, { cc_queue: this.opts.queue, cc_member_session_uuid: call.callId, cc_agent: agent.name });
    sw.emit({ type: "call.delivered", ...base, data: { agentChannelId: agentUuid } });
    const deliveredAt = sw.time();
    sw.at(deliveredAt + RING_MS, () => {
      const ch = sw.channels.get(agentUuid);
      if (!ch) return;
      sw.answer(ch);
      agent.state = "In a queue call";
      const waitMs = sw.time() - call.queuedAt;
      sw.emit({ type: "call.queue_exited", callId: call.callId, queueId: this.opts.queue, legId: call.legId, data: { reason: "answered", waitMs } });
      sw.emit({ type: "call.established", ...base, data: { waitMs, ringMs: RING_MS, agentChannelId: agentUuid } });
      sw.emit({ type: "agent.busy", agentId: agent.name, callId: call.callId, legId: call.legId, queueId: this.opts.queue, data: {} });
      const answeredAt = sw.time();
      sw.at(answeredAt + this.opts.talkS(call.n) * 1000, () => {
        sw.hangup(agentUuid);
        sw.hangup(call.callId);
        sw.emit({
          type: "call.connection_cleared",
          ...base,
          data: { queuedAt: call.queuedAt, talkMs: sw.time() - answeredAt, holdMs: 0, holdCount: 0, releasedBy: "caller", transferred: false },
        });
        sw.emit({ type: "call.cleared", callId: call.callId, data: { durationMs: sw.time() - call.queuedAt } });
        sw.emit({ type: "agent.working_after_call", agentId: agent.name, data: {} });
        agent.state = "Idle";
        agent.lastBridgeEnd = sw.time();
        sw.at(sw.time() + WRAP_UP_MS, () => {
          agent.state = "Waiting";
          this.showStatus(agent);
          this.route();
        });
      });
    });
  }
}
