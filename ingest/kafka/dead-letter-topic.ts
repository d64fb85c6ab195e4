import type { DeadLetterRow } from "../pipeline/dead-letter";
import type { OutgoingMessage } from "./types";

/**
 * A dead letter as a Kafka message: the original key, value and headers, untouched,
 * plus why and where from, so it can be inspected and replayed onto the source topic.
 * The value is the dead letter's kept bytes: a value over DEAD_LETTER_MAX_BYTES is cut
 * there, and `x-dlq-original-size` says how long it was.
 */
export function deadLetterMessage(d: DeadLetterRow, originalHeaders: Record<string, string>): OutgoingMessage {
  return {
    key: d.message_key === "" ? null : d.message_key,
    value: Buffer.from(d.payload_base64, "base64"),
    headers: {
      ...originalHeaders,
      "x-dlq-reason": d.reason,
      "x-dlq-detail": d.detail,
      "x-dlq-source-topic": d.topic,
      "x-dlq-source-partition": String(d.partition),
      "x-dlq-source-offset": d.offset,
      "x-dlq-received-at": new Date(d.received_at).toISOString(),
      "x-dlq-original-size": String(d.original_size),
    },
  };
}
