import { describe, expect, it } from "vitest";
import { ctiEventSchema, SPEC_VERSION, type CtiEvent } from "@/lib/events";
import { agentLegFrom } from "@/ingest/freeswitch/agent-leg";

const base = { specVersion: SPEC_VERSION, source: "freeswitch://t", tenantId: "t1", callId: "c1", queueId: "q1" };
let n = 0;
const ev = (fields: Record<string, unknown>): CtiEvent => ctiEventSchema.parse({ ...base, id: `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`, ...fields });

describe("the agent's leg of a call, from its events", () => {
  it("is the established leg not yet cleared, with the agent channel's uuid", () => {
    const events = [
      ev({ type: "call.established", time: 2_000, legId: "l1", agentId: "1001", data: { waitMs: 1, ringMs: 1, agentChannelId: "uuid-a" } }),
      ev({
        type: "call.connection_cleared",
        time: 3_000,
        legId: "l1",
        agentId: "1001",
        data: { queuedAt: 0, talkMs: 1, holdMs: 0, holdCount: 0, releasedBy: "system", transferred: true },
      }),
      ev({ type: "call.established", time: 4_000, legId: "l2", agentId: "1002", data: { waitMs: 1, ringMs: 1, agentChannelId: "uuid-b" } }),
    ];
    // In any order of arrival.
    expect(agentLegFrom([...events].reverse())).toEqual({ callId: "c1", legId: "l2", queueId: "q1", agentId: "1002", channelId: "uuid-b" });
  });

  it("is ended for a call whose legs all cleared, unknown for no events", () => {
    expect(agentLegFrom([ev({ type: "call.offered", time: 1, data: { from: "1", to: "2", direction: "inbound", channelId: "x" } })])).toBe("ended");
    expect(agentLegFrom([])).toBeUndefined();
  });
});
