import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type RawData, type WebSocket } from "ws";
import { can } from "@/lib/auth/roles";
import type { SessionUser } from "@/lib/auth/session-user";
import { ownHosts } from "@/lib/http/same-origin";
import { refuseUpgrade } from "@/lib/http/upgrade-handlers";
import { FRAME_MS } from "@/lib/telephony/monitor";
import type { MonitorEntry, MonitorSessions } from "@/lib/telephony/monitor-sessions";
import { UsedTokens, verifyMonitorToken } from "@/lib/telephony/monitor-token";

/**
 * The monitoring relay (docs/telephony.md, "The relay"): one WebSocket per browser
 * monitoring a call. Server to browser: binary frames of what the supervisor hears
 * (mono PCM16 little-endian, 20 ms) and JSON text for the session's news (hello, mode,
 * call: a followed agent's next call, or null between calls; ended); browser to server: binary frames of the microphone in the same format, which
 * the platform plays by mode. The upgrade needs the start answer's token AND the
 * session cookie of the same user and sign-in, from this site's own pages (Origin).
 *
 * A dropped socket keeps the monitoring session for `graceMs`, so the browser can come
 * back with a fresh token without leaving the call; after that the session stops
 * (audited as "disconnected"). A slow socket loses audio frames rather than piling
 * them up: late audio is no use to a listener, and memory must stay bounded.
 */

export type RelayOptions = {
  sessions: () => MonitorSessions;
  /** The auth secret the tokens are signed with (lib/auth/secret.ts). */
  secret: () => string;
  /** The signed-in user behind the request's session cookie, or null. */
  cookieUser: (req: IncomingMessage) => Promise<SessionUser | null>;
  /** A signal that aborts when `signal` does or when the user's sign-in no longer allows monitoring (lib/auth/sessions/watch-session.ts). */
  watchSession?: (user: SessionUser, signal: AbortSignal) => AbortSignal;
  /** The configured public URL (NEXTAUTH_URL), whose host is also this site's. */
  publicUrl?: string;
  graceMs?: number;
  /** Beyond this many bytes queued on a socket, audio frames are dropped. */
  maxBufferedBytes?: number;
  now?: () => number;
  log?: (line: string) => void;
};

/** About 15 s: a flaky Wi-Fi or a laptop lid, not a supervisor who left. */
export const RELAY_GRACE_MS = 15_000;
/** 16 frames (320 ms) of 640 bytes: past that the browser's jitter buffer would drop them anyway. */
export const RELAY_MAX_BUFFERED_BYTES = 16 * 640;

export type RelayNoticeMessage =
  | { type: "hello"; sessionId: string; connectionId: string; callId: string | null; following: string | null; mode: string; sampleRate: number; frameMs: number }
  | { type: "mode"; mode: string }
  | { type: "call"; callId: string | null }
  | { type: "ended"; reason: string };

type Link = { socket?: WebSocket; grace?: ReturnType<typeof setTimeout> };

export class MonitorRelay {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  private readonly links = new Map<string, Link>();
  private readonly used = new UsedTokens();
  private readonly graceMs: number;
  private readonly maxBuffered: number;
  private readonly now: () => number;
  private readonly log: (line: string) => void;
  private closed = false;

  constructor(private readonly opts: RelayOptions) {
    this.graceMs = opts.graceMs ?? RELAY_GRACE_MS;
    this.maxBuffered = opts.maxBufferedBytes ?? RELAY_MAX_BUFFERED_BYTES;
    this.now = opts.now ?? Date.now;
    this.log = opts.log ?? console.log;
  }

  /** The upgrade handler (lib/http/upgrade-handlers.ts). */
  readonly handleUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on("error", () => undefined);
    this.admit(req).then(
      (admitted) => {
        if ("refused" in admitted) {
          this.log(`monitor relay: refused a connection: ${admitted.reason}`);
          return refuseUpgrade(socket, admitted.refused, admitted.reason);
        }
        this.wss.handleUpgrade(req, socket, head, (ws) => this.connect(ws, admitted.entry, admitted.user));
      },
      (e: unknown) => {
        console.error("monitor relay: could not check a connection", e);
        refuseUpgrade(socket, 503, "could not check the connection");
      },
    );
  };

  /** Closes every socket and forgets every grace period (the process is stopping; the platform ends the sessions). */
  close(): void {
    this.closed = true;
    for (const link of this.links.values()) {
      clearTimeout(link.grace);
      link.socket?.close(1001, "server stopping");
    }
    this.links.clear();
    this.wss.close();
  }

  private async admit(req: IncomingMessage): Promise<{ entry: MonitorEntry; user: SessionUser } | { refused: number; reason: string }> {
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const origin = headers.get("origin");
    // Browsers always send Origin on a WebSocket; a page of another site must not ride the supervisor's cookie.
    const originHost = origin ? hostOf(origin) : null;
    if (!originHost || !ownHosts(headers, this.opts.publicUrl).includes(originHost))
      return { refused: 403, reason: `not from this site's own pages (Origin ${origin ?? "missing"})` };
    const token = new URL(req.url ?? "/", "http://relay").searchParams.get("token") ?? "";
    const verified = verifyMonitorToken(this.opts.secret(), token, this.now());
    if (!verified.ok) return { refused: 401, reason: verified.problem };
    const user = await this.opts.cookieUser(req);
    if (!user || user.id !== verified.claims.userId || (user.sessionId ?? "") !== verified.claims.authSessionId) {
      return { refused: 401, reason: "the token is not for this signed-in session" };
    }
    if (!can(user.role, "monitor")) return { refused: 403, reason: "your role may not monitor calls" };
    if (!this.used.claim(verified.nonce, verified.expiresAt, this.now())) return { refused: 401, reason: "token already used; ask for a new one" };
    const entry = this.opts.sessions().get(verified.claims.monitorSessionId);
    if (!entry) return { refused: 404, reason: "no such monitoring session (it ended)" };
    if (entry.owner.id !== user.id) return { refused: 403, reason: "another supervisor's monitoring session" };
    return { entry, user };
  }

  private connect(ws: WebSocket, entry: MonitorEntry, user: SessionUser): void {
    // Ended between the upgrade's checks and now: say so rather than sit silent on a dead session.
    if (this.opts.sessions().get(entry.id) !== entry) {
      ws.send(JSON.stringify({ type: "ended", reason: "stopped" } satisfies RelayNoticeMessage));
      ws.close(1000, "monitoring ended");
      return;
    }
    const link = this.links.get(entry.id) ?? {};
    this.links.set(entry.id, link);
    clearTimeout(link.grace);
    link.grace = undefined;
    // One browser per session: a reconnect replaces a socket the server has not yet seen drop.
    if (link.socket) link.socket.close(4001, "replaced by a newer connection");
    link.socket = ws;
    entry.stats.connections += 1;
    const send = (m: RelayNoticeMessage) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(m));
    };
    send({
      type: "hello",
      sessionId: entry.id,
      connectionId: randomUUID(),
      callId: entry.callId(),
      following: entry.following,
      mode: entry.mode(),
      sampleRate: entry.sampleRate,
      frameMs: FRAME_MS,
    });

    const stopAudio = entry.onAudio((frame) => {
      if (ws.readyState !== ws.OPEN) return;
      if (ws.bufferedAmount > this.maxBuffered) {
        entry.stats.framesDropped += 1;
        return;
      }
      ws.send(Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength));
      entry.stats.framesSent += 1;
    });
    const stopWatching = entry.watch((notice) => {
      send(notice);
      if (notice.type === "ended") {
        this.forget(entry.id);
        ws.close(1000, `monitoring ended: ${notice.reason}`);
      }
    });
    const frameBytes = ((entry.sampleRate * FRAME_MS) / 1000) * 2;
    ws.on("message", (data, isBinary) => {
      if (!isBinary) return; // the browser changes mode through the API; text from it carries nothing yet
      const bytes = bytesOf(data);
      if (bytes.length !== frameBytes) return ws.close(1003, `microphone frames are ${frameBytes} bytes of PCM16`);
      entry.stats.micFrames += 1;
      entry.sendAudio(pcm16(bytes));
    });
    // Signed out, revoked by an admin or no longer allowed to monitor: off the call at once, no grace period.
    const socketGone = new AbortController();
    const signedOut = this.opts.watchSession?.(user, socketGone.signal);
    signedOut?.addEventListener("abort", () => {
      if (socketGone.signal.aborted) return;
      this.opts
        .sessions()
        .stop(entry.owner, entry.id, "signed_out")
        .catch((e: unknown) => this.log(`monitor relay: could not stop ${entry.id} after its owner's sign-in ended: ${(e as Error).message}`));
    });
    ws.on("close", () => {
      socketGone.abort();
      stopAudio();
      stopWatching();
      if (link.socket !== ws || this.closed) return;
      link.socket = undefined;
      if (!this.opts.sessions().get(entry.id)) return this.forget(entry.id);
      link.grace = setTimeout(() => {
        this.forget(entry.id);
        // Stopped meanwhile through the API, or let go by the platform: nothing left to stop.
        if (!this.opts.sessions().get(entry.id)) return;
        this.opts
          .sessions()
          .stop(entry.owner, entry.id, "disconnected")
          .catch((e: unknown) => this.log(`monitor relay: could not stop ${entry.id} after its socket dropped: ${(e as Error).message}`));
      }, this.graceMs);
    });
    ws.on("error", () => undefined);
  }

  private forget(sessionId: string): void {
    const link = this.links.get(sessionId);
    if (!link) return;
    clearTimeout(link.grace);
    this.links.delete(sessionId);
  }
}

function bytesOf(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

/** A copy, so the samples are aligned and the socket's buffer can be reused. Little-endian, as every browser's platform is. */
function pcm16(bytes: Buffer): Int16Array {
  const out = new Int16Array(bytes.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = bytes.readInt16LE(i * 2);
  return out;
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).host.toLowerCase() || null;
  } catch {
    return null;
  }
}
