import { describe, expect, it } from "vitest";
import { connectedLegFrom, memberInterfaceFrom } from "@/ingest/asterisk/floor";
import { QueueLogMapper } from "@/ingest/queue-log";
import type { CtiEvent } from "@/lib/events";

/** queue_log lines through the real importer, as the store would hold their events. */
function imported(lines: string[]): CtiEvent[] {
  const m = new QueueLogMapper({ tenantId: "t", source: "asterisk://test" });
  return [...lines.flatMap((l, i) => m.push(l, i + 1).events), ...m.flush().events];
}

const T = 1_790_000_000;
const lines = [
  `${T}|MANAGER|support|Local/1001@agents/n|ADDMEMBER|`,
  `${T + 10}|1790000010.5|support|NONE|ENTERQUEUE||5551234|1`,
  `${T + 14}|1790000010.5|support|Local/1001@agents/n|CONNECT|4|1790000014.7|0`,
];

describe("the floor the adapter reads from the imported queue_log", () => {
  it("finds the agent channel a CONNECT line names for a call in conversation", () => {
    const events = imported(lines).filter((e) => e.callId === "1790000010.5");
    expect(connectedLegFrom(events)).toEqual({ callId: "1790000010.5", legId: "1790000010.5.1", queueId: "support", agentId: "1001", channelId: "1790000014.7" });
  });

  it("says the call ended once its leg cleared, and knows nothing of a call it has no events for", () => {
    const done = imported([...lines, `${T + 60}|1790000010.5|support|Local/1001@agents/n|COMPLETECALLER|4|46|1`]).filter((e) => e.callId === "1790000010.5");
    expect(connectedLegFrom(done)).toBe("ended");
    // Out of order arrival changes nothing: the events are read in time order.
    expect(connectedLegFrom([...done].reverse())).toBe("ended");
    expect(connectedLegFrom([])).toBeUndefined();
  });

  it("takes an agent's member interface from the latest of their events", () => {
    // The site moved the agent to PJSIP: the pause after the call names the new interface.
    const events = imported([
      ...lines,
      `${T + 60}|1790000010.5|support|Local/1001@agents/n|COMPLETECALLER|4|46|1`,
      `${T + 90}|NONE|support|PJSIP/1001|PAUSE|lunch`,
    ]).filter((e) => e.agentId === "1001");
    expect(memberInterfaceFrom(events)).toBe("PJSIP/1001");
    expect(memberInterfaceFrom(events.filter((e) => e.time <= (T + 14) * 1000))).toBe("Local/1001@agents/n");
    expect(memberInterfaceFrom([])).toBeUndefined();
  });
});
