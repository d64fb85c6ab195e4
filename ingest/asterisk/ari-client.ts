import type { CommandErrorCode } from "@/lib/telephony/commands";
import { ariFailure, ariUnreachable, type AriErrorContext } from "./ari-errors";
import type { AriBridge, AriChannel, AriStoredRecording } from "./ari-types";

/**
 * A thin typed client for the ARI calls this adapter makes (the npm ARI clients are
 * unmaintained). Paths and parameters follow rest-api/api-docs/{channels,bridges,
 * applications}.json of Asterisk 23; test/fakes/asterisk holds the same subset as a
 * description the fake checks requests against. Every call honours its AbortSignal,
 * and every failure is a CommandFailed (ari-errors.ts).
 */
export type AriConfig = { url: string; user: string; password: string; app: string };

/** Snoop directions (channels.json snoopChannel: none, both, out, in). */
export type SnoopDirection = "none" | "both" | "out" | "in";

type Query = Record<string, string | undefined>;

export class AriClient {
  private readonly base: string;
  private readonly auth: string;

  constructor(readonly config: AriConfig) {
    this.base = config.url.replace(/\/+$/, "");
    this.auth = `Basic ${Buffer.from(`${config.user}:${config.password}`).toString("base64")}`;
  }

  get app(): string {
    return this.config.app;
  }

  getChannel(channelId: string, signal: AbortSignal, notFound: CommandErrorCode = "call_ended"): Promise<AriChannel> {
    return this.call("GET", `/channels/${enc(channelId)}`, {}, signal, { what: `reading channel ${channelId}`, codes: { 404: notFound } });
  }

  listChannels(signal: AbortSignal): Promise<AriChannel[]> {
    return this.call("GET", "/channels", {}, signal, { what: "listing channels" });
  }

  /** Hangs a channel up; one already gone is not an error (the goal, no channel, holds). */
  async hangup(channelId: string, signal: AbortSignal): Promise<void> {
    await this.call("DELETE", `/channels/${enc(channelId)}`, {}, signal, { what: `hanging up channel ${channelId}` }, [404]);
  }

  /** A snoop channel on `channelId`, in our Stasis app: `spy` is what it hears, `whisper` where what it is given goes. */
  snoop(channelId: string, spy: SnoopDirection, whisper: SnoopDirection, snoopId: string, signal: AbortSignal): Promise<AriChannel> {
    return this.call("POST", `/channels/${enc(channelId)}/snoop`, { spy, whisper, app: this.app, snoopId }, signal, {
      what: `snooping on channel ${channelId}`,
    });
  }

  /**
   * A chan_websocket channel in our app whose media WebSocket Asterisk serves
   * (connection_type=server): we connect to /media/<MEDIA_WEBSOCKET_CONNECTION_ID>,
   * the id its answer's channelvars carry. encapsulation must be none for websocket.
   */
  externalMediaWebSocket(format: string, channelId: string, signal: AbortSignal): Promise<AriChannel> {
    return this.call(
      "POST",
      "/channels/externalMedia",
      { app: this.app, channelId, transport: "websocket", encapsulation: "none", connection_type: "server", format, direction: "both" },
      signal,
      { what: "creating the supervisor's media channel (externalMedia, transport=websocket)" },
    );
  }

  createMixingBridge(name: string, signal: AbortSignal, bridgeId?: string): Promise<AriBridge> {
    return this.call("POST", "/bridges", { type: "mixing", name, bridgeId }, signal, { what: "creating a mixing bridge", codes: { 404: "unreachable" } });
  }

  /**
   * Rings `endpoint` (channels.json originate, POST /channels); the channel is ours from now on
   * (our app hears its ringing end, ChannelDestroyed with Asterisk's cause) and enters our app,
   * StasisStart with `appArgs`, when it answers. `otherChannelId` names a Local channel's ;2 half.
   */
  originate(
    o: { endpoint: string; channelId: string; otherChannelId?: string; callerId?: string; timeoutS: number; appArgs: string },
    signal: AbortSignal,
  ): Promise<AriChannel> {
    const query = {
      endpoint: o.endpoint,
      app: this.app,
      appArgs: o.appArgs,
      callerId: o.callerId,
      timeout: String(o.timeoutS),
      channelId: o.channelId,
      otherChannelId: o.otherChannelId,
    };
    return this.call("POST", "/channels", query, signal, { what: `originating a call to ${o.endpoint}` });
  }

  async addChannel(bridgeId: string, channelIds: readonly string[], signal: AbortSignal): Promise<void> {
    // addChannel answers 400 (not 404) for a channel that is gone: here, a snoop the call took with it.
    await this.call("POST", `/bridges/${enc(bridgeId)}/addChannel`, { channel: channelIds.join(",") }, signal, {
      what: `adding ${channelIds.join(", ")} to bridge ${bridgeId}`,
      codes: { 400: "call_ended" },
    });
  }

  async removeChannel(bridgeId: string, channelId: string, signal: AbortSignal): Promise<void> {
    await this.call(
      "POST",
      `/bridges/${enc(bridgeId)}/removeChannel`,
      { channel: channelId },
      signal,
      { what: `removing ${channelId} from bridge ${bridgeId}` },
      [404, 422],
    );
  }

  /**
   * Destroys a bridge; one already gone is not an error. bridges.json lists only 404, but the
   * real Asterisk 23 answers a second DELETE that races the first one's teardown with 409
   * "Bridge not in Stasis application" (seen in the lab): the bridge lingers, no longer ours.
   */
  async destroyBridge(bridgeId: string, signal: AbortSignal): Promise<void> {
    await this.call("DELETE", `/bridges/${enc(bridgeId)}`, {}, signal, { what: `destroying bridge ${bridgeId}` }, [404, 409]);
  }

  listBridges(signal: AbortSignal): Promise<AriBridge[]> {
    return this.call("GET", "/bridges", {}, signal, { what: "listing bridges" });
  }

  /** Our app hears a channel it does not own (the agent's, for ChannelDestroyed); 422: the channel does not exist. */
  async subscribeChannel(channelId: string, signal: AbortSignal): Promise<void> {
    await this.call("POST", `/applications/${enc(this.app)}/subscription`, { eventSource: `channel:${channelId}` }, signal, {
      what: `subscribing to channel ${channelId}`,
      codes: { 404: "unreachable", 422: "call_ended" },
    });
  }

  /** Undoes subscribeChannel; a channel already gone (422) or not subscribed (409) is not an error. */
  async unsubscribeChannel(channelId: string, signal: AbortSignal): Promise<void> {
    await this.call(
      "DELETE",
      `/applications/${enc(this.app)}/subscription`,
      { eventSource: `channel:${channelId}` },
      signal,
      { what: `unsubscribing from channel ${channelId}`, codes: { 404: "unreachable" } },
      [409, 422],
    );
  }

  /** The events WebSocket's address (events.json: GET /events?app=, upgraded), with the credentials as ARI's api_key. */
  eventsUrl(): string {
    const url = new URL(`${this.base}/events`);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    url.searchParams.set("app", this.app);
    url.searchParams.set("api_key", `${this.config.user}:${this.config.password}`);
    return url.toString();
  }

  /** chan_websocket's media WebSocket (served at /media/<id> on Asterisk's HTTP server, beside /ari). */
  mediaUrl(connectionId: string): string {
    const url = new URL(this.base);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    url.pathname = `${url.pathname.replace(/\/ari\/?$/, "")}/media/${enc(connectionId)}`;
    url.search = "";
    return url.toString();
  }

  /** ARI's stored recordings (recordings.json listStored): the files under Asterisk's spool `recording/` directory, by name (no extension) and format. */
  listStoredRecordings(signal: AbortSignal): Promise<AriStoredRecording[]> {
    return this.call("GET", "/recordings/stored", {}, signal, { what: "listing stored recordings" });
  }

  /**
   * A stored recording's file as it is on disk (getStoredFile). Its name may hold folders
   * (`2026/12/07/q-...`): ARI splits the path at `/` before decoding each part, so the
   * encoded `%2F` stays inside the one name.
   */
  async readStoredRecording(name: string, signal: AbortSignal): Promise<Uint8Array> {
    const ctx: AriErrorContext = { what: `reading stored recording ${name}`, codes: { 403: "not_permitted", 404: "no_such_call" } };
    const response = await this.send("GET", `/recordings/stored/${enc(name)}/file`, {}, signal, ctx);
    if (!response.ok) throw ariFailure(response.status, await this.body(response, ctx), ctx);
    try {
      return new Uint8Array(await response.arrayBuffer());
    } catch (e) {
      throw ariUnreachable(e, ctx);
    }
  }

  private async call<T>(method: string, path: string, query: Query, signal: AbortSignal, ctx: AriErrorContext, tolerated: readonly number[] = []): Promise<T> {
    const response = await this.send(method, path, query, signal, ctx);
    const text = await this.body(response, ctx);
    if (tolerated.includes(response.status)) return undefined as T;
    if (!response.ok) throw ariFailure(response.status, text, ctx);
    return (text.length === 0 ? undefined : JSON.parse(text)) as T;
  }

  private async send(method: string, path: string, query: Query, signal: AbortSignal, ctx: AriErrorContext): Promise<Response> {
    const params = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined));
    const qs = params.size > 0 ? `?${params}` : "";
    try {
      return await fetch(`${this.base}${path}${qs}`, { method, headers: { authorization: this.auth, accept: "application/json" }, signal });
    } catch (e) {
      throw ariUnreachable(e, ctx);
    }
  }

  private async body(response: Response, ctx: AriErrorContext): Promise<string> {
    try {
      return await response.text();
    } catch (e) {
      throw ariUnreachable(e, ctx);
    }
  }
}

const enc = encodeURIComponent;
