/**
 * One inbound message, from any source. Kafka and file importers hand over bytes;
 * the in-process simulator hands over objects it built (skipping a JSON round
 * trip), which are validated exactly the same way.
 */
export type InboundMessage = {
  /** Raw bytes as received, or an already-built object from an in-process producer. */
  payload: Uint8Array | { object: unknown };
  origin: MessageOrigin;
};

export type MessageOrigin = {
  /** Which source: "simulator", "kafka", "queue_log:/path", ... */
  source: string;
  topic?: string;
  partition?: number;
  offset?: string;
  key?: string;
  headers?: Record<string, string>;
};
