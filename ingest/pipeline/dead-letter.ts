import { randomUUID } from "node:crypto";
import { maskCardDataInJsonBytes } from "@/lib/redaction/mask-json-bytes";
import type { RejectReason } from "./decode";
import type { InboundMessage } from "./message";

export type DeadLetterRow = {
  id: string;
  received_at: number;
  source: string;
  /** A RejectReason from decoding, or a source's own reason (e.g. a queue_log line error). */
  reason: RejectReason | (string & {});
  detail: string;
  /** The bytes kept: what arrived, cut at DEAD_LETTER_MAX_BYTES. */
  payload_base64: string;
  /** How many bytes are kept (migration 0029). */
  payload_size: number;
  /** How many bytes arrived; more than payload_size when the payload was cut. */
  original_size: number;
  topic: string;
  partition: number;
  offset: string;
  message_key: string;
  headers: string;
};

/**
 * A dead letter keeps at most this much of what arrived, and says how much that was. A refused
 * message is kept so an operator can see what was sent and replay it once fixed; a queue_log
 * line or a CTI event is well under 64 KiB, so anything longer is garbage (a 10 MB line was once
 * stored whole), and its head is enough to recognise it.
 */
export const DEAD_LETTER_MAX_BYTES = 64 * 1024;

/**
 * The payload columns of a dead letter: the bytes as they arrived, cut at DEAD_LETTER_MAX_BYTES,
 * and how many arrived (`originalSize`, when the caller already holds only the head of them).
 */
export function keptPayload(bytes: Uint8Array, originalSize = bytes.byteLength): Pick<DeadLetterRow, "payload_base64" | "payload_size" | "original_size"> {
  const kept = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, DEAD_LETTER_MAX_BYTES));
  return { payload_base64: kept.toString("base64"), payload_size: kept.byteLength, original_size: Math.max(originalSize, bytes.byteLength) };
}

/** The original bytes, exactly; an in-process object is kept as its JSON text (deadLetterRow masks card data in them). */
export function originalBytes(message: InboundMessage): Buffer {
  const p = message.payload;
  if (p instanceof Uint8Array) return Buffer.from(p.buffer, p.byteOffset, p.byteLength);
  let text: string;
  try {
    text = JSON.stringify(p.object) ?? String(p.object);
  } catch {
    text = String(p.object);
  }
  return Buffer.from(text, "utf8");
}

/** Appended to a dead letter's reason when card data in its speech was masked. */
export const CARD_DATA_MASKED = "; card data masked";

/**
 * The original bytes, except card numbers, security codes and expiry dates in any
 * transcript text they carry: a refused segment must not keep a spoken card number
 * where stored segments never do (lib/redaction/mask-json-bytes.ts). The reason says so.
 */
export function deadLetterRow(message: InboundMessage, reason: RejectReason, detail: string, now: number): DeadLetterRow {
  const masked = maskCardDataInJsonBytes(originalBytes(message));
  const o = message.origin;
  return {
    id: randomUUID(),
    received_at: now,
    source: o.source,
    reason: masked.masked ? `${reason}${CARD_DATA_MASKED}` : reason,
    detail: detail.slice(0, 2000),
    ...keptPayload(masked.bytes),
    topic: o.topic ?? "",
    partition: o.partition ?? -1,
    offset: o.offset ?? "",
    message_key: o.key ?? "",
    headers: o.headers ? JSON.stringify(o.headers) : "",
  };
}
