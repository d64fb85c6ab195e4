import type { LiveFloor } from "./live-floor";

/**
 * A live floor subscription as a server-sent-event stream: `retry` first (so a
 * dropped browser reconnects within seconds), the full view as `event: snapshot`,
 * then `event: patch` per coalesced change, and `event: heartbeat` (the server's
 * clock) every 5 s, so proxies see the connection alive and a TV board can tell a
 * quiet floor from a dead stream (WALLBOARD_STALE_SECONDS is at least 6). Everything is released when the
 * request is aborted (the browser went away) or the reader cancels; `onClose`
 * then runs once (it gives back the stream's slot, stream-slots.ts).
 */
export const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  // no-transform: a compressing proxy (or Next's own compression) must not buffer the stream.
  "cache-control": "no-cache, no-transform",
  connection: "keep-alive",
  "x-accel-buffering": "no",
} as const;

export const HEARTBEAT_MS = 5_000;
const RETRY_MS = 2_000;
/** A client this far behind (bytes queued) is cut off; it reconnects and starts from a snapshot. */
const MAX_QUEUED_BYTES = 8 * 1024 * 1024;

export function sseFrame(event: string, data: string): string {
  return `event: ${event}\ndata: ${data}\n\n`;
}

export function liveStream(floor: Pick<LiveFloor, "subscribe">, signal: AbortSignal, heartbeatMs = HEARTBEAT_MS, onClose?: () => void): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let release: (() => void) | undefined;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        let open = true;
        const close = () => {
          if (!open) return;
          open = false;
          unsubscribe();
          clearInterval(heartbeat);
          signal.removeEventListener("abort", close);
          onClose?.();
          try {
            controller.close();
          } catch {
            // already closed by the reader
          }
        };
        const write = (text: string) => {
          if (!open) return;
          try {
            controller.enqueue(encoder.encode(text));
          } catch {
            return close();
          }
          if ((controller.desiredSize ?? 0) < -MAX_QUEUED_BYTES) close();
        };
        write(`retry: ${RETRY_MS}\n\n`);
        const unsubscribe = floor.subscribe((message, json) => write(sseFrame(message.event, json)));
        const heartbeat = setInterval(() => write(sseFrame("heartbeat", JSON.stringify({ serverTime: Date.now() }))), heartbeatMs);
        release = close;
        if (signal.aborted) close();
        else signal.addEventListener("abort", close);
      },
      cancel() {
        release?.();
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: 64 * 1024 }),
  );
}
