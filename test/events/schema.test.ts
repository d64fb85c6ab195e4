import { describe, expect, it } from "vitest";
import { ctiEventSchema, EVENT_TYPES } from "@/lib/events";
import { EVENT_EXAMPLES } from "@/lib/events/examples";
import { ctiEventJsonSchema } from "@/lib/events/json-schema";

describe("CTI event schemas", () => {
  it.each(EVENT_TYPES)("accepts the documented example of %s", (type) => {
    const result = ctiEventSchema.safeParse(EVENT_EXAMPLES[type]);
    expect(result.success, JSON.stringify(result.error?.issues)).toBe(true);
  });

  it("requires the ids each family of events needs", () => {
    const { queueId: _q, ...noQueue } = EVENT_EXAMPLES["call.queue_exited"];
    expect(ctiEventSchema.safeParse(noQueue).success).toBe(false);
    const { agentId: _a, ...noAgent } = EVENT_EXAMPLES["agent.ready"];
    expect(ctiEventSchema.safeParse(noAgent).success).toBe(false);
  });

  it("rejects wrong types, negative durations and unknown enum values", () => {
    const ex = EVENT_EXAMPLES["call.connection_cleared"];
    expect(ctiEventSchema.safeParse({ ...ex, data: { ...ex.data, talkMs: -1 } }).success).toBe(false);
    expect(ctiEventSchema.safeParse({ ...ex, data: { ...ex.data, releasedBy: "alien" } }).success).toBe(false);
    expect(ctiEventSchema.safeParse({ ...ex, time: "9:30" }).success).toBe(false);
    expect(ctiEventSchema.safeParse({ ...ex, id: "1234" }).success).toBe(false);
  });

  it("exports a JSON Schema with one branch per event type", () => {
    const schema = ctiEventJsonSchema() as { oneOf?: unknown[]; anyOf?: unknown[] };
    const branches = schema.oneOf ?? schema.anyOf ?? [];
    expect(branches).toHaveLength(EVENT_TYPES.length);
  });
});
