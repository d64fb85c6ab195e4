import { describe, expect, it, vi } from "vitest";
import type { MonitorRequest } from "@/lib/telephony/monitor";
import { MonitorSessions, type MonitorAudit, type MonitorNotice } from "@/lib/telephony/monitor-sessions";
import { fakeMonitorPlatform, type FakeMonitorSession } from "../helpers/fake-monitor-session";

/**
 * Following an agent: the session outlives the call, waits for the agent's next call in
 * conversation (in the owner's scope), joins it in the mode last chosen, under the same
 * id, and the browser hears {type: "call"} on the same socket. Without follow, the
 * call's end is the session's.
 */

const sam = { id: "sam", name: "Sam", role: "supervisor", sessionId: "sid" };

function setup() {
  const fakes: FakeMonitorSession[] = [];
  const requests: MonitorRequest[] = [];
  const audits: MonitorAudit[] = [];
  let tell: ((callId: string) => void) | undefined;
  let watching = 0;
  const platform = fakeMonitorPlatform(fakes, requests);
  const service = new MonitorSessions({
    now: () => 0,
    audit: async (row) => void audits.push(row),
    telephony: () => platform,
    agentCalls: (agentId, onCall) => {
      expect(agentId).toBe("a1");
      tell = onCall;
      watching++;
      return () => {
        tell = undefined;
        watching--;
      };
    },
    inScope: (access, callId) => access === "sam's scope" && callId !== "c-elsewhere",
  });
  return { service, fakes, requests, audits, tell: (c: string) => tell?.(c), watching: () => watching };
}

const frame = (v: number) => new Int16Array(320).fill(v);

describe("following an agent", () => {
  it("moves to the agent's next call in scope, in the mode last chosen, on the same session and socket", async () => {
    const { service, fakes, requests, audits, tell, watching } = setup();
    const s = await service.start(sam, { callId: "c1", mode: "listen", follow: true }, "sam's scope");
    const notices: MonitorNotice[] = [];
    s.watch((n) => notices.push(n));
    const heard: number[] = [];
    s.onAudio((f) => heard.push(f[0] as number));
    fakes[0]?.play(frame(1));
    expect(s.summary()).toMatchObject({ id: "ms-1", callId: "c1", following: "a1", mode: "listen" });

    fakes[0]?.clear(); // the call ends
    await vi.waitFor(() => expect(notices).toEqual([{ type: "call", callId: null }]));
    expect(service.get("ms-1")).toBe(s);
    expect(s.summary()).toMatchObject({ callId: null, following: "a1" });
    expect(watching()).toBe(1);
    await service.setMode(sam, "ms-1", "whisper");
    s.sendAudio(frame(5)); // between calls: nobody to hear it
    expect(fakes[0]?.mic).toEqual([]);

    tell("c1"); // the call just left, seen late: not again
    tell("c-elsewhere"); // outside the owner's scope
    tell("c2");
    await vi.waitFor(() => expect(notices.at(-1)).toEqual({ type: "call", callId: "c2" }));
    expect(requests.map((r) => [r.callId, r.mode])).toEqual([
      ["c1", "listen"],
      ["c2", "whisper"],
    ]);
    expect(watching()).toBe(0);
    fakes[1]?.play(frame(2));
    s.sendAudio(frame(7));
    expect(heard).toEqual([1, 2]);
    expect(fakes[1]?.mic.map((f) => f[0])).toEqual([7]);
    expect(s.summary()).toMatchObject({ id: "ms-1", callId: "c2", mode: "whisper", following: "a1" });

    await service.stop(sam, "ms-1");
    expect(fakes[1]?.stopped).toBe(1);
    expect(notices.at(-1)).toEqual({ type: "ended", reason: "stopped" });
    expect(service.size()).toBe(0);
    expect(audits.map((a) => [a.action, a.target, a.details.reason ?? a.details.mode, a.details.following, a.details.betweenCalls])).toEqual([
      ["monitor.started", "call:c1", "listen", "a1", undefined],
      ["monitor.stopped", "call:c1", "call_ended", "a1", undefined],
      ["monitor.mode_changed", "call:c1", "whisper", undefined, true],
      ["monitor.started", "call:c2", "whisper", "a1", undefined],
      ["monitor.stopped", "call:c2", "stopped", "a1", undefined],
    ]);
  });

  it("stops waiting when stopped between calls", async () => {
    const { service, fakes, tell, watching, requests } = setup();
    await service.start(sam, { callId: "c1", mode: "barge", follow: true }, "sam's scope");
    fakes[0]?.clear();
    await vi.waitFor(() => expect(watching()).toBe(1));
    await service.stop(sam, "ms-1");
    expect(watching()).toBe(0);
    tell("c2");
    expect(requests.length).toBe(1);
  });

  it("ends with the call when not following", async () => {
    const { service, fakes, watching } = setup();
    const s = await service.start(sam, { callId: "c1", mode: "listen" }, "sam's scope");
    const notices: MonitorNotice[] = [];
    s.watch((n) => notices.push(n));
    fakes[0]?.clear();
    await vi.waitFor(() => expect(notices).toEqual([{ type: "ended", reason: "call_ended" }]));
    expect(service.size()).toBe(0);
    expect(watching()).toBe(0);
  });
});
