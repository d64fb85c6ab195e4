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

  it("requires a segment's queue entry on connection_cleared", () => {
    const { queuedAt: _q, ...noQueuedAt } = EVENT_EXAMPLES["call.connection_cleared"].data;
    expect(ctiEventSchema.safeParse({ ...EVENT_EXAMPLES["call.connection_cleared"], data: noQueuedAt }).success).toBe(false);
    expect(ctiEventSchema.safeParse(EVENT_EXAMPLES["call.connection_cleared"]).success).toBe(true);
  });

  it("requires previous.queuedAt when previous names a leg, and not otherwise", () => {
    const t = Date.UTC(2026, 0, 5, 9);
    const base = { specVersion: "1.0", id: "0b7c5a5e-7f3e-4c1a-9d3b-2f6a1e8c4d01", source: "test", tenantId: "t", agentId: "a1", time: t };
    const call = { callId: "c1", legId: "c1.1" };
    const ready = (previous: Record<string, unknown>) => ctiEventSchema.safeParse({ ...base, type: "agent.ready", data: { previous } });
    const acw = { state: "after_call_work", since: t - 30_000, ...call };
    const legless = ready({ state: "after_call_work", since: t - 30_000, callId: "c1" });
    expect(legless.success, JSON.stringify(legless.error?.issues)).toBe(true);
    expect(ready({ state: "ready", since: t - 60_000 }).success).toBe(true);
    const missing = ready(acw);
    expect(missing.success).toBe(false);
    expect(missing.error?.issues.map((i) => i.path.join("."))).toEqual(["data.previous.queuedAt"]);
    expect(ready({ ...acw, queuedAt: t - 400_000 }).success).toBe(true);
    // The same rule on every agent state event that can carry a previous.
    const busyToAcw = { ...base, ...call, queueId: "q1", type: "agent.working_after_call", data: { previous: { state: "busy", since: t - 60_000, ...call } } };
    expect(ctiEventSchema.safeParse(busyToAcw).success).toBe(false);
    const offWithLeg = { ...base, type: "agent.logged_off", data: { previous: { state: "busy", since: t - 60_000, ...call } } };
    expect(ctiEventSchema.safeParse(offWithLeg).success).toBe(false);
    const offWithoutLeg = { ...base, type: "agent.logged_off", data: { previous: { state: "ready", since: t - 60_000 } } };
    expect(ctiEventSchema.safeParse(offWithoutLeg).success).toBe(true);
  });

  it("exports a JSON Schema with one branch per event type", () => {
    const schema = ctiEventJsonSchema() as { oneOf?: unknown[]; anyOf?: unknown[] };
    const branches = schema.oneOf ?? schema.anyOf ?? [];
    expect(branches).toHaveLength(EVENT_TYPES.length);
  });

  it("tells JSON Schema users that previous.legId needs previous.queuedAt", () => {
    // Every object schema that has both `since` and `legId` is a `previous`; walk the whole document.
    const found: unknown[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (node === null || typeof node !== "object") return;
      const o = node as Record<string, unknown>;
      const props = o.properties as Record<string, unknown> | undefined;
      if (props && "since" in props && "legId" in props) found.push(o.dependentRequired);
      Object.values(o).forEach(walk);
    };
    walk(ctiEventJsonSchema());
    const withPrevious = EVENT_TYPES.filter((t) => t.startsWith("agent.") && t !== "agent.logged_on");
    expect(found).toHaveLength(withPrevious.length);
    for (const d of found) expect(d).toEqual({ legId: ["queuedAt"] });
  });
});
