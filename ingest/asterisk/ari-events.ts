import WebSocket from "ws";
import { CommandFailed } from "@/lib/telephony/commands";
import { openWebSocket } from "./open-websocket";
import { SharedOpen } from "./shared-open";
import type { AriEvent } from "./ari-types";

/**
 * ARI's event WebSocket for our Stasis application (events.json: GET /events?app=...,
 * upgraded). Asterisk sends our channels' events (StasisStart when one enters the app,
 * StasisEnd, ChannelDestroyed, ChannelHangupRequest) and those of channels we subscribed
 * to (applications.json). Listeners are called in Asterisk's order, synchronously per
 * message, so a waiter registered before a request cannot miss the event it causes.
 *
 * A connection that dies without a close (a PBX gone from the network, a NAT that forgot us)
 * would look open for ever: the stream pings every `pingMs`, and a ping still unanswered at
 * the next one ends the connection, as a drop (the sessions it carried end; the next start
 * reconnects). Opening is shared by whoever asks meanwhile and runs under its own timeout;
 * each caller waits under its own signal, so one caller's deadline fails no other.
 */
export type AriEventStreamOptions = { pingMs?: number; openMs?: number };

const PING_MS = 10_000;
const OPEN_MS = 10_000;

export class AriEventStream {
  private socket: WebSocket | undefined;
  private readonly opening: SharedOpen<void>;
  private readonly listeners = new Set<(e: AriEvent) => void>();
  private readonly closeListeners = new Set<(why: string) => void>();
  private readonly pingMs: number;

  constructor(
    private readonly url: string,
    o: AriEventStreamOptions = {},
  ) {
    this.pingMs = o.pingMs ?? PING_MS;
    this.opening = new SharedOpen((signal) => this.open(signal), o.openMs ?? OPEN_MS, "the ARI event stream to open");
  }

  get connected(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  /** Opens the socket unless open; a refused upgrade is not_permitted (401/403) or unreachable. */
  connect(signal: AbortSignal): Promise<void> {
    if (this.connected) return Promise.resolve();
    return this.opening.join(signal);
  }

  /** Every event, in order; returns a function that stops listening. */
  on(listener: (e: AriEvent) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Called once per dropped connection (not for close()). */
  onClose(listener: (why: string) => void): () => void {
    this.closeListeners.add(listener);
    return () => void this.closeListeners.delete(listener);
  }

  /** Resolves with the first event `match` accepts, or rejects when the signal aborts or the socket drops. */
  waitFor<T extends AriEvent>(match: (e: AriEvent) => e is T, signal: AbortSignal, what: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const done = () => {
        off();
        offClose();
        signal.removeEventListener("abort", aborted);
      };
      const off = this.on((e) => {
        if (!match(e)) return;
        done();
        resolve(e);
      });
      const offClose = this.onClose((why) => {
        done();
        reject(new CommandFailed("unreachable", `the ARI event stream closed while waiting for ${what}: ${why}`));
      });
      const aborted = () => {
        done();
        reject(new CommandFailed("timeout", `Asterisk did not send ${what} in time`));
      };
      if (signal.aborted) aborted();
      else signal.addEventListener("abort", aborted, { once: true });
    });
  }

  async close(): Promise<void> {
    this.opening.cancel();
    const s = this.socket;
    this.socket = undefined;
    if (!s || s.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      s.once("close", () => resolve());
      s.close(1000);
    });
  }

  private async open(signal: AbortSignal): Promise<void> {
    const ws = await openWebSocket(this.url, {
      signal,
      what: "the ARI event stream",
      refused: (status) =>
        new CommandFailed(
          status === 401 || status === 403 ? "not_permitted" : "unreachable",
          `Asterisk refused the ARI event stream with ${status}${status === 401 ? ": check ARI_USER / ARI_PASSWORD and ari.conf" : ""}`,
        ),
    });
    // close() while the upgrade was answered: not ours to keep.
    if (signal.aborted) {
      ws.terminate();
      throw new CommandFailed("unreachable", "the ARI event stream was closed while it opened");
    }
    this.socket = ws;
    const alive = this.keepAlive(ws);
    ws.on("message", (data, isBinary) => {
      if (isBinary) return;
      const event = knownEvent(String(data));
      if (!event) return;
      for (const l of [...this.listeners]) l(event);
    });
    ws.once("close", (code, reason) => {
      alive.stop();
      if (this.socket !== ws) return; // close() was asked for
      this.socket = undefined;
      const why = alive.missed()
        ? `gave no answer to a ping within ${this.pingMs} ms (ended by us)`
        : `closed with ${code}${reason.length > 0 ? ` (${String(reason)})` : ""}`;
      for (const l of [...this.closeListeners]) l(why);
    });
  }

  /** Pings every pingMs; a ping unanswered by the next one terminates the socket (its close event follows). */
  private keepAlive(ws: WebSocket): { stop: () => void; missed: () => boolean } {
    let answered = true;
    let missed = false;
    ws.on("pong", () => (answered = true));
    const timer = setInterval(() => {
      if (!answered) {
        missed = true;
        clearInterval(timer);
        ws.terminate();
        return;
      }
      answered = false;
      ws.ping();
    }, this.pingMs);
    // A stream that is otherwise idle must not keep the process alive.
    timer.unref();
    return { stop: () => clearInterval(timer), missed: () => missed };
  }
}

const KNOWN: ReadonlySet<string> = new Set<AriEvent["type"]>(["StasisStart", "StasisEnd", "ChannelDestroyed", "ChannelHangupRequest"]);

/**
 * The events this adapter acts on, each with its channel; the stream carries many others (Dial
 * with a `peer` and no `channel`, BridgeDestroyed, ChannelVarset...), which are dropped here so
 * listeners only ever see what AriEvent describes.
 */
export function knownEvent(text: string): AriEvent | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== "object" || parsed === null) return undefined;
  const e = parsed as { type?: unknown; timestamp?: unknown; channel?: { id?: unknown } };
  if (typeof e.type !== "string" || !KNOWN.has(e.type) || typeof e.timestamp !== "string" || typeof e.channel?.id !== "string") return undefined;
  return parsed as AriEvent;
}
