import { describe, expect, it } from "vitest";
import { KafkaJSConnectionError, KafkaJSNonRetriableError, KafkaJSProtocolError } from "kafkajs";
import { membershipError } from "@/ingest/kafka/kafkajs-adapter";

// Built the way kafkajs builds them: a protocol error from the broker's error code, wrapped by its retrier
// (node_modules/kafkajs/src/retry/index.js: `new KafkaJSNonRetriableError(e, { cause: e.cause || e })`).
const protocol = (type: string, code: number) => new KafkaJSProtocolError({ type, code, retriable: false, message: type } as unknown as string);
const retrierWrapped = (e: Error) => Object.assign(new KafkaJSNonRetriableError(e), { cause: e });

describe("a commit refused because this member left the group", () => {
  it("is unwrapped to the protocol error kafkajs's consumer loop rejoins on", () => {
    const cause = protocol("UNKNOWN_MEMBER_ID", 25);
    const wrapped = retrierWrapped(cause);
    expect((wrapped as unknown as { type?: string }).type).toBeUndefined();
    expect(membershipError(wrapped)).toBe(cause);
    expect((membershipError(wrapped) as unknown as { type: string }).type).toBe("UNKNOWN_MEMBER_ID");
    expect(membershipError(retrierWrapped(protocol("REBALANCE_IN_PROGRESS", 27)))).toBeDefined();
  });

  it("leaves every other failure as it was", () => {
    expect(membershipError(retrierWrapped(protocol("TOPIC_AUTHORIZATION_FAILED", 29)))).toBeUndefined();
    expect(membershipError(new KafkaJSConnectionError("connection refused"))).toBeUndefined();
    expect(membershipError("not an error")).toBeUndefined();
  });
});
