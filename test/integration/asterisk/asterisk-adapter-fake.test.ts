import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { AriClient } from "@/ingest/asterisk/ari-client";
import { AsteriskAdapter } from "@/ingest/asterisk/adapter";
import { CommandFailed, withDeadline } from "@/lib/telephony/commands";
import type { MonitorSession } from "@/lib/telephony/monitor";
import type { CtiEvent } from "@/lib/events";
import { recordingContext } from "../../unit/helpers/platform-context";
import { FAKE_AMI, FAKE_ARI, startFakeLab, type FakeLab } from "../../fakes/asterisk/fake-lab";

/**
 * What the shared contract does not reach: where the supervisor's voice goes in each mode,
 * that a mode change keeps the bridge and media channel, that nothing is left in Asterisk
 * (GET /channels and /bridges) after every way a session ends or fails to start, and the
 * credentials and reachability errors. Against the fake Asterisk on its own clock.
 */
let lab: FakeLab | undefined;
afterEach(async () => {
  await lab?.stop();
  lab = undefined;
});

const supervisor = { id: "sup-1", name: "Sam Supervisor" };
const ours = (sessionId: string) => (id: string) => id.startsWith(sessionId);

async function started(): Promise<FakeLab> {
  lab = await startFakeLab();
  return lab;
}

/** The call in conversation answered last (the most time left), from the delivered events. */
function liveCall(l: FakeLab): { callId: string; legId: string; channelId: string } {
  const open = new Map<string, { callId: string; legId: string; channelId: string }>();
  for (const e of l.events()) {
    if (e.type === "call.established") open.set(e.legId, { callId: e.callId, legId: e.legId, channelId: e.data.agentChannelId ?? "" });
    if (e.type === "call.connection_cleared") open.delete(e.legId);
  }
  const call = [...open.values()].at(-1);
  if (!call) throw new Error("the fake floor should have a call in conversation");
  return call;
}

/** A command under the product's deadline while the fake's time moves on in 100 ms steps. */
async function run<T>(l: FakeLab, command: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const answer = withDeadline(command, 5_000, "the test's command");
  const settled = answer.then(
    () => true,
    () => true,
  );
  while (!(await Promise.race([settled, Promise.resolve(false)]))) await l.pass(100);
  return answer;
}

/** What Asterisk holds, asked the way an operator would: GET /channels and GET /bridges. */
async function leftInAsterisk(l: FakeLab): Promise<{ channels: string[]; bridges: string[] }> {
  const client = new AriClient({ url: l.ariUrl, ...FAKE_ARI });
  const signal = AbortSignal.timeout(5_000);
  return { channels: (await client.listChannels(signal)).map((c) => c.id), bridges: (await client.listBridges(signal)).map((b) => b.id) };
}

function tone(hz: number): Int16Array {
  return Int16Array.from({ length: 320 }, (_, i) => Math.round(8000 * Math.sin((2 * Math.PI * hz * i) / 16_000)));
}

async function speak(l: FakeLab, session: MonitorSession, frames: number): Promise<void> {
  for (let i = 0; i < frames; i++) session.sendAudio(tone(700));
  await l.pass(20);
}

function supervision(l: FakeLab, sessionId: string): [string, unknown][] {
  return l
    .events()
    .filter(
      (e): e is CtiEvent & { data: { sessionId: string; reason?: string; mode?: string } } =>
        e.type.startsWith("supervision.") && (e.data as { sessionId?: string }).sessionId === sessionId,
    )
    .map((e) => [e.type, e.data.reason ?? e.data.mode]);
}

describe("the Asterisk adapter's monitoring, on the fake Asterisk", () => {
  it("sends the supervisor's voice to nobody while listening, to the agent only in whisper, to both in barge", async () => {
    const l = await started();
    const call = liveCall(l);
    const session = await run(l, (s) => l.adapter.commands.startMonitor!({ callId: call.callId, mode: "listen", supervisor }, s));
    const heard = () => ({ ...(l.asterisk.heard.get(call.channelId) ?? { agent: 0, caller: 0 }) });
    await speak(l, session, 10);
    expect(heard()).toEqual({ agent: 0, caller: 0 });
    await run(l, (s) => session.setMode("whisper", s));
    await speak(l, session, 10);
    expect(heard()).toEqual({ agent: 10, caller: 0 });
    await run(l, (s) => session.setMode("barge", s));
    await speak(l, session, 10);
    expect(heard()).toEqual({ agent: 20, caller: 10 });
    await run(l, (s) => session.stop(s));
  });

  it("changes mode by replacing the snoop in the same bridge, keeping the media channel", async () => {
    const l = await started();
    const call = liveCall(l);
    const session = await run(l, (s) => l.adapter.commands.startMonitor!({ callId: call.callId, mode: "listen", supervisor }, s));
    const bridges = () => [...l.asterisk.bridges.values()].filter((b) => b.name.includes(session.id));
    const [before] = bridges();
    const members = () => (bridges()[0]?.channels ?? []).map((id) => l.asterisk.channels.get(id));
    expect(members().map((c) => [c?.kind, c?.snoop?.spy, c?.snoop?.whisper])).toEqual([
      ["media", undefined, undefined],
      ["snoop", "both", "none"],
    ]);
    const media = members()[0]?.id;
    await run(l, (s) => session.setMode("whisper", s));
    expect(bridges().map((b) => b.id)).toEqual([before?.id]);
    expect(members().map((c) => [c?.kind, c?.id === media, c?.snoop?.target, c?.snoop?.whisper])).toEqual([
      ["media", true, undefined, undefined],
      ["snoop", false, call.channelId, "out"],
    ]);
    // The replaced snoop is gone from Asterisk, not only from the bridge.
    expect([...l.asterisk.channels.values()].filter((c) => c.kind === "snoop").length).toBe(1);
    await run(l, (s) => session.stop(s));
  });

  it("leaves nothing in Asterisk after a stop, a call's end or the adapter's stop, and says why each ended", async () => {
    const l = await started();
    const before = await leftInAsterisk(l);
    expect(before.bridges).toEqual([]);
    const [first, second] = [
      ...new Map(
        l
          .events()
          .filter((e) => e.type === "call.established")
          .map((e) => [e.callId, e]),
      ).values(),
    ].filter((e) => !l.events().some((c) => c.type === "call.connection_cleared" && c.legId === e.legId));
    if (!first || !second) throw new Error("the fake floor should have two calls in conversation");

    const stopped = await run(l, (s) => l.adapter.commands.startMonitor!({ callId: first.callId, mode: "barge", supervisor }, s));
    expect((await leftInAsterisk(l)).channels.filter(ours(stopped.id)).sort()).toEqual([`${stopped.id}-media`, `${stopped.id}-snoop-1`]);
    await run(l, (s) => stopped.stop(s));
    expect(await stopped.ended).toEqual({ reason: "stopped" });
    expect((await leftInAsterisk(l)).channels.filter(ours(stopped.id))).toEqual([]);
    expect((await leftInAsterisk(l)).bridges).toEqual([]);

    // The call answered first ends first: the session ends with it, and its leftovers go.
    const ending = await run(l, (s) => l.adapter.commands.startMonitor!({ callId: first.callId, mode: "listen", supervisor }, s));
    let ended: unknown = null;
    void ending.ended.then((e) => (ended = e));
    for (let i = 0; i < 200 && ended === null; i++) await l.pass(1_000);
    expect(ended).toEqual({ reason: "call_ended" });
    const other = await run(l, (s) => l.adapter.commands.startMonitor!({ callId: second.callId, mode: "whisper", supervisor }, s));
    await l.adapter.stop();
    expect(await other.ended).toEqual({ reason: "platform_stopped" });
    const left = await leftInAsterisk(l);
    expect(left.bridges).toEqual([]);
    expect(left.channels.filter((id) => [stopped, ending, other].some((s) => id.startsWith(s.id)))).toEqual([]);
    // What is left is the floor's own: callers and agents.
    expect(new Set(left.channels.map((id) => l.asterisk.channels.get(id)?.kind))).toEqual(new Set(["caller", "agent"]));
    expect(l.asterisk.subscriptions.get(FAKE_ARI.app)?.size ?? 0).toBe(0);
    expect(supervision(l, stopped.id)).toEqual([
      ["supervision.started", "barge"],
      ["supervision.ended", "stopped"],
    ]);
    expect(supervision(l, ending.id)).toEqual([
      ["supervision.started", "listen"],
      ["supervision.ended", "call_ended"],
    ]);
    // Stopping the adapter says nothing: the runtime that would store it is going away.
    expect(supervision(l, other.id)).toEqual([["supervision.started", "whisper"]]);
  });

  it("removes what it made when a step of the start fails, and reports Asterisk's refusal", async () => {
    const l = await started();
    const call = liveCall(l);
    l.ariServer.failNext("snoopChannel", 500, "Snoop channel could not be created");
    const refused = run(l, (s) => l.adapter.commands.startMonitor!({ callId: call.callId, mode: "listen", supervisor }, s));
    await expect(refused).rejects.toMatchObject({ code: "unreachable", message: expect.stringContaining("Snoop channel could not be created") });
    // The bridge and the media channel were made before the snoop failed; both are gone.
    expect(l.ariServer.requests.filter((r) => r.method === "POST").map((r) => [r.path.replace(/[0-9a-f-]{36}|\d+\.\d+/g, "…"), r.status])).toEqual([
      ["/ari/applications/ccs-supervisor/subscription", 200],
      ["/ari/bridges", 200],
      ["/ari/channels/externalMedia", 200],
      ["/ari/channels/…/snoop", 500],
    ]);
    expect((await leftInAsterisk(l)).bridges).toEqual([]);
    expect([...l.asterisk.channels.values()].filter((c) => c.kind === "media" || c.kind === "snoop")).toEqual([]);
    expect(l.asterisk.subscriptions.get(FAKE_ARI.app)?.size ?? 0).toBe(0);
  });

  it("ends the session as platform_stopped, and cleans up, when Asterisk drops the media channel", async () => {
    const l = await started();
    const call = liveCall(l);
    const session = await run(l, (s) => l.adapter.commands.startMonitor!({ callId: call.callId, mode: "listen", supervisor }, s));
    // Someone hangs our media channel up in Asterisk (an operator, a restart of chan_websocket).
    await new AriClient({ url: l.ariUrl, ...FAKE_ARI }).hangup(`${session.id}-media`, AbortSignal.timeout(5_000));
    await l.pass(20);
    expect(await session.ended).toEqual({ reason: "platform_stopped" });
    expect((await leftInAsterisk(l)).bridges).toEqual([]);
    expect((await leftInAsterisk(l)).channels.filter(ours(session.id))).toEqual([]);
    expect(supervision(l, session.id).at(-1)).toEqual(["supervision.ended", "platform_stopped"]);
  });

  it("ends sessions as platform_stopped when the ARI event stream drops, cleans up, and reconnects for the next start", async () => {
    const l = await started();
    const call = liveCall(l);
    const session = await run(l, (s) => l.adapter.commands.startMonitor!({ callId: call.callId, mode: "listen", supervisor }, s));
    l.ariServer.dropEventSockets();
    expect(await session.ended).toEqual({ reason: "platform_stopped" });
    expect(await leftInAsterisk(l)).toMatchObject({ bridges: [] });
    expect((await leftInAsterisk(l)).channels.filter(ours(session.id))).toEqual([]);
    const again = await run(l, (s) => l.adapter.commands.startMonitor!({ callId: call.callId, mode: "listen", supervisor }, s));
    const frames: Int16Array[] = [];
    again.onAudio((f) => frames.push(f));
    await l.pass(200);
    expect(frames.length).toBe(10);
    await run(l, (s) => again.stop(s));
  });

  it("ends the session as call_ended, with nothing left, when the call ends just as the start finishes", async () => {
    const l = await started();
    const call = liveCall(l);
    // The agent hangs up right after Asterisk bridged our channels: its events race the HTTP answer.
    l.ariServer.afterNext("addChannel", () => l.asterisk.floor.hangUp(call.callId));
    const session = await run(l, (s) => l.adapter.commands.startMonitor!({ callId: call.callId, mode: "listen", supervisor }, s));
    await l.pass(20);
    expect(await session.ended).toEqual({ reason: "call_ended" });
    expect((await leftInAsterisk(l)).bridges).toEqual([]);
    expect((await leftInAsterisk(l)).channels.filter(ours(session.id))).toEqual([]);
    expect(supervision(l, session.id)).toEqual([
      ["supervision.started", "listen"],
      ["supervision.ended", "call_ended"],
    ]);
  });

  it("tears a stopped session down to the end even when the caller's deadline passes in the middle", async () => {
    const l = await started();
    const call = liveCall(l);
    const session = await run(l, (s) => l.adapter.commands.startMonitor!({ callId: call.callId, mode: "listen", supervisor }, s));
    // Asterisk is slow to hang up the snoop, the first step of the teardown; the caller's deadline passes meanwhile.
    const slow = l.ariServer.holdNext("hangup");
    const caller = new AbortController();
    const stopping = session.stop(caller.signal).then(
      () => "waited to the end",
      (e: CommandFailed) => e.code,
    );
    await slow.arrived;
    caller.abort();
    slow.release();
    expect(await session.ended).toEqual({ reason: "stopped" });
    const left = await leftInAsterisk(l);
    expect(left.bridges).toEqual([]);
    expect(left.channels.filter(ours(session.id))).toEqual([]);
    expect(l.asterisk.subscriptions.get(FAKE_ARI.app)?.size ?? 0).toBe(0);
    // The caller stopped waiting at its deadline; the teardown went on without it.
    expect(await stopping).toBe("timeout");
  });

  it("keeps the old snoop in the bridge, and the old mode, when a mode change fails at any step", async () => {
    const l = await started();
    const call = liveCall(l);
    const session = await run(l, (s) => l.adapter.commands.startMonitor!({ callId: call.callId, mode: "listen", supervisor }, s));
    const members = () => {
      const bridge = [...l.asterisk.bridges.values()].find((b) => b.name.includes(session.id));
      return (bridge?.channels ?? []).map((id) => [l.asterisk.channels.get(id)?.kind, id]);
    };
    const snoops = () => [...l.asterisk.channels.values()].filter((c) => c.kind === "snoop").map((c) => c.id);
    const before = [
      ["media", `${session.id}-media`],
      ["snoop", `${session.id}-snoop-1`],
    ];
    expect(members()).toEqual(before);
    for (const step of ["snoopChannel", "removeChannel", "addChannel"]) {
      l.ariServer.failNext(step, 500, `Asterisk failed ${step}`);
      await expect(run(l, (s) => session.setMode("whisper", s))).rejects.toMatchObject({ message: expect.stringContaining(`Asterisk failed ${step}`) });
      expect([step, session.mode(), members(), snoops()]).toEqual([step, "listen", before, [`${session.id}-snoop-1`]]);
    }
    // A deadline that passes while Asterisk bridges the new snoop: the same.
    const slow = l.ariServer.holdNext("addChannel");
    const caller = new AbortController();
    const changing = session.setMode("barge", caller.signal);
    await slow.arrived;
    caller.abort();
    await expect(changing).rejects.toMatchObject({ code: "timeout" });
    slow.release();
    // The failed change puts the old snoop back before anything queued after it runs (this no-op change waits for it).
    await run(l, (s) => session.setMode("listen", s));
    expect([session.mode(), members(), snoops()]).toEqual(["listen", before, [`${session.id}-snoop-1`]]);
    // Still working: a later change succeeds, and the supervisor is heard in whisper only by the agent.
    await run(l, (s) => session.setMode("whisper", s));
    await speak(l, session, 5);
    expect(l.asterisk.heard.get(call.channelId)).toEqual({ agent: 5, caller: 0 });
    expect(supervision(l, session.id)).toEqual([
      ["supervision.started", "listen"],
      ["supervision.mode_changed", "whisper"],
    ]);
    await run(l, (s) => session.stop(s));
  });

  it("closes a session whose start finishes after the adapter stopped, leaving nothing in Asterisk", async () => {
    const l = await started();
    const call = liveCall(l);
    // Asterisk is slow to bridge our channels; the adapter stops meanwhile.
    const slow = l.ariServer.holdNext("addChannel");
    const starting = run(l, (s) => l.adapter.commands.startMonitor!({ callId: call.callId, mode: "listen", supervisor }, s));
    await slow.arrived;
    await l.adapter.stop();
    slow.release();
    await expect(starting).rejects.toMatchObject({ code: "unreachable", message: expect.stringContaining("stopped") });
    const left = await leftInAsterisk(l);
    expect(left.bridges).toEqual([]);
    expect(new Set(left.channels.map((id) => l.asterisk.channels.get(id)?.kind))).toEqual(new Set(["caller", "agent"]));
    expect(l.asterisk.subscriptions.get(FAKE_ARI.app)?.size ?? 0).toBe(0);
  });

  it("answers call_ended for a call whose agent channel Asterisk no longer has, before the import has seen it end", async () => {
    const l = await started();
    const call = liveCall(l);
    // The agent hangs up in Asterisk; the queue_log line is not imported yet.
    l.asterisk.channels.delete(call.channelId);
    await expect(run(l, (s) => l.adapter.commands.startMonitor!({ callId: call.callId, mode: "listen", supervisor }, s))).rejects.toMatchObject({ code: "call_ended" });
    expect((await leftInAsterisk(l)).bridges).toEqual([]);
  });
});

describe("the Asterisk adapter's events", () => {
  it("follows the queue_log it is given: the same events, ids included, as the importer makes of the file", async () => {
    const l = await started();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ccs-fake-ql-")), "queue_log");
    fs.writeFileSync(file, `${l.asterisk.floor.lines.join("\n")}\n`);
    const following = new AsteriskAdapter({
      ari: { url: l.ariUrl, ...FAKE_ARI },
      ami: { host: "127.0.0.1", port: l.amiServer.port, user: FAKE_AMI.user, secret: FAKE_AMI.secret },
      floor: { connectedLeg: async () => undefined, memberInterface: async () => undefined, queueMembers: async () => undefined },
      tenantId: "t1",
      source: "asterisk://fake",
      queueLog: { file, wrapUpSeconds: 0, pollMs: 20 },
    });
    const { ctx, got } = recordingContext(0);
    await following.start(ctx);
    try {
      // The fake lab imported the same lines with the same tenant and source.
      expect(got.history.flat()).toEqual(l.events());
      expect(l.events().length).toBeGreaterThan(20);
    } finally {
      await following.stop();
    }
  });
});

describe("the Asterisk adapter's errors", () => {
  it("refuses wrong ARI credentials as not_permitted at start, and an Asterisk it cannot reach as unreachable", async () => {
    const l = await started();
    const bad = new AsteriskAdapter({
      ari: { url: l.ariUrl, ...FAKE_ARI, password: "wrong" },
      ami: { host: "127.0.0.1", port: 1, user: "x", secret: "y" },
      floor: { connectedLeg: async () => undefined, memberInterface: async () => undefined, queueMembers: async () => undefined },
      tenantId: "t1",
      source: "asterisk://fake",
    });
    await expect(bad.start(recordingContext().ctx)).rejects.toMatchObject({ code: "not_permitted" });
    const closed = new AriClient({ url: "http://127.0.0.1:1/ari", ...FAKE_ARI });
    const unreachable = closed.listChannels(AbortSignal.timeout(5_000));
    await expect(unreachable).rejects.toMatchObject({ code: "unreachable", message: expect.stringContaining("Asterisk could not be reached when listing channels") });
    const wrongAri = new AriClient({ url: l.ariUrl, ...FAKE_ARI, password: "wrong" });
    await expect(wrongAri.listChannels(AbortSignal.timeout(5_000))).rejects.toMatchObject({ code: "not_permitted", message: expect.stringContaining("check ARI_USER") });
  });

  it("refuses a wrong AMI secret as not_permitted, and a static member's log-out as not_permitted", async () => {
    const l = await started();
    const agentState = (on: FakeLab, adapter: AsteriskAdapter, agentId: string) => run(on, (s) => adapter.commands.setAgentState!({ agentId, state: "logged_out" }, s));
    const amiPort = Number(l.amiServer.port);
    const wrong = new AsteriskAdapter({
      ari: { url: l.ariUrl, ...FAKE_ARI },
      ami: { host: "127.0.0.1", port: amiPort, user: FAKE_AMI.user, secret: "wrong" },
      floor: { connectedLeg: async () => undefined, memberInterface: async () => "Local/1001@agents/n", queueMembers: async () => undefined },
      tenantId: "t1",
      source: "asterisk://fake",
    });
    await expect(agentState(l, wrong, "1001")).rejects.toMatchObject({ code: "not_permitted", message: expect.stringContaining("AMI refused the login of ccs") });
    await lab?.stop();
    lab = await startFakeLab({ staticMembers: ["Local/1003@agents/n"] });
    const refused = agentState(lab, lab.adapter, "1003");
    await expect(refused).rejects.toBeInstanceOf(CommandFailed);
    await expect(refused).rejects.toMatchObject({ code: "not_permitted", message: expect.stringContaining("static") });
  });
});
