import { afterEach, describe, expect, it, vi } from "vitest";
import { MonitorSessions, type MonitorAudit } from "@/lib/telephony/monitor-sessions";
import { fakeMonitorPlatform, type FakeMonitorSession } from "../helpers/fake-monitor-session";

/** A session whose page never connected (it went away before the start's answer) is stopped once its token could no longer be used. */
const sam = { id: "sam", name: "Sam", role: "supervisor", sessionId: "sid" };

afterEach(() => {
  vi.useRealTimers();
});

function setup() {
  vi.useFakeTimers();
  const fakes: FakeMonitorSession[] = [];
  const audits: MonitorAudit[] = [];
  const service = new MonitorSessions({
    now: () => 0,
    audit: async (row) => void audits.push(row),
    telephony: () => fakeMonitorPlatform(fakes),
    connectWithinMs: 60_000,
  });
  return { service, fakes, audits };
}

describe("a monitoring session nobody connects to", () => {
  it("is stopped on the platform when the connection deadline passes, audited as disconnected", async () => {
    const { service, fakes, audits } = setup();
    const s = await service.start(sam, { callId: "c1", mode: "listen", follow: true });
    await vi.advanceTimersByTimeAsync(59_000);
    expect(service.get(s.id)).toBe(s);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(service.get(s.id)).toBeUndefined();
    expect(fakes[0]?.stopped).toBe(1);
    expect(audits.at(-1)).toMatchObject({ action: "monitor.stopped", details: { reason: "disconnected" } });
  });

  it("is left alone once a browser has connected, and the timer goes with a session stopped earlier", async () => {
    const { service, fakes } = setup();
    const heard = await service.start(sam, { callId: "c1", mode: "listen" });
    heard.stats.connections += 1; // what the relay does on a connection
    const stopped = await service.start(sam, { callId: "c2", mode: "listen" });
    await service.stop(sam, stopped.id);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(service.get(heard.id)).toBe(heard);
    expect(fakes.map((f) => f.stopped)).toEqual([0, 1]);
  });
});
