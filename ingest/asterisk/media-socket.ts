import WebSocket from "ws";
import { CommandFailed } from "@/lib/telephony/commands";
import { openWebSocket } from "./open-websocket";

/**
 * The supervisor's media: chan_websocket's WebSocket for an externalMedia channel made
 * with connection_type=server (channels/chan_websocket.c, Asterisk 20.16 / 21.11 / 22.6 /
 * 23+). We connect to /media/<connection id> with the "media" subprotocol; Asterisk
 * then sends a MEDIA_START text message, answers the channel (which puts it in our Stasis
 * app) and exchanges binary messages of raw samples in the channel's format both ways.
 * With format slin16 that is signed 16-bit little-endian PCM at 16 kHz (the byte order of
 * the x86/ARM hosts Asterisk runs on), normally 640 bytes (20 ms) a message; the bytes
 * are re-cut into 20 ms frames here whatever size they come in.
 */
export const MEDIA_FORMAT = "slin16";
export const MEDIA_SAMPLE_RATE = 16_000;
const FRAME_BYTES = (MEDIA_SAMPLE_RATE / 50) * 2;

export class MediaSocket {
  private readonly frameListeners = new Set<(frame: Int16Array) => void>();
  private readonly closeListeners = new Set<(why: string) => void>();
  private pending: Buffer = Buffer.alloc(0);
  private closedByUs = false;

  private constructor(private readonly ws: WebSocket) {
    ws.on("message", (data, isBinary) => {
      if (isBinary) this.received(data as Buffer);
    });
    ws.once("close", (code, reason) => {
      if (this.closedByUs) return;
      const why = `closed with ${code}${reason.length > 0 ? ` (${String(reason)})` : ""}`;
      for (const l of [...this.closeListeners]) l(why);
    });
  }

  static async connect(url: string, signal: AbortSignal): Promise<MediaSocket> {
    const ws = await openWebSocket(url, {
      protocol: "media",
      signal,
      what: "the media WebSocket",
      refused: (status) => new CommandFailed("unreachable", `Asterisk refused the media WebSocket with ${status} (is chan_websocket loaded?)`),
    });
    return new MediaSocket(ws);
  }

  /** Each 20 ms frame Asterisk sends (what the bridge mixes for us), in order. */
  onFrame(listener: (frame: Int16Array) => void): () => void {
    this.frameListeners.add(listener);
    return () => void this.frameListeners.delete(listener);
  }

  /** Called once if Asterisk (or the network) closes the socket; not for close(). */
  onClose(listener: (why: string) => void): () => void {
    this.closeListeners.add(listener);
    return () => void this.closeListeners.delete(listener);
  }

  /** A frame to Asterisk, as little-endian bytes; dropped when the socket is not open. */
  send(frame: Int16Array): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    const bytes = Buffer.alloc(frame.length * 2);
    for (let i = 0; i < frame.length; i++) bytes.writeInt16LE(frame[i] ?? 0, i * 2);
    this.ws.send(bytes, { binary: true });
  }

  close(): void {
    this.closedByUs = true;
    this.frameListeners.clear();
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.close(1000);
  }

  private received(data: Buffer): void {
    this.pending = this.pending.length === 0 ? data : Buffer.concat([this.pending, data]);
    while (this.pending.length >= FRAME_BYTES) {
      const frame = new Int16Array(FRAME_BYTES / 2);
      for (let i = 0; i < frame.length; i++) frame[i] = this.pending.readInt16LE(i * 2);
      this.pending = this.pending.subarray(FRAME_BYTES);
      for (const l of [...this.frameListeners]) l(frame);
    }
  }
}
