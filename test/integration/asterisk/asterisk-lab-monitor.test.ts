import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AsteriskAdapter } from "@/ingest/asterisk/adapter";
import type { AriClient } from "@/ingest/asterisk/ari-client";
import { connectedLegFrom, memberInterfaceFrom, queueMembersFrom, type AsteriskFloor } from "@/ingest/asterisk/floor";
import type { CtiEvent } from "@/lib/events";
import { withDeadline } from "@/lib/telephony/commands";
import type { MonitorSession } from "@/lib/telephony/monitor";
import { BRIDGE_REFUSALS, bridgeRefusals, refusals, sendRefusals } from "./ari-refusals";
import { amiQueueMembers, ari, labBuilt, waitFor, type LabEnv } from "./lab";
import { startLabAdapter, type LabAdapter } from "./lab-adapter";
import { readQueueLog, tonePower, wavSamples } from "./lab-files";

/**
 * The Asterisk adapter on the real Asterisk lab (infra/asterisk): a queue call placed through
 * ARI, found through the lab's own queue_log, which the adapter follows for its events, monitored
 * (listen: both tones heard; whisper; barge), its leftovers checked with GET /channels and
 * /bridges, the supervisor's voice checked in the caller's MixMonitor leg (barge reaches the
 * caller, whisper and listen do not), a session let go when its call ends, and an agent paused
 * and made ready through AMI. The fake's refusals are checked against the lab's here too.
 * Skipped without a built lab (and says so), except with ASTERISK_LAB=required, where that fails.
 */
const missing = !labBuilt();
if (missing && process.env.ASTERISK_LAB === "required")
  throw new Error("ASTERISK_LAB=required but the Asterisk lab is not built (bash infra/asterisk/asterisk.sh build, as .ci/run does)");

const CALLER_HZ = 440;
const AGENT_HZ = 1000;
/** The supervisor's "voice" in each mode, told apart in the caller's recording. */
const LISTEN_HZ = 2000;
const WHISPER_HZ = 700;
const BARGE_HZ = 1500;
const supervisor = { id: "sup-lab", name: "Lab Supervisor" };

type LabCall = { callerNum: string; callId: string; agentChannelId: string; member: string };

describe.skipIf(missing)("the Asterisk adapter on the real Asterisk lab", () => {
  let lab: LabEnv & Record<string, string>;
  let adapter: AsteriskAdapter;
  let client: AriClient;
  const delivered: CtiEvent[] = [];

  /** The floor as the store would know it: what the adapter delivered, its queue_log events included. */
  const floor: AsteriskFloor = {
    connectedLeg: async (callId) => connectedLegFrom(delivered.filter((e) => e.callId === callId)),
    memberInterface: async (agentId) => memberInterfaceFrom(delivered.filter((e) => e.agentId === agentId)),
    queueMembers: async (queueId) => queueMembersFrom(delivered, queueId),
  };

  let labAdapter: LabAdapter | undefined;
  beforeAll(async () => {
    labAdapter = await startLabAdapter({
      app: (l) => l.ASTERISK_ARI_APP ?? "ccs-supervisor",
      floor,
      delivered,
      // The lab's own queue_log, followed by the adapter: the call and agent events this run makes.
      options: (l) => ({ queueLog: { file: l.ASTERISK_QUEUE_LOG, wrapUpSeconds: 0, pollMs: 100 } }),
    });
    ({ lab, adapter, client } = labAdapter);
  }, 11 * 60_000);
  afterAll(async () => {
    await labAdapter?.stop();
  });

  /** Places a queue call and waits for the queue_log's CONNECT: its call id, the agent channel's uniqueid and the member. */
  async function placeCall(talkS: number, rec: "mono" | "legs"): Promise<LabCall> {
    const callerNum = `62${String(Date.now() % 10_000_000).padStart(7, "0")}`;
    await ari(lab).originate({ number: "7000", callerNum, variables: { __LAB_TALK: String(talkS), __LAB_RING: "0", LAB_REC: rec } });
    return waitFor(`the call from ${callerNum} to connect`, () => {
      const lines = readQueueLog(fs.readFileSync(lab.ASTERISK_QUEUE_LOG, "utf8"));
      const callId = lines.find((l) => l.event === "ENTERQUEUE" && l.data[1] === callerNum)?.callId;
      const connect = lines.find((l) => l.event === "CONNECT" && l.callId === callId);
      return callId && connect ? { callerNum, callId, agentChannelId: connect.data[1] ?? "", member: connect.agent } : undefined;
    }).then((call) =>
      // The adapter's queue_log follower delivers the answer with the agent channel CONNECT named.
      waitFor(`the adapter to deliver the answer of ${call.callId}`, () =>
        delivered.some((e) => e.type === "call.established" && e.callId === call.callId && e.data.agentChannelId === call.agentChannelId) ? call : undefined,
      ),
    );
  }

  const command = <T>(run: (signal: AbortSignal) => Promise<T>) => withDeadline(run, 5_000, "the lab test's command");

  /** Plays a tone to the session in real time, 20 ms a frame, for `ms`. */
  async function say(session: MonitorSession, hz: number, ms: number): Promise<void> {
    let n = 0;
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        session.sendAudio(Int16Array.from({ length: 320 }, (_, i) => Math.round(8000 * Math.sin((2 * Math.PI * hz * (n * 320 + i)) / 16_000))));
        if (++n * 20 >= ms) {
          clearInterval(timer);
          resolve();
        }
      }, 20);
    });
  }

  const leftovers = async (sessionId: string) => {
    const signal = AbortSignal.timeout(5_000);
    const channels = (await client.listChannels(signal)).filter((c) => c.id.startsWith(sessionId)).map((c) => c.name);
    const bridges = (await client.listBridges(signal)).filter((b) => b.id !== "" && b.bridge_class === "stasis").map((b) => b.id);
    return channels.length === 0 && bridges.length === 0 ? "none" : JSON.stringify({ channels, bridges });
  };

  it("listens (both parties heard), whispers and barges on a queue call, leaves nothing behind, and only barge reaches the caller", async () => {
    const call = await placeCall(30, "legs");
    // The fake's refusals, asked of the real Asterisk while a real agent channel exists.
    const auth = { user: lab.ASTERISK_ARI_USER, password: lab.ASTERISK_ARI_PASSWORD };
    const asked = await sendRefusals(lab.ASTERISK_ARI_URL, auth, refusals({ app: lab.ASTERISK_ARI_APP ?? "ccs-supervisor", agentChannelId: call.agentChannelId }));
    expect(asked.got).toEqual(asked.expected);
    // The second DELETE races the first one's teardown: a destroyed bridge lingers a moment, and ARI then says it is
    // no longer in the Stasis application (409) rather than not found (404). Both mean "gone from our app".
    const lingering = (r: [number, string | undefined]): [number, string | undefined] =>
      r[0] === 409 && r[1] === "Bridge not in Stasis application" ? [404, "Bridge not found"] : r;
    expect((await bridgeRefusals(lab.ASTERISK_ARI_URL, auth, call.agentChannelId)).map(lingering)).toEqual(BRIDGE_REFUSALS);

    const session = await command((s) => adapter.commands.startMonitor!({ callId: call.callId, mode: "listen", supervisor }, s));
    expect([session.callId, session.agentId, session.sampleRate]).toEqual([call.callId, call.member.replace(/^Local\/(\d+)@.*$/, "$1"), 16_000]);
    const frames: Int16Array[] = [];
    session.onAudio((f) => frames.push(f));
    await say(session, LISTEN_HZ, 2_000);
    await waitFor("two seconds of audio", () => (frames.length >= 100 ? true : undefined), 10_000, 50);
    expect(frames.every((f) => f.length === 320)).toBe(true);
    const heard = Int16Array.from(frames.flatMap((f) => [...f]));
    const quiet = tonePower(heard, 16_000, 1_700);
    // The caller's 440 Hz and the agent's 1000 Hz, each far above a frequency nobody plays.
    expect(tonePower(heard, 16_000, CALLER_HZ)).toBeGreaterThan(100 * Math.max(quiet, 1));
    expect(tonePower(heard, 16_000, AGENT_HZ)).toBeGreaterThan(100 * Math.max(quiet, 1));

    await command((s) => session.setMode("whisper", s));
    await say(session, WHISPER_HZ, 1_500);
    await command((s) => session.setMode("barge", s));
    expect(session.mode()).toBe("barge");
    await say(session, BARGE_HZ, 1_500);
    await command((s) => session.stop(s));
    expect(await session.ended).toEqual({ reason: "stopped" });
    expect(
      await waitFor("Asterisk to let go of the session's channels and bridge", async () => ((await leftovers(session.id)) === "none" ? true : undefined), 10_000),
    ).toBe(true);
    expect(delivered.filter((e) => (e.data as { sessionId?: string }).sessionId === session.id).map((e) => [e.type, e.callId, e.legId])).toEqual([
      ["supervision.started", call.callId, `${call.callId}.1`],
      ["supervision.mode_changed", call.callId, `${call.callId}.1`],
      ["supervision.mode_changed", call.callId, `${call.callId}.1`],
      ["supervision.ended", call.callId, `${call.callId}.1`],
    ]);

    // End the call now and read what the caller heard (MixMonitor's t() leg on the caller's channel).
    const caller = (await client.listChannels(AbortSignal.timeout(5_000))).find((c) => c.id === call.callId);
    if (caller) await client.hangup(caller.id, AbortSignal.timeout(5_000));
    const tFile = path.join(lab.ASTERISK_MONITOR_DIR, `${call.callId}-t.wav`);
    const toCaller = await waitFor("the caller's recorded leg", () => {
      if (!fs.existsSync(tFile)) return undefined;
      const bytes = fs.readFileSync(tFile);
      return bytes.readUInt32LE(4) !== 0 ? wavSamples(bytes) : undefined;
    });
    const power = (hz: number) => tonePower(toCaller.samples, toCaller.rate, hz);
    // Frequencies nobody plays give the recording's floor.
    const floor = Math.max(power(2_500), power(3_100), 1);
    expect(power(AGENT_HZ)).toBeGreaterThan(10_000 * floor);
    expect(power(BARGE_HZ)).toBeGreaterThan(10_000 * floor);
    // The whisper tone is 30 dB and more below the barge tone (the lab gave 47 dB): what is there is the
    // tail chan_websocket still had queued when the mode changed, not a caller hearing the whisper.
    expect(power(WHISPER_HZ)).toBeLessThan(power(BARGE_HZ) / 1_000);
    expect(power(LISTEN_HZ)).toBeLessThan(power(BARGE_HZ) / 1_000);
  });

  it("lets the supervisor go when the call ends, and leaves nothing behind", async () => {
    const call = await placeCall(4, "mono");
    const session = await command((s) => adapter.commands.startMonitor!({ callId: call.callId, mode: "whisper", supervisor }, s));
    expect(await session.ended).toEqual({ reason: "call_ended" });
    expect(
      await waitFor("Asterisk to let go of the session's channels and bridge", async () => ((await leftovers(session.id)) === "none" ? true : undefined), 10_000),
    ).toBe(true);
    expect(delivered.filter((e) => (e.data as { sessionId?: string }).sessionId === session.id).map((e) => [e.type, (e.data as { reason?: string }).reason])).toEqual([
      ["supervision.started", undefined],
      ["supervision.ended", "call_ended"],
    ]);
    await expect(command((s) => adapter.commands.startMonitor!({ callId: call.callId, mode: "listen", supervisor }, s))).rejects.toMatchObject({ code: "call_ended" });
  });

  it("pauses an agent with a reason through AMI (queue_log PAUSE, QueueStatus paused) and makes them ready again", async () => {
    const members = delivered.filter((e) => e.raw?.interface?.startsWith("Local/100"));
    const agentId = members.at(-1)?.agentId;
    if (!agentId) throw new Error("the earlier tests' calls should have named an agent in the queue_log");
    const member = await floor.memberInterface(agentId);
    const before = fs.statSync(lab.ASTERISK_QUEUE_LOG).size;
    const reason = `lab-${Date.now() % 100_000}`;
    expect(await command((s) => adapter.commands.setAgentState!({ agentId, state: "not_ready", reason }, s))).toEqual({ applied: "now" });
    const pausedIn = async () => (await amiQueueMembers(lab, member ?? "")).map((m) => [m.Queue, m.Paused, m.PausedReason]);
    expect(await pausedIn()).toEqual([["lab-support", "1", reason]]);
    const pauseLines = () => readQueueLog(fs.readFileSync(lab.ASTERISK_QUEUE_LOG, "utf8").slice(before)).filter((l) => l.agent === member);
    expect(await waitFor("the PAUSE line", () => pauseLines().find((l) => l.event === "PAUSE")?.data[0])).toBe(reason);
    expect(await command((s) => adapter.commands.setAgentState!({ agentId, state: "ready" }, s))).toEqual({ applied: "now" });
    expect(await waitFor("the UNPAUSE line", () => (pauseLines().some((l) => l.event === "UNPAUSE") ? true : undefined))).toBe(true);
    expect(await pausedIn()).toEqual([["lab-support", "0", ""]]);
    await expect(command((s) => adapter.commands.setAgentState!({ agentId: "no-such-agent", state: "ready" }, s))).rejects.toMatchObject({ code: "no_such_agent" });
  });
});
