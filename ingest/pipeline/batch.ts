import { createHash } from "node:crypto";
import type { CtiEvent } from "@/lib/events";
import { eventToRow, type EventRow } from "@/lib/store/event-row";
import { decodeBytes, validate } from "./decode";
import { deadLetterRow, type DeadLetterRow } from "./dead-letter";
import type { InboundMessage } from "./message";

export type Batch = {
  events: CtiEvent[];
  rows: EventRow[];
  deadLetters: DeadLetterRow[];
  /** Repeats of an event id inside this batch, dropped before insert. */
  duplicatesInBatch: number;
};

/**
 * The pure core: messages -> validated events and their rows, or dead letters.
 * Never throws for one message; a bad message never affects the others.
 */
export function buildBatch(messages: readonly InboundMessage[], maxEventBytes: number, now: number = Date.now()): Batch {
  const events: CtiEvent[] = [];
  const rows: EventRow[] = [];
  const deadLetters: DeadLetterRow[] = [];
  const seen = new Set<string>();
  let duplicatesInBatch = 0;
  for (const message of messages) {
    const decoded = message.payload instanceof Uint8Array ? decodeBytes(message.payload, maxEventBytes) : validate(message.payload.object);
    if (!decoded.ok) {
      deadLetters.push(deadLetterRow(message, decoded.reason, decoded.detail, now));
      continue;
    }
    const { event } = decoded;
    if (seen.has(event.id)) {
      duplicatesInBatch += 1;
      continue;
    }
    seen.add(event.id);
    events.push(event);
    rows.push(eventToRow(event));
  }
  return { events, rows, deadLetters, duplicatesInBatch };
}

/**
 * A deduplication token from the content itself: the same events sent again give
 * the same token, whichever process or restart sends them, and different events can
 * never share one (a counter could, after a restart, and silently drop a batch).
 */
export function contentToken(prefix: string, ids: readonly string[]): string {
  const hash = createHash("sha256");
  for (const id of ids) hash.update(id);
  return `${prefix}:${hash.digest("hex")}`;
}
