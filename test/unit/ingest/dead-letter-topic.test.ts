import { describe, expect, it } from "vitest";
import { CARD_DATA_MASKED, keptPayload, type DeadLetterRow } from "@/ingest/pipeline/dead-letter";
import { deadLetterMessage } from "@/ingest/kafka/dead-letter-topic";

/** What goes to the Kafka dead-letter topic: the whole message for a replay, except where card data was masked. */
function row(bytes: Buffer, reason: string): DeadLetterRow {
  return {
    id: "d1",
    received_at: 0,
    source: "kafka",
    reason,
    detail: "",
    ...keptPayload(bytes),
    topic: "cti.events",
    partition: 3,
    offset: "42",
    message_key: "call-1",
    headers: "{}",
  };
}

describe("deadLetterMessage", () => {
  it("forwards an oversized message whole, though the store's row keeps only its first 64 KiB", () => {
    const value = Buffer.alloc(70_000, 0x78);
    const d = row(value, "oversized");
    expect(d.payload_size).toBe(65_536);
    const m = deadLetterMessage(d, { "x-test": "a" }, value);
    expect(Buffer.isBuffer(m.value) && m.value.equals(value)).toBe(true);
    expect(m.headers).toMatchObject({ "x-test": "a", "x-dlq-reason": "oversized", "x-dlq-original-size": "70000", "x-dlq-source-offset": "42" });
  });

  it("forwards a masked dead letter as its row keeps it, never the original card digits", () => {
    const original = Buffer.from('{"text":"my card is 4111 1111 1111 1111"}');
    const masked = Buffer.from('{"text":"my card is #### #### #### ####"}');
    const d = row(masked, `schema_violation${CARD_DATA_MASKED}`);
    const m = deadLetterMessage(d, {}, original);
    expect(m.value?.toString()).toBe(masked.toString());
  });
});
