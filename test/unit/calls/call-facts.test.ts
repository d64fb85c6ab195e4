import { describe, expect, it } from "vitest";
import { buildCallFacts, type CallDirectory } from "@/lib/calls/call-facts";
import { CALL_ID, acwEndOfL1, transferredCall } from "../helpers/transferred-call";

const t0 = Date.UTC(2026, 2, 3, 10, 0, 0);
const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString().padStart(12, "0")}`;
const directory: CallDirectory = {
  agents: new Map([
    ["a1", { name: "Ann One", teamId: "red" }],
    ["a2", { name: "Bob Two", teamId: "blue" }],
  ]),
  queues: new Map([
    ["sales", "Sales"],
    ["billing", "Billing"],
  ]),
};

describe("buildCallFacts", () => {
  it("gives each leg its wait, talk without hold, hold, ACW and transfer, and sums them for the call", () => {
    const events = [...transferredCall("t", t0, uuid), acwEndOfL1("t", t0, uuid(99))];
    // L2's ACW is not among the events (as when the ending agent event is not read): it comes from the store's segments.
    const facts = buildCallFacts(CALL_ID, events, { directory, acwByLeg: new Map([["L2", 7_000]]) });
    expect(facts.legs.map((l) => [l.legId, l.queueName, l.agentName, l.teamId, l.waitMs, l.talkMs, l.holdMs, l.holdCount, l.acwMs, l.outcome])).toEqual([
      ["L1", "Sales", "Ann One", "red", 20_000, 70_000, 30_000, 1, 5_000, "answered"],
      ["L2", "Billing", "Bob Two", "blue", 15_000, 60_000, 0, 0, 7_000, "answered"],
    ]);
    expect(facts.legs[0]?.queuedAt).toBe(t0);
    expect(facts.legs[1]?.answeredAt).toBe(t0 + 135_000);
    expect(facts.transfers).toEqual([{ legId: "L1", at: t0 + 120_000, kind: "blind", toQueueId: "billing", toAgentId: null, toExtension: null }]);
    expect({ wait: facts.waitMs, talk: facts.talkMs, hold: facts.holdMs, acw: facts.acwMs }).toEqual({ wait: 35_000, talk: 130_000, hold: 30_000, acw: 12_000 });
    expect(facts.queues).toEqual([
      { id: "sales", name: "Sales" },
      { id: "billing", name: "Billing" },
    ]);
    expect(facts.agents.map((a) => a.name)).toEqual(["Ann One", "Bob Two"]);
    expect([facts.caller, facts.offeredAt, facts.endedAt, facts.durationMs, facts.outcome]).toEqual(["+441000", t0, t0 + 195_000, 195_000, "answered"]);
  });

  it("leaves out the legs the caller may not see, from the legs and from the sums", () => {
    const facts = buildCallFacts(CALL_ID, transferredCall("t", t0, uuid), { directory, keepLeg: (l) => l.queueId === "billing" });
    expect(facts.legs.map((l) => l.legId)).toEqual(["L2"]);
    expect([facts.waitMs, facts.holdMs, facts.transfers.length, facts.queues.length]).toEqual([15_000, 0, 0, 1]);
  });

  it("names an agent or queue missing from the directory by its id", () => {
    const facts = buildCallFacts(CALL_ID, transferredCall("t", t0, uuid), { directory: { agents: new Map(), queues: new Map() } });
    expect(facts.legs.map((l) => [l.queueName, l.agentName, l.teamId])).toEqual([
      ["sales", "a1", null],
      ["billing", "a2", null],
    ]);
  });
});
