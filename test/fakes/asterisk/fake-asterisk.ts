import { randomUUID } from "node:crypto";
import type WebSocket from "ws";
import { FakeFloor, type FloorCall, type FloorOptions } from "./fake-floor";

/**
 * The channel side of the fake Asterisk, as ARI shows it (observed on the Asterisk 23.4.1
 * lab and read in res/ari/resource_{channels,bridges}.c, res/res_stasis_snoop.c and
 * channels/chan_websocket.c): channels with uniqueids, snoops and externalMedia channels
 * in a Stasis app, mixing bridges, app subscriptions, the events each change causes in
 * Asterisk's order, and the audio a bridge mixes, 20 ms of slin16 per message. Each agent
 * speaks a 1000 Hz tone and each caller a 440 Hz one (as the lab's dialplan does), so a
 * test can tell who is heard; what a media socket sends is recorded as heard by the agent
 * and/or the caller according to the snoop's whisper direction.
 * Time is the fake's own clock, moved by advance(); nothing happens between.
 */
export type Channel = {
  id: string;
  name: string;
  state: "Up" | "Down";
  creationtime: number;
  kind: "caller" | "agent" | "snoop" | "media" | "originated";
  /** Originated and not answered yet: subscribed to by its app, not in Stasis (no StasisEnd when it goes). */
  ringing?: boolean;
  /** The Stasis app the channel is in, if any. */
  app?: string;
  call?: FloorCall;
  snoop?: { target: string; spy: string; whisper: string };
  media?: { connectionId: string; socket?: WebSocket };
  bridgeId?: string;
  /** Runs when the channel goes, however. */
  hangupHook?: () => void;
};

export type Bridge = { id: string; name: string; channels: string[]; creationtime: number };
/** A JSON body, or the bytes of a file (getStoredFile). */
export type Answer = { status: number; body?: unknown; bytes?: Uint8Array };
export type Heard = { agent: number; caller: number };

const RATE = 16_000;
const FRAME_SAMPLES = RATE / 50;
const AGENT_HZ = 1000;
const CALLER_HZ = 440;
const AMPLITUDE = 4000;

/**
 * How an originated endpoint behaves: answers after `answerS` (then, a customer, hangs up after
 * `talkS`), is busy (cause 17 after 2 s), or rings until the originate's timeout (cause 19).
 */
export type PhoneBehaviour = { answerS: number; talkS?: number } | "busy" | "no_answer";

/**
 * The default phones: a queue member answers after 3 s (busy when on a call), a PJSIP extension
 * after 2 s, and a customer (any other endpoint) by its number's last digit: 0, 1, 4, 5 answer
 * after 5 s and talk 60 s; 2, 6 are busy; 3, 7, 8, 9 ring out.
 */
export function defaultPhone(endpoint: string): PhoneBehaviour {
  if (/^Local\/\d+@agents\/n$/.test(endpoint)) return { answerS: 3 };
  if (/^PJSIP\/\d{4}$/.test(endpoint)) return { answerS: 2 };
  const last = Number(/(\d)\D*$/.exec(endpoint)?.[1] ?? "9");
  if ([0, 1, 4, 5].includes(last)) return { answerS: 5, talkS: 60 };
  return [2, 6].includes(last) ? "busy" : "no_answer";
}

export const err = (status: number, message: string): Answer => ({ status, body: { message } });

export class FakeAsterisk {
  readonly channels = new Map<string, Channel>();
  readonly bridges = new Map<string, Bridge>();
  /** Connected event sockets per app (an app exists while one is connected). */
  readonly apps = new Map<string, Set<WebSocket>>();
  readonly subscriptions = new Map<string, Set<string>>();
  /** Whispered audio that reached each agent channel's parties: frames with sound in them. */
  readonly heard = new Map<string, Heard>();
  readonly floor: FakeFloor;
  /**
   * The files under the spool's recording/ directory, by name relative to it without the
   * extension (resource_recordings.c: the name may hold folders), as a test puts them there.
   */
  readonly stored = new Map<string, { format: string; bytes: Uint8Array }>();
  /** How originated endpoints behave; a test may replace it. */
  phone: (endpoint: string) => PhoneBehaviour = defaultPhone;
  private timers: { at: number; run: () => void }[] = [];
  private clock: number;
  private sentUntil: number;
  private seq = 0;

  constructor(start: number, floor: FloorOptions) {
    this.clock = start;
    this.sentUntil = start;
    this.floor = new FakeFloor(floor, { connected: (call, member, at) => this.connect(call, member.iface, at), ended: (call, at) => this.callEnded(call, at) }, start);
  }

  now(): number {
    return this.clock;
  }

  /** Moves time: the floor's seconds, then the media each bridge mixes for those 20 ms steps. */
  advance(ms: number): void {
    const to = this.clock + ms;
    // Whole seconds first, audio up to each of them, so a call's last frame precedes its end.
    for (let t = Math.floor(this.clock / 1000) * 1000 + 1000; t <= to; t += 1000) {
      this.pumpAudio(t);
      this.clock = t;
      this.runTimers(t);
      this.floor.advance(t);
    }
    this.pumpAudio(to);
    this.clock = to;
    this.floor.advance(to);
  }

  // ------------------------------------------------------------ ARI operations (validated by the server first)

  listChannels(): Answer {
    return { status: 200, body: [...this.channels.values()].map((c) => this.json(c)) };
  }

  getChannel(id: string): Answer {
    const c = this.channels.get(id);
    return c ? { status: 200, body: this.json(c) } : err(404, "Channel not found");
  }

  hangup(id: string): Answer {
    const c = this.channels.get(id);
    if (!c) return err(404, "Channel not found");
    this.destroy(c, true, 16);
    return { status: 204 };
  }

  /**
   * POST /channels into an app (resource_channels.c: an endpoint "tech/resource", app or
   * extension, unique ids): the channel exists at once, state Down, its app subscribed to it;
   * then the phone answers (Up, StasisStart with appArgs), is busy, or rings out, by `phone`.
   * A queue member on a call is busy; while on the originated call it is offered no queue call.
   */
  originate(q: Record<string, string>): Answer {
    const endpoint = q.endpoint ?? "";
    if (!/^[A-Za-z]+\/.+/.test(endpoint)) return err(400, "Endpoint must be in the format tech/resource");
    if (!q.app) return err(501, "the fake Asterisk originates into an application only");
    const id = q.channelId ?? this.uniqueid();
    if (this.channels.has(id) || (q.otherChannelId !== undefined && this.channels.has(q.otherChannelId))) return err(409, "Channel with given unique ID already exists");
    const app = q.app;
    const c: Channel = {
      id,
      name: `${endpoint.replace(/\/n$/, "")}-${this.hex8()}${endpoint.startsWith("Local/") ? ";1" : ""}`,
      state: "Down",
      creationtime: this.clock,
      kind: "originated",
      app,
      ringing: true,
    };
    this.channels.set(id, c);
    const member = this.floor.members.get(endpoint);
    const behaviour: PhoneBehaviour = member?.call || member?.outside ? "busy" : this.phone(endpoint);
    if (member) member.outside = true;
    const gone = (cause: number) => {
      if (member) member.outside = false;
      if (this.channels.get(id) === c) this.destroy(c, false, cause, cause === 17 ? "User busy" : "No answer");
    };
    const timeoutS = q.timeout === undefined ? 30 : Number(q.timeout);
    if (behaviour === "busy") this.after(2, () => gone(17));
    else if (behaviour === "no_answer" || (timeoutS > 0 && behaviour.answerS >= timeoutS)) this.after(timeoutS, () => gone(19));
    else {
      this.after(behaviour.answerS, () => {
        if (this.channels.get(id) !== c) return;
        c.state = "Up";
        c.ringing = false;
        this.event("ChannelStateChange", c, {});
        this.event("StasisStart", c, { args: q.appArgs ? q.appArgs.split(",") : [] });
        if (behaviour.talkS !== undefined) this.after(behaviour.talkS, () => gone(16));
      });
    }
    c.hangupHook = () => {
      if (member) member.outside = false;
    };
    return { status: 200, body: this.json(c) };
  }

  snoop(target: string, q: Record<string, string>): Answer {
    const spy = q.spy ?? "none";
    const whisper = q.whisper ?? "none";
    // In resource_channels.c's order: directions, then the app, then the channel.
    if (spy === "none" && whisper === "none") return err(400, "Direction must be specified for at least spy or whisper");
    if (!q.app) return err(400, "Application name is required");
    if (!this.channels.has(target)) return err(404, "Provided channel was not found");
    const id = q.snoopId ?? this.uniqueid();
    if (this.channels.has(id)) return err(409, "Channel with given unique ID already exists");
    const app = q.app ?? "";
    const c: Channel = { id, name: `Snoop/${target}-${this.hex8()}`, state: "Up", creationtime: this.clock, kind: "snoop", app, snoop: { target, spy, whisper } };
    this.channels.set(id, c);
    // Observed: the snoop's StasisStart reaches the app before the HTTP answer.
    this.event("StasisStart", c, { args: q.appArgs ? q.appArgs.split(",") : [] });
    return { status: 200, body: this.json(c) };
  }

  externalMedia(q: Record<string, string>): Answer {
    const transport = q.transport ?? "udp";
    const encapsulation = q.encapsulation ?? "rtp";
    const connectionType = q.connection_type ?? "client";
    if (transport === "websocket" && encapsulation !== "none") return err(400, "encapsulation must be 'none' for websocket transport");
    if (encapsulation === "rtp" && transport !== "udp") return err(400, "transport must be 'udp' for rtp encapsulation");
    if (transport !== "websocket" && connectionType === "server") return err(400, "'server' connection_type can only be used with the websocket transport");
    if (!q.external_host && connectionType === "client") return err(400, "external_host is required for all but websocket server connections");
    if (transport === "websocket" && connectionType === "client") return err(400, "external_host must be a valid websocket_client connection id.");
    if (transport !== "websocket") return err(501, "The fake Asterisk does only transport=websocket with connection_type=server");
    if (q.format !== "slin16") return err(400, `the fake Asterisk's media is slin16 only, not ${q.format ?? "(none)"}`);
    const id = q.channelId ?? this.uniqueid();
    if (this.channels.has(id)) return err(409, "Channel with given unique ID already exists");
    const connectionId = randomUUID();
    const c: Channel = { id, name: `WebSocket/INCOMING/0x${this.hex8()}`, state: "Down", creationtime: this.clock, kind: "media", app: q.app, media: { connectionId } };
    this.channels.set(id, c);
    // Observed: ARI dials the channel, and the app hears the Dial (with a peer, no channel) before it is answered.
    this.appEvent(c.app ?? "", { type: "Dial", dialstatus: "", forward: "", dialstring: "INCOMING/d(both)", peer: this.json(c) });
    return { status: 200, body: { ...this.json(c), channelvars: { MEDIA_WEBSOCKET_CONNECTION_ID: connectionId, MEDIA_WEBSOCKET_OPTIMAL_FRAME_SIZE: "640" } } };
  }

  /** chan_websocket: /media/<id> found (404) and not taken (409); on connect MEDIA_START, answer, StasisStart. */
  mediaChannelFor(connectionId: string): Channel | Answer {
    const c = [...this.channels.values()].find((ch) => ch.media?.connectionId === connectionId);
    if (!c) return err(404, "WebSocket instance not found");
    if (c.media?.socket) return err(409, "Another websocket connection exists for this connection id");
    return c;
  }

  mediaConnected(c: Channel, socket: WebSocket): void {
    if (!c.media) return;
    c.media.socket = socket;
    socket.send(`MEDIA_START connection_id:${c.media.connectionId} channel:${c.name} channel_id:${c.id} format:slin16 optimal_frame_size:640 ptime:20`);
    c.state = "Up";
    this.event("ChannelStateChange", c, {});
    this.appEvent(c.app ?? "", { type: "Dial", dialstatus: "ANSWER", forward: "", dialstring: "INCOMING/d(both)", peer: this.json(c) });
    this.event("StasisStart", c, { args: [] });
    socket.on("message", (data, isBinary) => {
      if (isBinary) this.whispered(c, data as Buffer);
    });
    // chan_websocket hangs its channel up when the socket closes.
    socket.once("close", () => {
      if (this.channels.get(c.id) === c) this.destroy(c, true, 16);
    });
  }

  listStored(): Answer {
    return { status: 200, body: [...this.stored].map(([name, r]) => ({ name, format: r.format })) };
  }

  getStoredFile(name: string): Answer {
    const r = this.stored.get(name);
    return r ? { status: 200, bytes: r.bytes } : err(404, "Recording not found");
  }

  listBridges(): Answer {
    return { status: 200, body: [...this.bridges.values()].map((b) => this.bridgeJson(b)) };
  }

  createBridge(q: Record<string, string>): Answer {
    const types = (q.type ?? "mixing").split(",");
    if (types.some((t) => !["mixing", "holding", "dtmf_events", "proxy_media", "video_sfu", "video_single"].includes(t))) return err(400, "Invalid bridge type");
    if (!types.includes("mixing")) return err(501, "the fake Asterisk makes mixing bridges only");
    const id = q.bridgeId ?? randomUUID();
    if (this.bridges.has(id)) return err(409, "Bridge with the same bridgeId already exists");
    const b: Bridge = { id, name: q.name ?? "", channels: [], creationtime: this.clock };
    this.bridges.set(id, b);
    return { status: 200, body: this.bridgeJson(b) };
  }

  getBridge(id: string): Answer {
    const b = this.bridges.get(id);
    return b ? { status: 200, body: this.bridgeJson(b) } : err(404, "Bridge not found");
  }

  destroyBridge(id: string): Answer {
    const b = this.bridges.get(id);
    if (!b) return err(404, "Bridge not found");
    for (const cid of b.channels) {
      const c = this.channels.get(cid);
      if (c) c.bridgeId = undefined;
    }
    this.bridges.delete(id);
    for (const app of this.apps.keys()) this.appEvent(app, { type: "BridgeDestroyed", bridge: this.bridgeJson(b) });
    return { status: 204 };
  }

  addChannel(bridgeId: string, ids: readonly string[]): Answer {
    const b = this.bridges.get(bridgeId);
    if (!b) return err(404, "Bridge not found");
    const found = ids.map((id) => this.channels.get(id));
    if (found.some((c) => !c)) return err(400, "Channel not found");
    if (found.some((c) => !c?.app)) return err(422, "Channel not in Stasis application");
    for (const c of found as Channel[]) {
      if (c.bridgeId) this.leave(c);
      c.bridgeId = bridgeId;
      b.channels.push(c.id);
    }
    return { status: 204 };
  }

  removeChannel(bridgeId: string, ids: readonly string[]): Answer {
    const b = this.bridges.get(bridgeId);
    if (!b) return err(404, "Bridge not found");
    const found = ids.map((id) => this.channels.get(id));
    if (found.some((c) => !c)) return err(400, "Channel not found");
    if (found.some((c) => c?.bridgeId !== bridgeId)) return err(422, "Channel not in this bridge");
    for (const c of found as Channel[]) this.leave(c);
    return { status: 204 };
  }

  subscribe(app: string, sources: readonly string[]): Answer {
    if (!this.apps.has(app)) return err(404, "Application not found");
    const ids: string[] = [];
    for (const s of sources) {
      const [scheme, id = ""] = s.split(":", 2);
      if (scheme !== "channel") return err(400, "Invalid event source URI scheme");
      if (!this.channels.has(id)) return err(422, "Event source does not exist");
      ids.push(id);
    }
    const set = this.subscriptions.get(app) ?? new Set<string>();
    this.subscriptions.set(app, set);
    for (const id of ids) set.add(id);
    return { status: 200, body: this.appJson(app) };
  }

  unsubscribe(app: string, sources: readonly string[]): Answer {
    if (!this.apps.has(app)) return err(404, "Application not found");
    const set = this.subscriptions.get(app) ?? new Set<string>();
    for (const s of sources) {
      const [scheme, id = ""] = s.split(":", 2);
      if (scheme !== "channel") return err(400, "Invalid event source URI scheme");
      // Observed: a source not subscribed to (gone or never subscribed) answers 422.
      if (!set.has(id)) return err(422, "Event source was not subscribed to");
    }
    for (const s of sources) set.delete(s.split(":", 2)[1] ?? "");
    return { status: 200, body: this.appJson(app) };
  }

  // ------------------------------------------------------------ the floor's calls as channels

  private connect(call: FloorCall, iface: string, at: number): string {
    const ext = iface.slice("Local/".length, iface.indexOf("@"));
    const n = this.hex8();
    const caller: Channel = { id: call.uniqueid, name: `Local/7000@inbound-${n};2`, state: "Up", creationtime: call.enteredAt, kind: "caller", call };
    const agent: Channel = { id: this.floor.uniqueid(at), name: `Local/${ext}@agents-${n};1`, state: "Up", creationtime: at, kind: "agent", call };
    this.channels.set(caller.id, caller);
    this.channels.set(agent.id, agent);
    return agent.id;
  }

  private callEnded(call: FloorCall, at: number): void {
    const agent = call.agentChannelId ? this.channels.get(call.agentChannelId) : undefined;
    this.clock = at;
    // Observed order: the agent channel's hangup request, its snoops' StasisEnd (the audiohook ends),
    // then the agent channel's ChannelDestroyed.
    if (agent) {
      this.event("ChannelHangupRequest", agent, { cause: 16 });
      for (const s of [...this.channels.values()]) if (s.snoop?.target === agent.id) this.destroy(s, false, 16);
      this.destroy(agent, false, 16);
    }
    const caller = this.channels.get(call.uniqueid);
    if (caller) this.destroy(caller, false, 16);
  }

  private destroy(c: Channel, requested: boolean, cause: number, causeText = "Normal Clearing"): void {
    if (requested) this.event("ChannelHangupRequest", c, { cause: 32, soft: true });
    if (c.bridgeId) this.leave(c);
    if (c.app && !c.ringing) this.event("StasisEnd", c, {});
    this.event("ChannelDestroyed", c, { cause, cause_txt: causeText });
    c.hangupHook?.();
    this.channels.delete(c.id);
    for (const set of this.subscriptions.values()) set.delete(c.id);
    c.media?.socket?.close(1000);
  }

  /** Runs `run` `seconds` from now, on the fake's clock. */
  private after(seconds: number, run: () => void): void {
    this.timers.push({ at: this.clock + seconds * 1000, run });
  }

  private runTimers(t: number): void {
    const due = this.timers.filter((x) => x.at <= t).sort((a, b) => a.at - b.at);
    this.timers = this.timers.filter((x) => x.at > t);
    for (const x of due) x.run();
  }

  private leave(c: Channel): void {
    const b = c.bridgeId ? this.bridges.get(c.bridgeId) : undefined;
    if (b) b.channels = b.channels.filter((id) => id !== c.id);
    c.bridgeId = undefined;
  }

  // ------------------------------------------------------------ audio

  /** Each bridge mixes, for every media channel in it, what the other members hear: a snoop gives its spied audio. */
  private pumpAudio(to: number): void {
    const frameMs = 20;
    for (; this.sentUntil + frameMs <= to; this.sentUntil += frameMs) {
      for (const b of this.bridges.values()) {
        const members = b.channels.map((id) => this.channels.get(id)).filter((c): c is Channel => c !== undefined);
        for (const m of members) {
          const socket = m.media?.socket;
          if (!socket || socket.readyState !== 1) continue;
          const frame = new Int16Array(FRAME_SAMPLES);
          for (const other of members) if (other !== m && other.snoop) this.addSpied(frame, other.snoop, this.sentUntil);
          socket.send(Buffer.from(frame.buffer), { binary: true });
        }
      }
    }
  }

  /** spy=in: what the agent says; out: what the agent hears (the caller); both: the two. */
  private addSpied(frame: Int16Array, snoop: NonNullable<Channel["snoop"]>, at: number): void {
    const call = this.channels.get(snoop.target)?.call;
    if (!call?.answeredAt) return;
    const tones = [...(snoop.spy === "in" || snoop.spy === "both" ? [AGENT_HZ] : []), ...(snoop.spy === "out" || snoop.spy === "both" ? [CALLER_HZ] : [])];
    const first = Math.round(((at - call.answeredAt) * RATE) / 1000);
    for (let i = 0; i < frame.length; i++) {
      let v = frame[i] ?? 0;
      for (const hz of tones) v += Math.round(AMPLITUDE * Math.sin((2 * Math.PI * hz * (first + i)) / RATE));
      frame[i] = Math.max(-32768, Math.min(32767, v));
    }
  }

  /** The supervisor's audio reaches, through each snoop in the media channel's bridge, whom its whisper direction says. */
  private whispered(media: Channel, data: Buffer): void {
    let sum = 0;
    for (let i = 0; i + 1 < data.length; i += 2) sum += data.readInt16LE(i) ** 2;
    if (Math.sqrt(sum / Math.max(1, data.length / 2)) < 100) return;
    const b = media.bridgeId ? this.bridges.get(media.bridgeId) : undefined;
    for (const id of b?.channels ?? []) {
      const snoop = this.channels.get(id)?.snoop;
      if (!snoop || snoop.whisper === "none") continue;
      const heard = this.heard.get(snoop.target) ?? { agent: 0, caller: 0 };
      if (snoop.whisper === "out" || snoop.whisper === "both") heard.agent += 1;
      if (snoop.whisper === "in" || snoop.whisper === "both") heard.caller += 1;
      this.heard.set(snoop.target, heard);
    }
  }

  // ------------------------------------------------------------ events and JSON as ARI writes them

  /** To every app that has the channel in Stasis or subscribed to it. */
  private event(type: string, c: Channel, fields: Record<string, unknown>): void {
    for (const [app, sockets] of this.apps) {
      if (c.app !== app && !this.subscriptions.get(app)?.has(c.id)) continue;
      const body = JSON.stringify({ type, timestamp: ariTimestamp(this.clock), ...fields, channel: this.json(c), asterisk_id: "02:fc:00:00:00:01", application: app });
      for (const s of sockets) s.send(body);
    }
  }

  /** An event about no one channel (Dial's peer, a bridge) to an app's sockets. */
  private appEvent(app: string, fields: Record<string, unknown>): void {
    const body = JSON.stringify({ ...fields, timestamp: ariTimestamp(this.clock), asterisk_id: "02:fc:00:00:00:01", application: app });
    for (const s of this.apps.get(app) ?? []) s.send(body);
  }

  private json(c: Channel): Record<string, unknown> {
    return {
      id: c.id,
      name: c.name,
      state: c.state,
      protocol_id: "",
      caller: { name: "", number: c.call?.callerId ?? "" },
      connected: { name: "", number: "" },
      accountcode: "",
      dialplan: c.app
        ? { context: "default", exten: "s", priority: 1, app_name: "Stasis", app_data: c.app }
        : { context: "agents", exten: "s", priority: 1, app_name: "AppQueue", app_data: "(Outgoing Line)" },
      creationtime: ariTimestamp(c.creationtime),
      language: "en",
    };
  }

  private bridgeJson(b: Bridge): Record<string, unknown> {
    return {
      id: b.id,
      technology: b.channels.length > 2 ? "softmix" : "simple_bridge",
      bridge_type: "mixing",
      bridge_class: "stasis",
      creator: "Stasis",
      name: b.name,
      channels: [...b.channels],
      creationtime: ariTimestamp(b.creationtime),
      video_mode: "talker",
    };
  }

  private appJson(app: string): Record<string, unknown> {
    return {
      name: app,
      channel_ids: [...(this.subscriptions.get(app) ?? [])],
      bridge_ids: [],
      endpoint_ids: [],
      device_names: [],
      events_allowed: [],
      events_disallowed: [],
    };
  }

  private uniqueid(): string {
    return this.floor.uniqueid(this.clock);
  }

  private hex8(): string {
    return (this.seq++).toString(16).padStart(8, "0");
  }
}

/** ARI's timestamp format: "2026-12-07T07:41:17.469+0000". */
export function ariTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace("Z", "+0000");
}
