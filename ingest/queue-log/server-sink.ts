import type { CtiEvent } from "@/lib/events";
import { callOperatorSocket } from "@/lib/runtime/operator-socket-client";
import { lineDeadLetter, type ImportSink } from "./sinks";

/** Requests stay well under the socket's body limit (server/operator-routes.ts), whatever the events' sizes. */
const MAX_EVENTS_PER_REQUEST = 1000;
const MAX_BYTES_PER_REQUEST = 8 * 1024 * 1024;

/**
 * Into the running server's ingest pipeline over its operator socket (the embedded
 * shape while `npm start` holds the store): deduplicated, dead-lettered and heard by
 * the live floor as the server's own events are, so the wallboard shows the import at once.
 */
export function serverSink(dataDir: string, file: string): ImportSink {
  const source = `queue_log:${file}`;
  return {
    events: async (events) => {
      for (const part of requestSized(events)) await callOperatorSocket(dataDir, "/ingest", { source, events: part });
    },
    lineErrors: async (errors) => {
      for (let i = 0; i < errors.length; i += MAX_EVENTS_PER_REQUEST) {
        const rows = errors.slice(i, i + MAX_EVENTS_PER_REQUEST).map((e) => lineDeadLetter(file, e, Date.now()));
        await callOperatorSocket(dataDir, "/dead-letters", { source, rows });
      }
    },
  };
}

/** The events in order, cut into requests of at most MAX_EVENTS_PER_REQUEST and (but for a single larger event) MAX_BYTES_PER_REQUEST. */
export function requestSized(events: readonly CtiEvent[]): CtiEvent[][] {
  const out: CtiEvent[][] = [];
  let part: CtiEvent[] = [];
  let bytes = 0;
  for (const e of events) {
    const size = Buffer.byteLength(JSON.stringify(e));
    if (part.length > 0 && (part.length >= MAX_EVENTS_PER_REQUEST || bytes + size > MAX_BYTES_PER_REQUEST)) {
      out.push(part);
      part = [];
      bytes = 0;
    }
    part.push(e);
    bytes += size;
  }
  if (part.length > 0) out.push(part);
  return out;
}
