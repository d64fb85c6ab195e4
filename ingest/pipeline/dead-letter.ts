import { randomUUID } from "node:crypto";
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

/** The original bytes, exactly; an in-process object is kept as its JSON text. */
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

export function deadLetterRow(message: InboundMessage, reason: RejectReason, detail: string, now: number): DeadLetterRow {
  const bytes = originalBytes(message);
  const o = message.origin;
  return {
    id: randomUUID(),
    received_at: now,
    source: o.source,
    reason,
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
