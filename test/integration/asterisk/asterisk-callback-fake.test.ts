import { describe, expect, it } from "vitest";
import type { CtiEvent } from "@/lib/events";
import type { CallbackCommand, CallbackResult } from "@/lib/telephony/commands";
import { whileTimePasses } from "../../contract/harness";
import { startFakeLab, type FakeLab } from "../../fakes/asterisk/fake-lab";
import { defaultPhone } from "../../fakes/asterisk/fake-asterisk";

/**
 * Callbacks through ARI against the fake Asterisk: the events the adapter emits for each
 * outcome, and nothing of the callback left in Asterisk afterwards (its channels and bridge,
 * as GET /channels and /bridges show them). The fake's phones: a member answers 3 s after
 * it rings, the desk phone PJSIP/2001 after 2 s, a customer whose number ends in 0 after 5 s
 * and hangs up after 60 s, one ending in 2 is busy after 2 s (fake-asterisk.ts defaultPhone).
 */
function originate(lab: FakeLab, c: CallbackCommand): Promise<CallbackResult> {
  const run = lab.adapter.commands.originateCallback;
  if (!run) throw new Error("no originateCallback");
  return whileTimePasses({ adapter: lab.adapter, events: lab.events, pass: lab.pass, stop: lab.stop }, (signal) => run(c, signal));
}

const ofCall = (lab: FakeLab, callId: string) => lab.events().filter((e) => e.callId === callId);
const ended = (lab: FakeLab, callId: string) => ofCall(lab, callId).some((e) => e.type === "call.cleared" || e.type === "call.failed");

async function passUntil(lab: FakeLab, done: () => boolean, limitS = 300): Promise<void> {
  for (let s = 0; !done() && s < limitS; s++) await lab.pass(1_000);
  expect(done()).toBe(true);
}

/** What of the callback Asterisk still has, by ARI's own listings. */
async function leftOf(lab: FakeLab, callId: string): Promise<{ channels: string[]; bridges: string[] }> {
  const auth = `Basic ${Buffer.from("ccs:fake-ari-secret").toString("base64")}`;
  const get = async (p: string) => (await (await fetch(`${lab.ariUrl}${p}`, { headers: { authorization: auth } })).json()) as { id: string }[];
  return {
    channels: (await get("/channels")).map((c) => c.id).filter((id) => id.startsWith(callId)),
    bridges: (await get("/bridges")).map((b) => b.id).filter((id) => id.startsWith(callId)),
  };
}

const queueId = "support";

describe("callbacks through ARI on the fake Asterisk", () => {
  it("agent first: rings the agent, dials the customer once they pick up, bridges them, and clears when the customer hangs up", async () => {
    const lab = await startFakeLab();
    try {
      const placed = await originate(lab, { number: "+442079460010", queueId, callbackOf: "missed-1" });
      expect(placed.agentId).toMatch(/^100[1-4]$/);
      // Agent answers at t0 + 3 s, the customer 5 s later: bridged then, with both channels.
      await passUntil(lab, () => ofCall(lab, placed.callId).some((e) => e.type === "call.established"));
      const during = await leftOf(lab, placed.callId);
      expect(during.bridges).toEqual([`${placed.callId}-bridge`]);
      expect(lab.asterisk.bridges.get(`${placed.callId}-bridge`)?.channels.sort()).toEqual([placed.callId, `${placed.callId}-customer`].sort());
      await passUntil(lab, () => ended(lab, placed.callId));
      const events = ofCall(lab, placed.callId);
      expect(events.map((e) => e.type)).toEqual(["call.offered", "call.delivered", "agent.busy", "call.established", "call.connection_cleared", "call.cleared"]);
      const [offered, , busy, established, cleared] = events as [CtiEvent, CtiEvent, CtiEvent, CtiEvent, CtiEvent];
      // t0: when Asterisk made the agent's channel (the offer's time, from the channel's creationtime).
      const t0 = offered.time;
      expect(offered.data).toMatchObject({ direction: "outbound", to: "+442079460010", callbackOf: "missed-1" });
      expect(busy.time).toBe(t0 + 3_000);
      // ringMs: the customer rang from the agent's pick-up (t0 + 3 s) to their answer (t0 + 8 s) = 5 000 ms.
      expect(established.data).toMatchObject({ ringMs: 5_000, waitMs: 8_000, agentChannelId: placed.callId });
      // The customer talks 60 s and hangs up: talkMs 60 000, released by the caller.
      expect(cleared.data).toMatchObject({ talkMs: 60_000, releasedBy: "caller", transferred: false });
      const back = lab.events().find((e) => e.agentId === placed.agentId && e.type === "agent.ready" && e.time === cleared.time);
      expect(back).toBeDefined();
      expect(await leftOf(lab, placed.callId)).toEqual({ channels: [], bridges: [] });
    } finally {
      await lab.stop();
    }
  });

  it("a busy customer: call.failed busy, the agent back to ready, nothing left", async () => {
    const lab = await startFakeLab();
    try {
      const placed = await originate(lab, { number: "+442079460012", queueId });
      await passUntil(lab, () => ended(lab, placed.callId));
      const events = ofCall(lab, placed.callId);
      expect(events.map((e) => e.type)).toEqual(["call.offered", "call.delivered", "agent.busy", "call.failed"]);
      expect(events[3]?.data).toEqual({ cause: "busy" });
      expect(lab.events().some((e) => e.agentId === placed.agentId && e.type === "agent.ready" && e.time === events[3]?.time)).toBe(true);
      expect(await leftOf(lab, placed.callId)).toEqual({ channels: [], bridges: [] });
    } finally {
      await lab.stop();
    }
  });

  it("the agent refusing (their phone busy): call.failed agent_busy, no customer dialled, no agent state changed", async () => {
    const lab = await startFakeLab();
    lab.asterisk.phone = (endpoint) => (endpoint.startsWith("Local/") ? "busy" : defaultPhone(endpoint));
    try {
      const placed = await originate(lab, { number: "+442079460010", queueId });
      await passUntil(lab, () => ended(lab, placed.callId));
      expect(ofCall(lab, placed.callId).map((e) => e.type)).toEqual(["call.offered", "call.delivered", "call.failed"]);
      expect(ofCall(lab, placed.callId)[2]?.data).toEqual({ cause: "agent_busy" });
      expect(lab.ariServer.requests.filter((r) => r.method === "POST" && r.path === "/ari/channels")).toHaveLength(1);
      expect(await leftOf(lab, placed.callId)).toEqual({ channels: [], bridges: [] });
    } finally {
      await lab.stop();
    }
  });

  it("supervisor first, unanswered: call.failed supervisor_no_answer after the ring timeout, naming the supervisor", async () => {
    const lab = await startFakeLab();
    lab.asterisk.phone = (endpoint) => (endpoint === "PJSIP/2001" ? "no_answer" : defaultPhone(endpoint));
    try {
      const supervisor = { id: "sam", name: "Sam", extension: "2001" };
      const placed = await originate(lab, { number: "+442079460010", queueId, first: "supervisor", supervisor });
      expect(placed.agentId).toBeUndefined();
      await passUntil(lab, () => ended(lab, placed.callId));
      const events = ofCall(lab, placed.callId);
      const t0 = events[0]?.time ?? 0;
      expect(events[1]).toMatchObject({ type: "call.delivered", agentId: "sam", raw: { interface: "PJSIP/2001" } });
      // The adapter's default ring time for the first phone is 30 s.
      expect(events.at(-1)).toMatchObject({ type: "call.failed", data: { cause: "supervisor_no_answer" }, time: t0 + 30_000 });
      expect(await leftOf(lab, placed.callId)).toEqual({ channels: [], bridges: [] });
    } finally {
      await lab.stop();
    }
  });

  it("the adapter stopping mid-call hangs both parties up and destroys the bridge", async () => {
    const lab = await startFakeLab();
    let callId = "";
    try {
      callId = (await originate(lab, { number: "+442079460010", queueId })).callId;
      await passUntil(lab, () => ofCall(lab, callId).some((e) => e.type === "call.established"));
      expect((await leftOf(lab, callId)).channels).toHaveLength(2);
    } finally {
      await lab.adapter.stop();
    }
    expect([...lab.asterisk.channels.keys()].filter((id) => id.startsWith(callId))).toEqual([]);
    expect([...lab.asterisk.bridges.keys()].filter((id) => id.startsWith(callId))).toEqual([]);
    expect(ofCall(lab, callId).find((e) => e.type === "call.connection_cleared")?.data).toMatchObject({ releasedBy: "system" });
    await lab.stop();
  });
});
