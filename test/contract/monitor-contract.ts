import { describe, expect, it } from "vitest";
import type { CtiEvent } from "@/lib/events";
import { CommandFailed } from "@/lib/telephony/commands";
import type { MonitorRequest, MonitorSession } from "@/lib/telephony/monitor";
import { passUntil, whileTimePasses, withHarness, type ContractHarness } from "./harness";

/**
 * The monitoring part of the platform contract (docs/telephony.md), for every adapter
 * that declares monitor modes: a supervisor joins a call in conversation, hears it,
 * changes mode on the same session, leaves, or is let go when the call ends; each step
 * is a supervision.* event on the call's leg. Calls are picked from the delivered events.
 */

const supervisor = { id: "sup-contract", name: "Contract Supervisor" };

/** Calls whose latest agent leg is established and not cleared, newest answer first (the longest left to run). */
function callsInConversation(events: readonly CtiEvent[]): { callId: string; legId: string; answeredAt: number }[] {
  const open = new Map<string, { callId: string; legId: string; answeredAt: number }>();
  for (const e of events) {
    if (!e.callId || !e.legId) continue;
    if (e.type === "call.established") open.set(e.legId, { callId: e.callId, legId: e.legId, answeredAt: e.time });
    else if (e.type === "call.connection_cleared") open.delete(e.legId);
  }
  return [...open.values()].sort((a, b) => b.answeredAt - a.answeredAt);
}

function supervisionEvents(h: ContractHarness, sessionId: string): { type: string; data: Record<string, unknown>; time: number; callId?: string }[] {
  return h
    .events()
    .filter((e) => e.type.startsWith("supervision.") && (e.data as { sessionId?: string }).sessionId === sessionId)
    .map((e) => ({ type: e.type, data: e.data as Record<string, unknown>, time: e.time, callId: e.callId }));
}

function start(h: ContractHarness, request: MonitorRequest): Promise<MonitorSession> {
  const run = h.adapter.commands.startMonitor;
  if (!run) throw new Error("the adapter declares monitor modes but has no startMonitor");
  return whileTimePasses(h, (signal) => run(request, signal));
}

function rms(frames: readonly Int16Array[]): number {
  let sum = 0;
  let n = 0;
  for (const f of frames) {
    for (const s of f) sum += s * s;
    n += f.length;
  }
  return n === 0 ? 0 : Math.sqrt(sum / n);
}

/** A pure tone, one 20 ms frame at 16 kHz, continuing from frame `n`. */
function toneFrame(hz: number, n: number, amplitude = 8000): Int16Array {
  return Int16Array.from({ length: 320 }, (_, i) => Math.round(amplitude * Math.sin((2 * Math.PI * hz * (n * 320 + i)) / 16_000)));
}

/** The amplitude of one frequency in a stretch of samples (Goertzel): a steady tone of amplitude A reads about A. */
function toneAmplitude(samples: Int16Array, hz: number, sampleRate: number): number {
  const w = (2 * Math.PI * hz) / sampleRate;
  const c = 2 * Math.cos(w);
  let s1 = 0;
  let s2 = 0;
  for (const x of samples) {
    const s0 = x + c * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  const power = s1 * s1 + s2 * s2 - c * s1 * s2;
  return (2 * Math.sqrt(Math.max(0, power))) / samples.length;
}

/** Sends `frames` frames of a tone into the session, one per 20 ms of platform time, as a browser's microphone does. */
async function speak(h: ContractHarness, session: MonitorSession, hz: number, frames: number, first = 0): Promise<void> {
  for (let n = first; n < first + frames; n++) {
    session.sendAudio(toneFrame(hz, n));
    await h.pass(20);
  }
}

export function monitorContract(name: string, startHarness: () => Promise<ContractHarness>): void {
  describe(`${name}: the monitoring contract`, () => {
    it("declares monitor modes exactly when it has startMonitor", () =>
      withHarness(startHarness, async (h) => {
        expect(h.adapter.capabilities.monitorModes.length > 0).toBe(typeof h.adapter.commands.startMonitor === "function");
        expect(h.adapter.capabilities.monitorModes).toContain("listen");
        expect(["browser", "phone"]).toContain(h.adapter.capabilities.monitorMedia);
      }));

    it("lets a supervisor listen: 20 ms frames as time passes, with the conversation in them, and says so on the call", () =>
      withHarness(startHarness, async (h) => {
        const [call] = callsInConversation(h.events());
        if (!call) throw new Error("the harness should start with a call in conversation");
        const session = await start(h, { callId: call.callId, mode: "listen", supervisor });
        const frames: Int16Array[] = [];
        session.onAudio((f) => frames.push(f));
        for (let i = 0; i < 25; i++) await h.pass(200);
        if (h.adapter.capabilities.monitorMedia === "phone") {
          // The supervisor hears the call on their own phone: nothing comes through the session.
          expect(frames).toEqual([]);
        } else {
          // 5 s of platform time: frames of 20 ms each, nearly all of them (a little may be lost to start-up).
          expect(frames.every((f) => f.length === (session.sampleRate * 20) / 1000)).toBe(true);
          expect(frames.length).toBeGreaterThanOrEqual(200);
          expect(frames.length).toBeLessThanOrEqual(251);
          // Louder than an open line's hiss (about -62 dBFS, RMS ≈ 26): someone is talking, or hold music plays.
          expect(rms(frames)).toBeGreaterThan(100);
        }
        expect(supervisionEvents(h, session.id).map((e) => [e.type, e.callId, e.data.mode, e.data.supervisorId])).toEqual([
          ["supervision.started", call.callId, "listen", supervisor.id],
        ]);
        await whileTimePasses(h, (signal) => session.stop(signal));
      }));

    it("changes mode on the same session, and leaves cleanly when stopped: no more audio, one ended event", () =>
      withHarness(startHarness, async (h) => {
        const [call] = callsInConversation(h.events());
        if (!call) throw new Error("the harness should start with a call in conversation");
        const session = await start(h, { callId: call.callId, mode: "listen", supervisor });
        await whileTimePasses(h, (signal) => session.setMode("whisper", signal));
        expect(session.mode()).toBe("whisper");
        await whileTimePasses(h, (signal) => session.setMode("barge", signal));
        await whileTimePasses(h, (signal) => session.stop(signal));
        await expect(session.ended).resolves.toEqual({ reason: "stopped" });
        let after = 0;
        session.onAudio(() => after++);
        for (let i = 0; i < 5; i++) await h.pass(200);
        expect(after).toBe(0);
        expect(supervisionEvents(h, session.id).map((e) => [e.type, e.data.mode ?? e.data.reason, e.data.previousMode])).toEqual([
          ["supervision.started", "listen", undefined],
          ["supervision.mode_changed", "whisper", "listen"],
          ["supervision.mode_changed", "barge", "whisper"],
          ["supervision.ended", "stopped", undefined],
        ]);
      }));

    it("ends the session when the call's leg clears, at the clearing", () =>
      withHarness(startHarness, async (h) => {
        // The call answered longest ago is the one likely to end first.
        const call = callsInConversation(h.events()).at(-1);
        if (!call) throw new Error("the harness should start with a call in conversation");
        const session = await start(h, { callId: call.callId, mode: "listen", supervisor });
        let ended: unknown = null;
        void session.ended.then((e) => (ended = e));
        const cleared = () => h.events().find((e) => e.type === "call.connection_cleared" && e.legId === call.legId);
        await passUntil(h, () => cleared() !== undefined && ended !== null, 3 * 3_600_000);
        expect(ended).toEqual({ reason: "call_ended" });
        const last = supervisionEvents(h, session.id).at(-1);
        expect([last?.type, last?.data.reason, last?.time]).toEqual(["supervision.ended", "call_ended", cleared()?.time]);
      }));

    it("plays the supervisor's microphone to nobody while listening, to the agent only in whisper, to both in barge", () =>
      withHarness(startHarness, async (h) => {
        if (!h.tapParties) return; // no way to hear the parties on this platform
        const [call] = callsInConversation(h.events());
        if (!call) throw new Error("the harness should start with a call in conversation");
        const tap = h.tapParties(call.callId);
        const session = await start(h, { callId: call.callId, mode: "listen", supervisor });
        await speak(h, session, 300, 5);
        await whileTimePasses(h, (signal) => session.setMode("whisper", signal));
        await speak(h, session, 500, 5);
        await whileTimePasses(h, (signal) => session.setMode("barge", signal));
        await speak(h, session, 700, 5);
        await whileTimePasses(h, (signal) => session.stop(signal));
        session.sendAudio(toneFrame(900, 0)); // after the end: nobody
        tap.stop();
        const pitch = (frames: { frame: Int16Array }[]) => frames.map((f) => [300, 500, 700, 900].find((hz) => toneAmplitude(f.frame, hz, 16_000) > 4000));
        expect(pitch(tap.agent)).toEqual([500, 500, 500, 500, 500, 700, 700, 700, 700, 700]);
        expect(pitch(tap.caller)).toEqual([700, 700, 700, 700, 700]);
        expect(tap.agent.slice(5).map((f) => f.frame)).toEqual(tap.caller.map((f) => f.frame));
        // One after another, 20 ms apart, as spoken.
        const times = tap.caller.map((f) => f.atMs);
        expect(times.slice(1).map((t, i) => t - (times[i] as number))).toEqual([20, 20, 20, 20]);
      }));

    it("tells the agent with a tone when the queue's policy asks, and both parties when the supervisor barges in", () =>
      withHarness(startHarness, async (h) => {
        if (!h.adapter.capabilities.monitorNotices) return; // the service refuses what the policy asks of such a platform
        const [call] = callsInConversation(h.events());
        if (!call) throw new Error("the harness should start with a call in conversation");
        const tap = h.tapParties?.(call.callId);
        const notices = { notifyAgent: true, bargeTone: true };
        const session = await start(h, { callId: call.callId, mode: "listen", supervisor, notices });
        await whileTimePasses(h, (signal) => session.setMode("whisper", signal));
        await whileTimePasses(h, (signal) => session.setMode("barge", signal));
        await whileTimePasses(h, (signal) => session.stop(signal));
        const seen = supervisionEvents(h, session.id).map((e) => [e.type, e.data.agentNotified ?? null, e.data.bargeTone ?? null]);
        expect(seen).toEqual([
          ["supervision.started", true, null],
          ["supervision.mode_changed", null, null],
          ["supervision.mode_changed", null, true],
          ["supervision.ended", null, null],
        ]);
        if (!tap) return; // no way to hear the parties on this platform
        tap.stop();
        const pitch = (frames: { frame: Int16Array }[]) => frames.map((f) => [1_000, 440].find((hz) => toneAmplitude(f.frame, hz, 16_000) > 4000) ?? 0);
        // 200 ms of a high beep to the agent alone, then 400 ms of the barge tone to both (a fade at each end of a tone).
        const agent = pitch(tap.agent);
        expect(agent.filter((hz) => hz === 1_000).length).toBeGreaterThanOrEqual(8);
        expect(agent.filter((hz) => hz === 440).length).toBeGreaterThanOrEqual(18);
        expect(agent.indexOf(440)).toBeGreaterThan(agent.lastIndexOf(1_000));
        expect(pitch(tap.caller).filter((hz) => hz === 1_000)).toEqual([]);
        expect(pitch(tap.caller).filter((hz) => hz === 440).length).toBeGreaterThanOrEqual(18);
      }));

    it("tells nobody when the policy does not ask", () =>
      withHarness(startHarness, async (h) => {
        const [call] = callsInConversation(h.events());
        if (!call) throw new Error("the harness should start with a call in conversation");
        const tap = h.tapParties?.(call.callId);
        const session = await start(h, { callId: call.callId, mode: "barge", supervisor, notices: { notifyAgent: false, bargeTone: false } });
        await whileTimePasses(h, (signal) => session.stop(signal));
        const started = supervisionEvents(h, session.id)[0];
        expect([started?.data.agentNotified, started?.data.bargeTone]).toEqual([undefined, undefined]);
        tap?.stop();
        expect(tap ? [tap.agent.length, tap.caller.length] : [0, 0]).toEqual([0, 0]);
      }));

    it("records a barge on the agent's side of the call's recording when it was said, and never a whisper", () =>
      withHarness(startHarness, async (h) => {
        if (!h.tapParties || !h.recording) return;
        // A recorded call answered long ago: it ends soonest, and its recording can then be rendered.
        const recorded = new Set(h.events().flatMap((e) => (e.type === "recording.started" && e.legId ? [e.legId] : [])));
        const call = callsInConversation(h.events())
          .filter((c) => recorded.has(c.legId))
          .at(-1);
        if (!call) throw new Error("the harness should start with a recorded call in conversation");
        const tap = h.tapParties(call.callId);
        const session = await start(h, { callId: call.callId, mode: "whisper", supervisor });
        await speak(h, session, 1_100, 25);
        await whileTimePasses(h, (signal) => session.setMode("barge", signal));
        await speak(h, session, 2_300, 25);
        await whileTimePasses(h, (signal) => session.stop(signal));
        tap.stop();
        const whisperAt = tap.agent[0]?.atMs ?? -1;
        const bargeAt = tap.caller[0]?.atMs ?? -1;
        expect(bargeAt).toBeGreaterThan(whisperAt);
        const stopped = () => h.events().some((e) => e.type === "recording.stopped" && e.legId === call.legId);
        await passUntil(h, stopped, 3 * 3_600_000);
        expect(stopped()).toBe(true);
        const rec = await h.recording(call.legId);
        const window = (ch: Int16Array, atMs: number) => ch.subarray((atMs * rec.sampleRate) / 1000, ((atMs + 500) * rec.sampleRate) / 1000);
        // The barge, half a second of it from where it began: loud on the agent's side, absent from the caller's.
        expect(toneAmplitude(window(rec.agent, bargeAt), 2_300, rec.sampleRate)).toBeGreaterThan(6_000);
        expect(toneAmplitude(window(rec.caller, bargeAt), 2_300, rec.sampleRate)).toBeLessThan(300);
        // Not before it was said.
        expect(toneAmplitude(window(rec.agent, bargeAt - 500), 2_300, rec.sampleRate)).toBeLessThan(300);
        // The whisper: in neither channel.
        expect(toneAmplitude(window(rec.agent, whisperAt), 1_100, rec.sampleRate)).toBeLessThan(300);
        expect(toneAmplitude(window(rec.caller, whisperAt), 1_100, rec.sampleRate)).toBeLessThan(300);
      }));

    it("refuses a call it does not have with no_such_call", () =>
      withHarness(startHarness, async (h) => {
        const refused = start(h, { callId: "no-such-call", mode: "listen", supervisor });
        await expect(refused).rejects.toBeInstanceOf(CommandFailed);
        await expect(refused).rejects.toMatchObject({ code: "no_such_call" });
      }));
  });
}
