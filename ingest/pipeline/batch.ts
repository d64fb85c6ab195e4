import { createHash } from "node:crypto";
import type { CtiEvent } from "@/lib/events";
import { DEFAULT_MAX_FUTURE_MS, futureTimeDetail } from "@/lib/events/future-time";
import { activeRedactionPolicy } from "@/lib/redaction/active-policy";
import type { RedactionPolicy } from "@/lib/redaction/kinds";
import { redactTranscripts, type OriginalSegment } from "@/lib/redaction/redact-events";
import { isValidAsIs, parseBytes, validate } from "./decode";
import { deadLetterRow, type DeadLetterRow } from "./dead-letter";
import type { InboundMessage } from "./message";

export type Batch = {
  events: CtiEvent[];
  /**
   * Each event as one JSON object in bytes, in the order of `events`, for a
   * JSONEachRow insert: the bytes as received when they needed no change to be
   * valid, else the validated event encoded afresh (see canonicalLine).
   */
  lines: Uint8Array[];
  deadLetters: DeadLetterRow[];
  /** Repeats of an event id inside this batch, dropped before insert. */
  duplicatesInBatch: number;
  /** Transcript segments as they were before redaction masked them, when the policy keeps them (admins only). */
  originals: OriginalSegment[];
};

/**
 * The pure core: messages -> validated events and their rows, or dead letters.
 * Never throws for one message; a bad message never affects the others. An event
 * dated more than `maxFutureMs` after `now` is a dead letter (future_time).
 */
export function buildBatch(messages: readonly InboundMessage[], maxEventBytes: number, now: number = Date.now(), maxFutureMs = DEFAULT_MAX_FUTURE_MS): Batch {
  return validateBatch(parseBatch(messages, maxEventBytes, now), now, activeRedactionPolicy, maxFutureMs);
}

/** Messages whose bytes parsed as JSON (or came as objects), not yet validated, and the dead letters so far. */
export type ParsedBatch = { values: { message: InboundMessage; value: unknown }[]; deadLetters: DeadLetterRow[] };

/** buildBatch's first half: bytes -> JSON values. */
export function parseBatch(messages: readonly InboundMessage[], maxEventBytes: number, now: number = Date.now()): ParsedBatch {
  const values: ParsedBatch["values"] = [];
  const deadLetters: DeadLetterRow[] = [];
  for (const message of messages) {
    if (!(message.payload instanceof Uint8Array)) {
      values.push({ message, value: message.payload.object });
      continue;
    }
    const parsed = parseBytes(message.payload, maxEventBytes);
    if (parsed.ok) values.push({ message, value: parsed.value });
    else deadLetters.push(deadLetterRow(message, parsed.reason, parsed.detail, now));
  }
  return { values, deadLetters };
}

/** buildBatch's second half: JSON values -> validated events and their lines, repeats within the batch dropped. */
export function validateBatch(
  parsed: ParsedBatch,
  now: number = Date.now(),
  redactionPolicy: (tenantId: string) => RedactionPolicy = activeRedactionPolicy,
  maxFutureMs = DEFAULT_MAX_FUTURE_MS,
): Batch {
  const events: CtiEvent[] = [];
  const lines: Uint8Array[] = [];
  const deadLetters = [...parsed.deadLetters];
  const seen = new Set<string>();
  let duplicatesInBatch = 0;
  for (const { message, value } of parsed.values) {
    let event: CtiEvent;
    let asReceived = false;
    // The hot path: most events are valid as they are (see compile-check.ts); zod decides the rest.
    if (isValidAsIs(value)) {
      event = value as CtiEvent;
      asReceived = message.payload instanceof Uint8Array;
    } else {
      const decoded = validate(value);
      if (!decoded.ok) {
        deadLetters.push(deadLetterRow(message, decoded.reason, decoded.detail, now));
        continue;
      }
      event = decoded.event;
    }
    // A valid event from a clock far ahead: stored, it would be "the latest" for years (future-time.ts).
    const future = futureTimeDetail(event.time, now, maxFutureMs);
    if (future) {
      deadLetters.push(deadLetterRow(message, "future_time", future, now));
      continue;
    }
    if (seen.has(event.id)) {
      duplicatesInBatch += 1;
      continue;
    }
    seen.add(event.id);
    events.push(event);
    lines.push(asReceived ? (message.payload as Uint8Array) : canonicalLine(event));
  }
  // Card numbers never reach the store: transcript segments are masked here (lib/redaction), and a masked one is encoded afresh.
  const redacted = redactTranscripts(events, redactionPolicy);
  for (const i of redacted.changed) {
    events[i] = redacted.events[i] as CtiEvent;
    lines[i] = canonicalLine(events[i]);
  }
  return { events, lines, deadLetters, duplicatesInBatch, originals: redacted.originals };
}

/** Where the "already stored?" lookup reads: the batch's tenants and event times. */
export type LookupScope = { tenants: string[]; times: number[] };

/** The scope of validated events (what the Kafka worker looks up). */
export function eventsScope(events: readonly CtiEvent[]): LookupScope {
  const tenants = new Set<string>();
  const times: number[] = [];
  for (const e of events) {
    tenants.add(e.tenantId);
    times.push(e.time);
  }
  return { tenants: [...tenants], times };
}

const encoder = new TextEncoder();

/**
 * A validated event as a JSON line of its own making: for objects from in-process
 * producers, for values zod had to change (stripped keys, defaults), and for the
 * rare batch the store would not read as received (store-writer.ts falls back to these).
 */
export function canonicalLine(event: CtiEvent): Uint8Array {
  return encoder.encode(JSON.stringify(event));
}

/**
 * The scope read from values not yet validated, so the lookup can run while they
 * validate. A value without a usable tenant and time is left out: it will be
 * dead-lettered, and the answer is matched against the validated rows by id anyway.
 */
export function parsedScope(parsed: ParsedBatch): LookupScope {
  const tenants = new Set<string>();
  const times: number[] = [];
  for (const { value } of parsed.values) {
    if (typeof value !== "object" || value === null) continue;
    const v = value as { tenantId?: unknown; time?: unknown };
    if (typeof v.tenantId === "string" && typeof v.time === "number" && Number.isFinite(v.time)) {
      tenants.add(v.tenantId);
      times.push(v.time);
    }
  }
  return { tenants: [...tenants], times };
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
