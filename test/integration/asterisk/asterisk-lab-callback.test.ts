import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AsteriskAdapter } from "@/ingest/asterisk/adapter";
import type { AriClient } from "@/ingest/asterisk/ari-client";
import { connectedLegFrom, memberInterfaceFrom, queueMembersFrom, type AsteriskFloor } from "@/ingest/asterisk/floor";
import type { CtiEvent } from "@/lib/events";
import { withDeadline } from "@/lib/telephony/commands";
import { validate } from "@/ingest/pipeline/decode";
import { labBuilt, waitFor } from "./lab";
import { startLabAdapter, type LabAdapter } from "./lab-adapter";

/**
 * Callbacks through the real Asterisk lab: the adapter rings an agent of the lab's queue (a Local
 * channel whose phone answers at once and hangs up after LAB_TALK, 3 s by default) into its Stasis
 * app, then dials the customer (Local/<number>@lab-customers: answers after 1 s; a number starting 9
 * is busy), bridges them, and emits the call's events itself. Afterwards nothing it made is left in
 * Asterisk. Skipped without a built lab, except with ASTERISK_LAB=required.
 */
const missing = !labBuilt();
if (missing && process.env.ASTERISK_LAB === "required")
  throw new Error("ASTERISK_LAB=required but the Asterisk lab is not built (bash infra/asterisk/asterisk.sh build, as .ci/run does)");

describe.skipIf(missing)("callbacks through the real Asterisk lab", () => {
  let adapter: AsteriskAdapter;
  let client: AriClient;
  const delivered: CtiEvent[] = [];

  // The lab's three agents as the store would know them from the queue_log: logged on to lab-support, ready.
  const at = Date.now() - 60_000;
  const members: CtiEvent[] = ["1001", "1002", "1003"].map((ext, i) => ({
    specVersion: "1.0",
    id: `00000000-0000-4000-8000-00000000000${i}`,
    source: "asterisk://lab",
    tenantId: "lab",
    type: "agent.logged_on",
    time: at,
    agentId: ext,
    raw: { interface: `Local/${ext}@lab-agents/n` },
    data: { queues: ["lab-support"] },
  }));
  const floor: AsteriskFloor = {
    connectedLeg: async (callId) => connectedLegFrom(delivered.filter((e) => e.callId === callId)),
    memberInterface: async (agentId) => memberInterfaceFrom([...members, ...delivered].filter((e) => e.agentId === agentId)),
    queueMembers: async (queueId) => queueMembersFrom([...members, ...delivered], queueId),
  };

  let labAdapter: LabAdapter | undefined;
  beforeAll(async () => {
    labAdapter = await startLabAdapter({
      app: () => "ccs-lab-callbacks",
      floor,
      delivered,
      options: () => ({ callback: { customerEndpoint: "Local/{number}@lab-customers" } }),
    });
    ({ adapter, client } = labAdapter);
  }, 11 * 60_000);
  afterAll(async () => {
    await labAdapter?.stop();
  });

  const place = (number: string, agentId: string) =>
    withDeadline((signal) => adapter.commands.originateCallback!({ number, queueId: "lab-support", agentId, first: "agent", callbackOf: "missed-1" }, signal), 5_000);
  const ours = async () => {
    const signal = AbortSignal.timeout(5_000);
    const [channels, bridges] = await Promise.all([client.listChannels(signal), client.listBridges(signal)]);
    return { channels: channels.filter((c) => !c.name.startsWith("Local/7000")), bridges };
  };

  it("rings the agent, dials the customer once the agent answers, bridges them, and leaves nothing when the agent hangs up", async () => {
    const { callId, agentId } = await place("5550101", "1001");
    expect(agentId).toBe("1001");
    // The agent hangs up 3 s after answering (the lab's LAB_TALK default): the call is cleared, released by the agent.
    const events = await waitFor(
      "the callback to be cleared",
      () => {
        const own = delivered.filter((e) => e.callId === callId);
        return own.some((e) => e.type === "call.cleared") ? own : undefined;
      },
      30_000,
    );
    // Every event the adapter made is one the pipeline accepts.
    expect(events.map((e) => validate(e).ok)).toEqual(events.map(() => true));
    const types = events.map((e) => e.type);
    expect(types[0]).toBe("call.offered");
    expect(types).toContain("call.delivered");
    expect(types).toContain("call.established");
    expect(types.at(-1)).toBe("call.cleared");
    expect(events[0]?.data).toMatchObject({ direction: "outbound", callbackOf: "missed-1" });
    const cleared = events.find((e) => e.type === "call.connection_cleared");
    expect(cleared?.data).toMatchObject({ releasedBy: "agent" });
    // Talked about 3 s (the agent's phone's Wait(3) after its answer, less the customer's 1 s of ringing), within a second.
    const talkMs = Number((cleared?.data as { talkMs?: number }).talkMs);
    expect(talkMs).toBeGreaterThan(1_000);
    expect(talkMs).toBeLessThan(3_500);
    await waitFor("nothing of the callback left in Asterisk", async () => {
      const left = await ours();
      return left.channels.length === 0 && left.bridges.length === 0 ? true : undefined;
    });
  });

  it("ends a callback to a busy customer as failed, with nothing left", async () => {
    const { callId } = await place("9550102", "1002");
    const events = await waitFor(
      "the callback to fail",
      () => {
        const own = delivered.filter((e) => e.callId === callId);
        return own.some((e) => e.type === "call.failed" || e.type === "call.cleared") ? own : undefined;
      },
      30_000,
    );
    expect(events.map((e) => validate(e).ok)).toEqual(events.map(() => true));
    expect(events.map((e) => e.type)).not.toContain("call.established");
    expect(events.find((e) => e.type === "call.failed")).toBeDefined();
    await waitFor("nothing of the callback left in Asterisk", async () => {
      const left = await ours();
      return left.channels.length === 0 && left.bridges.length === 0 ? true : undefined;
    });
  });
});
