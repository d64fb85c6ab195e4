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
  payload_base64: string;
  payload_size: number;
  topic: string;
  partition: number;
  offset: string;
  message_key: string;
  headers: string;
};

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
  const bytes = Buffer.from(masked.bytes.buffer, masked.bytes.byteOffset, masked.bytes.byteLength);
  const o = message.origin;
  return {
    id: randomUUID(),
    received_at: now,
    source: o.source,
    reason: masked.masked ? `${reason}${CARD_DATA_MASKED}` : reason,
    detail: detail.slice(0, 2000),
    payload_base64: bytes.toString("base64"),
    payload_size: bytes.byteLength,
    topic: o.topic ?? "",
    partition: o.partition ?? -1,
    offset: o.offset ?? "",
    message_key: o.key ?? "",
    headers: o.headers ? JSON.stringify(o.headers) : "",
  };
}
