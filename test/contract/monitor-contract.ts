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

export function monitorContract(name: string, startHarness: () => Promise<ContractHarness>): void {
  describe(`${name}: the monitoring contract`, () => {
    it("declares monitor modes exactly when it has startMonitor", () =>
      withHarness(startHarness, async (h) => {
        expect(h.adapter.capabilities.monitorModes.length > 0).toBe(typeof h.adapter.commands.startMonitor === "function");
        expect(h.adapter.capabilities.monitorModes).toContain("listen");
      }));

    it("lets a supervisor listen: 20 ms frames as time passes, with the conversation in them, and says so on the call", () =>
      withHarness(startHarness, async (h) => {
        const [call] = callsInConversation(h.events());
        if (!call) throw new Error("the harness should start with a call in conversation");
        const session = await start(h, { callId: call.callId, mode: "listen", supervisor });
        const frames: Int16Array[] = [];
        session.onAudio((f) => frames.push(f));
        for (let i = 0; i < 25; i++) await h.pass(200);
        // 5 s of platform time: frames of 20 ms each, nearly all of them (a little may be lost to start-up).
        expect(frames.every((f) => f.length === (session.sampleRate * 20) / 1000)).toBe(true);
        expect(frames.length).toBeGreaterThanOrEqual(200);
        expect(frames.length).toBeLessThanOrEqual(251);
        // Louder than an open line's hiss (about -62 dBFS, RMS ≈ 26): someone is talking, or hold music plays.
        expect(rms(frames)).toBeGreaterThan(100);
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

    it("refuses a call it does not have with no_such_call", () =>
      withHarness(startHarness, async (h) => {
        const refused = start(h, { callId: "no-such-call", mode: "listen", supervisor });
        await expect(refused).rejects.toBeInstanceOf(CommandFailed);
        await expect(refused).rejects.toMatchObject({ code: "no_such_call" });
      }));
  });
}
