import { describe, expect, it, vi } from "vitest";
import type { CtiEvent } from "@/lib/events";
import { CommandFailed, withDeadline } from "@/lib/telephony/commands";
import type { MonitorMode } from "@/lib/telephony/capabilities";
import type { MonitorRequest, MonitorSession } from "@/lib/telephony/monitor";
import { EslConnection } from "@/ingest/freeswitch/esl-connection";
import { FreeswitchMonitorSession } from "@/ingest/freeswitch/monitor-session";
import { FakeEslServer } from "../../fakes/freeswitch-esl/esl-server";
import { whileTimePasses } from "../../contract/harness";
import { startFakeLab, QUEUE, SUPERVISOR_PHONE, type FakeLab } from "../../fakes/freeswitch-esl/fake-lab";

/**
 * The FreeSWITCH adapter's own cases against the fake switch: what it asks FreeSWITCH for
 * (eavesdrop's variables and digits per mode, the originate line), and that nothing is left
 * on the switch whichever way a session or command ends.
 */
const supervisor = { id: "sup-1", name: "Sam Supervisor", extension: SUPERVISOR_PHONE };

async function withLab(run: (lab: FakeLab) => Promise<void>, o: Parameters<typeof startFakeLab>[0] = {}): Promise<void> {
  const lab = await startFakeLab(o);
  try {
    await run(lab);
  } finally {
    await lab.stop();
  }
}

/** A call in conversation and its agent's channel, from the feed. */
function talkingCall(lab: FakeLab): { callId: string; channelId: string } {
  const open = new Map<string, { callId: string; channelId: string }>();
  for (const e of lab.events()) {
    if (e.type === "call.established") open.set(e.legId, { callId: e.callId, channelId: e.data.agentChannelId });
    else if (e.type === "call.connection_cleared") open.delete(e.legId);
  }
  const call = [...open.values()].at(-1);
  if (!call) throw new Error("the fake floor should have a call in conversation");
  return call;
}

function startMonitor(lab: FakeLab, callId: string, mode: MonitorMode, who: MonitorRequest["supervisor"] = supervisor): Promise<MonitorSession> {
  const run = lab.adapter.commands.startMonitor;
  if (!run) throw new Error("startMonitor");
  return whileTimePasses(lab, (signal) => run({ callId, mode, supervisor: who }, signal));
}

/** startMonitor under the product's deadline, the fake's clock standing still unless the test moves it. */
function startWhileClockStands(lab: FakeLab, callId: string, deadlineMs?: number): Promise<MonitorSession> {
  const run = lab.adapter.commands.startMonitor;
  if (!run) throw new Error("startMonitor");
  return withDeadline((signal) => run({ callId, mode: "listen", supervisor }, signal), deadlineMs);
}

/** The supervisor's leg on the fake switch: the channel rung at their phone. */
const supervisorLegs = (lab: FakeLab) => [...lab.sw.channels.values()].filter((c) => c.ext === SUPERVISOR_PHONE);
const supervision = (lab: FakeLab) => lab.events().filter((e): e is Extract<CtiEvent, { type: `supervision.${string}` }> => e.type.startsWith("supervision."));

describe("the FreeSWITCH adapter on the fake switch", () => {
  it.each([
    ["listen", { read: false, write: false }],
    ["whisper", { read: false, write: true }],
    ["barge", { read: true, write: true }],
  ] as const)("starts %s with eavesdrop on the agent's leg and the whisper variables of the mode", (mode, mux) =>
    withLab(async (lab) => {
      const call = talkingCall(lab);
      const session = await startMonitor(lab, call.callId, mode);
      const [leg] = supervisorLegs(lab);
      if (!(session instanceof FreeswitchMonitorSession)) throw new Error("a FreeSWITCH session");
      expect(leg?.uuid).toBe(session.supervisorLeg);
      expect(leg?.eavesdrop).toEqual({ target: call.channelId, ...mux });
      expect(lab.server.received.find((l) => l.includes("originate"))).toContain(`user/${SUPERVISOR_PHONE} &eavesdrop(${call.channelId})`);
      await whileTimePasses(lab, (signal) => session.stop(signal));
      expect(supervisorLegs(lab)).toEqual([]);
      await expect(session.ended).resolves.toEqual({ reason: "stopped" });
    }),
  );

  it("changes mode with eavesdrop's digits received on the supervisor's leg (uuid_recv_dtmf): whisper 2, barge 3, listen 0", () =>
    withLab(async (lab) => {
      const call = talkingCall(lab);
      const session = await startMonitor(lab, call.callId, "listen");
      const leg = supervisorLegs(lab)[0];
      const seen: unknown[] = [];
      for (const mode of ["whisper", "barge", "listen", "barge"] as const) {
        await whileTimePasses(lab, (signal) => session.setMode(mode, signal));
        seen.push({ ...leg?.eavesdrop });
      }
      expect(leg?.received).toEqual(["2", "3", "0", "3"]);
      expect(leg?.sent).toEqual([]); // never played out to the supervisor's phone
      const t = call.channelId;
      expect(seen).toEqual([
        { target: t, read: false, write: true },
        { target: t, read: true, write: true },
        { target: t, read: false, write: false },
        { target: t, read: true, write: true },
      ]);
      await whileTimePasses(lab, (signal) => session.stop(signal));
    }));

  it("refuses a supervisor without a phone the template can ring, and a phone nobody is signed in on, leaving nothing", () =>
    withLab(async (lab) => {
      const call = talkingCall(lab);
      await expect(startMonitor(lab, call.callId, "listen", { id: "sup-2", name: "No Phone" })).rejects.toMatchObject({ code: "unsupported" });
      await expect(startMonitor(lab, call.callId, "listen", { ...supervisor, extension: "2999" })).rejects.toMatchObject({ code: "not_logged_on" });
      await expect(startMonitor(lab, call.callId, "listen", { ...supervisor, extension: "2001 &park()" })).rejects.toMatchObject({ code: "unsupported" });
      expect([...lab.sw.channels.values()].filter((c) => c.ext === SUPERVISOR_PHONE || c.ext === "2999")).toEqual([]);
      expect(supervision(lab)).toEqual([]);
    }));

  it("ends with nothing left when the supervisor's phone rings out", () =>
    withLab(async (lab) => {
      lab.sw.unanswered.add(SUPERVISOR_PHONE);
      const call = talkingCall(lab);
      await expect(startMonitor(lab, call.callId, "listen")).rejects.toMatchObject({ code: "busy" });
      await lab.pass(1_000);
      expect(supervisorLegs(lab)).toEqual([]);
      expect(supervision(lab)).toEqual([]);
    }));

  it("refuses a call whose agent channel is gone (uuid_exists false) with call_ended", () =>
    withLab(async (lab) => {
      const call = talkingCall(lab);
      lab.sw.channels.delete(call.channelId); // gone from the switch, not yet from the store
      await expect(startMonitor(lab, call.callId, "listen")).rejects.toMatchObject({ code: "call_ended" });
      expect(lab.server.received).toContain(`bgapi uuid_exists ${call.channelId}`);
      expect(lab.server.received.some((l) => l.includes("originate"))).toBe(false);
    }));

  it("kills the supervisor's leg when the agent's leg hangs up while it rings", () =>
    withLab(async (lab) => {
      const call = talkingCall(lab);
      const answer = startWhileClockStands(lab, call.callId);
      // Handled from the start: it may reject while the clock is moved below, before the expectation is attached.
      answer.catch(() => undefined);
      await vi.waitFor(() => expect(supervisorLegs(lab)).toHaveLength(1));
      const leg = supervisorLegs(lab)[0]?.uuid;
      lab.sw.hangup(call.channelId);
      await lab.pass(1_000);
      await expect(answer).rejects.toMatchObject({ code: "call_ended" });
      await vi.waitFor(() => expect(lab.server.received).toContain(`bgapi uuid_kill ${leg}`));
      expect(supervisorLegs(lab)).toEqual([]);
      expect(supervision(lab)).toEqual([]);
    }));

  it("hangs the supervisor's leg up when the command's deadline passes before FreeSWITCH answers the originate", () =>
    withLab(async (lab) => {
      // The phone rings and the fake's clock stands still: originate never answers within the deadline.
      const answer = startWhileClockStands(lab, talkingCall(lab).callId, 1_500);
      await expect(answer).rejects.toMatchObject({ code: "timeout" });
      const originate = lab.server.received.find((l) => l.includes("originate")) ?? "";
      const leg = /origination_uuid=([^,}]+)/.exec(originate)?.[1];
      expect(leg).toMatch(/^[0-9a-f-]{36}$/);
      await vi.waitFor(() => expect(lab.server.received).toContain(`bgapi uuid_kill ${leg}`));
      await vi.waitFor(() => expect(supervisorLegs(lab)).toEqual([]));
    }));

  it("ends the session as stopped when the supervisor hangs up their phone", () =>
    withLab(async (lab) => {
      const session = await startMonitor(lab, talkingCall(lab).callId, "whisper");
      lab.sw.hangup(supervisorLegs(lab)[0]?.uuid ?? "");
      await lab.pass(0);
      await expect(session.ended).resolves.toEqual({ reason: "stopped" });
      expect(supervision(lab).map((e) => [e.type, (e.data as { reason?: string }).reason])).toEqual([
        ["supervision.started", undefined],
        ["supervision.ended", "stopped"],
      ]);
    }));

  it("ends sessions as platform_stopped and kills their legs when the event socket reconnects (hang-ups may have been missed)", () =>
    withLab(async (lab) => {
      const session = await startMonitor(lab, talkingCall(lab).callId, "listen");
      lab.server.dropConnections();
      await vi.waitFor(() => expect(lab.log.some((l) => l.includes("lost or unreachable"))).toBe(true), { timeout: 20_000 });
      // The first command on the new socket is answered after the adapter heard of the reconnection: the session has ended by then.
      await lab.pass(0);
      await expect(Promise.race([session.ended, Promise.resolve("still running")])).resolves.toEqual({ reason: "platform_stopped" });
      // Killed over the new connection.
      await vi.waitFor(() => expect(supervisorLegs(lab)).toEqual([]));
      expect(lab.log.some((l) => l.includes("reconnected"))).toBe(true);
      // A session started on the new connection is not ended by it.
      const next = await startMonitor(lab, talkingCall(lab).callId, "listen");
      await lab.pass(0);
      await expect(Promise.race([next.ended, Promise.resolve("still running")])).resolves.toBe("still running");
      await whileTimePasses(lab, (signal) => next.stop(signal));
    }));

  it("ends every session as platform_stopped, with its leg hung up, when the adapter stops", async () => {
    const lab = await startFakeLab();
    const session = await startMonitor(lab, talkingCall(lab).callId, "barge");
    await lab.adapter.stop();
    await expect(session.ended).resolves.toEqual({ reason: "platform_stopped" });
    expect(supervisorLegs(lab)).toEqual([]);
    await lab.server.close();
  });

  it("says FreeSWITCH refused the password (-ERR invalid) at once, rather than letting the command run to its deadline", async () => {
    const server = new FakeEslServer("right-password", () => "+OK\n", Date.now);
    const port = await server.listen();
    const log: string[] = [];
    const esl = new EslConnection({ host: "127.0.0.1", port, password: "wrong-password" }, (l) => log.push(l));
    try {
      // The deadline is long: a timeout would mean the refusal was not read.
      const refused = withDeadline((signal) => esl.api("status", signal), 60_000);
      await expect(refused).rejects.toMatchObject({ code: "unreachable", message: expect.stringContaining("FreeSWITCH refused the event-socket password") });
      expect(server.received).toContain("auth wrong-password");
      expect(server.received).not.toContain("bgapi status");
      expect(log.some((l) => l.includes("refused the event-socket password"))).toBe(true);
      // Later commands are refused at once too, while the password stays wrong.
      await expect(esl.api("status", AbortSignal.timeout(60_000))).rejects.toMatchObject({ code: "unreachable" });
    } finally {
      esl.close();
      await server.close();
    }
  });

  it("originates a callback with the missed call and queue on the agent's leg, whose uuid is the new call's id", () =>
    withLab(async (lab) => {
      const run = lab.adapter.commands.originateCallback;
      if (!run) throw new Error("originateCallback");
      const placed = await whileTimePasses(lab, (signal) => run({ number: "+442079460055", queueId: QUEUE, callbackOf: "missed-9" }, signal));
      const line = lab.server.received.find((l) => l.startsWith("bgapi originate")) ?? "";
      expect(line).toBe(
        `bgapi originate {origination_uuid=${placed.callId},cc_queue=${QUEUE},cc_callback_of=missed-9}user/${placed.agentId} &bridge(sofia/gateway/pstn/+442079460055)`,
      );
      expect(lab.sw.channels.get(placed.callId)?.ext).toBe(placed.agentId);
      await expect(whileTimePasses(lab, (signal) => run({ number: "0800; &park()", queueId: QUEUE }, signal))).rejects.toMatchObject({ code: "not_permitted" });
    }));

  it("originates a supervisor-first callback to the supervisor's extension by its own template, naming them for the feed", () =>
    withLab(async (lab) => {
      const run = lab.adapter.commands.originateCallback;
      if (!run) throw new Error("originateCallback");
      const placed = await whileTimePasses(lab, (signal) =>
        run({ number: "+442079460057", queueId: QUEUE, callbackOf: "missed-10", first: "supervisor", supervisor }, signal),
      );
      const line = lab.server.received.find((l) => l.startsWith("bgapi originate")) ?? "";
      // Our variables after the template's: the new call's uuid, the queue, the missed call, and who the supervisor is.
      expect(line).toBe(
        `bgapi originate {origination_uuid=${placed.callId},cc_queue=${QUEUE},cc_callback_of=missed-10,cc_callback_supervisor=sup-1}user/${SUPERVISOR_PHONE} &bridge(sofia/gateway/pstn/+442079460057)`,
      );
      expect(placed.agentId).toBeUndefined();
      expect(lab.sw.channels.get(placed.callId)?.ext).toBe(SUPERVISOR_PHONE);
      // No agent was asked about: mod_callcenter's agents are not the supervisor's business here.
      expect(lab.server.received.filter((l) => l.includes("callcenter_config agent") || l.includes("queue list agents"))).toEqual([]);
      // An extension nobody is signed in on, and one that is not a plain word, are refused by name.
      const away = { ...supervisor, extension: "2999" };
      await expect(
        whileTimePasses(lab, (signal) => run({ number: "+442079460058", queueId: QUEUE, first: "supervisor", supervisor: away }, signal)),
      ).rejects.toMatchObject({
        code: "not_logged_on",
      });
      const sneaky = { ...supervisor, extension: "2001 &park()" };
      await expect(
        whileTimePasses(lab, (signal) => run({ number: "+442079460058", queueId: QUEUE, first: "supervisor", supervisor: sneaky }, signal)),
      ).rejects.toMatchObject({
        code: "not_permitted",
      });
      expect(lab.server.received.filter((l) => l.startsWith("bgapi originate"))).toHaveLength(2);
    }));

  it("refuses a callback when no agent of the queue is free, and to a logged-out agent", () =>
    withLab(async (lab) => {
      const setState = lab.adapter.commands.setAgentState;
      const run = lab.adapter.commands.originateCallback;
      if (!run || !setState) throw new Error("commands");
      for (const agentId of ["1001", "1002", "1003", "1004"]) await whileTimePasses(lab, (signal) => setState({ agentId, state: "logged_out" }, signal));
      await expect(whileTimePasses(lab, (signal) => run({ number: "+442079460056", queueId: QUEUE }, signal))).rejects.toMatchObject({ code: "busy" });
      await expect(whileTimePasses(lab, (signal) => run({ number: "+442079460056", queueId: QUEUE, agentId: "1001" }, signal))).rejects.toMatchObject({
        code: "not_logged_on",
      });
    }));

  it("keeps a break's reason in mod_hash, sets the status mod_callcenter spells, and forgets the reason when the agent is ready", () =>
    withLab(async (lab) => {
      const setState = lab.adapter.commands.setAgentState;
      if (!setState) throw new Error("setAgentState");
      const agent = [...lab.sw.callcenter.agents.values()].find((a) => a.state === "Waiting");
      if (!agent) throw new Error("an idle agent");
      await whileTimePasses(lab, (signal) => setState({ agentId: agent.name, state: "not_ready", reason: "team meeting" }, signal));
      expect([agent.status, lab.sw.hash.get(`cc_break_reason/${agent.name}`)]).toEqual(["On Break", "team meeting"]);
      await whileTimePasses(lab, (signal) => setState({ agentId: agent.name, state: "ready" }, signal));
      expect([agent.status, lab.sw.hash.has(`cc_break_reason/${agent.name}`)]).toEqual(["Available", false]);
      await expect(whileTimePasses(lab, (signal) => setState({ agentId: agent.name, state: "not_ready", reason: "a/b" }, signal))).rejects.toBeInstanceOf(CommandFailed);
    }));
});
