import { CARD_DATA_MASKED, type DeadLetterRow } from "../pipeline/dead-letter";
import type { OutgoingMessage } from "./types";

/**
 * A dead letter as a Kafka message: the original key, value and headers, untouched,
 * plus why and where from, so it can be inspected and replayed onto the source topic.
 * The value is the message's whole value (the broker already bounded it, and a replay
 * after a limit is raised needs all of it), not the store's row, which keeps only the
 * first DEAD_LETTER_MAX_BYTES; `x-dlq-original-size` says how long it was either way.
 * A dead letter whose card data was masked goes out as the row keeps it: masked.
 */
export function deadLetterMessage(d: DeadLetterRow, originalHeaders: Record<string, string>, originalValue: Buffer | null): OutgoingMessage {
  return {
    key: d.message_key === "" ? null : d.message_key,
    value: originalValue !== null && !d.reason.endsWith(CARD_DATA_MASKED) ? originalValue : Buffer.from(d.payload_base64, "base64"),
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
