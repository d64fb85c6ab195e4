import type { ClickHouseClient } from "@clickhouse/client";
import { randomUUID } from "node:crypto";
import type { CtiEvent } from "@/lib/events";
import { keptPayload, type DeadLetterRow } from "../pipeline/dead-letter";
import { IngestPipeline } from "../pipeline/pipeline";
import { writeDeadLetters } from "../pipeline/store-writer";
import type { MessageProducer } from "../kafka/types";
import { eventKey } from "../kafka/event-key";
import type { LineError } from "./record";

/** Where an import sends what it read: events, and the lines it could not use (with their numbers). */
export type ImportSink = {
  events(events: CtiEvent[]): Promise<void>;
  lineErrors(errors: LineError[]): Promise<void>;
};

/** A line's bytes as read: those kept for a line that is not text, else its text (valid UTF-8, so the same bytes). */
function lineBytes(e: LineError): Uint8Array {
  return e.bytes ?? Buffer.from(e.line, "utf8");
}

/** A refused line as a dead letter: its number stands where a Kafka offset would. */
export function lineDeadLetter(file: string, e: LineError, now: number): DeadLetterRow {
  const bytes = lineBytes(e);
  return {
    id: randomUUID(),
    received_at: now,
    source: `queue_log:${e.file ?? file}`,
    reason: e.reason,
    detail: `line ${e.lineNo}: ${e.detail}`.slice(0, 2000),
    ...keptPayload(bytes, e.size),
    topic: "",
    partition: -1,
    offset: String(e.lineNo),
    message_key: "",
    headers: "",
  };
}

/** Straight into the configured store through the pipeline (the embedded shape). */
export function storeSink(ch: ClickHouseClient, file: string, maxEventBytes: number): ImportSink {
  const pipeline = new IngestPipeline(ch, { maxEventBytes, origin: `queue_log:${file}` });
  return {
    events: async (events) => {
      await pipeline.ingest(events.map((e) => ({ payload: { object: e }, origin: { source: `queue_log:${file}` } })));
    },
    lineErrors: (errors) =>
      writeDeadLetters(
        ch,
        errors.map((e) => lineDeadLetter(file, e, Date.now())),
        `queue_log:${file}`,
      ),
  };
}

/** To Kafka: events keyed like every producer's, refused lines to the dead-letter topic. */
export function kafkaSink(producer: MessageProducer, topic: string, dlqTopic: string, file: string): ImportSink {
  return {
    events: (events) =>
      producer.send(
        topic,
        events.map((e) => ({ key: eventKey(e), value: JSON.stringify(e) })),
      ),
    lineErrors: (errors) =>
      producer.send(
        dlqTopic,
        errors.map((e) => ({
          key: null,
          value: Buffer.from(lineBytes(e)),
          headers: {
            "x-dlq-reason": e.reason,
            "x-dlq-detail": e.detail,
            "x-dlq-source": `queue_log:${e.file ?? file}`,
            "x-dlq-line": String(e.lineNo),
            "x-dlq-original-size": String(e.size ?? lineBytes(e).byteLength),
          },
        })),
      ),
  };
}
