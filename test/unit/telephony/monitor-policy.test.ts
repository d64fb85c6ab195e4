import { describe, expect, it } from "vitest";
import type { CallPolicy } from "@/lib/monitoring-policy/call-policy";
import { allowedModes, DEFAULT_MONITORING_POLICY, policyRefusal, type MonitoringPolicy } from "@/lib/monitoring-policy/policy";
import type { MonitorRequest } from "@/lib/telephony/monitor";
import { MonitorSessions, type MonitorAudit } from "@/lib/telephony/monitor-sessions";
import { fakeMonitorPlatform, type FakeMonitorSession } from "../helpers/fake-monitor-session";

/** A queue's monitoring policy, enforced by the monitoring service before the platform is asked, and audited when it refuses. */

const sam = { id: "sam", name: "Sam", role: "supervisor", sessionId: "sid" };
const policy = (p: Partial<MonitoringPolicy>): MonitoringPolicy => ({ ...DEFAULT_MONITORING_POLICY, ...p });

function setup(rule: CallPolicy | undefined, notices = false) {
  const fakes: FakeMonitorSession[] = [];
  const requests: MonitorRequest[] = [];
  const audits: MonitorAudit[] = [];
  const platform = fakeMonitorPlatform(fakes, requests);
  const telephony = notices ? { ...platform, capabilities: { ...platform.capabilities, monitorNotices: true } } : platform;
  const service = new MonitorSessions({ now: () => 0, audit: async (row) => void audits.push(row), telephony: () => telephony, policy: async () => rule });
  return { service, fakes, requests, audits };
}

describe("the monitoring policy", () => {
  it("says which modes a queue allows, in words naming the queue", () => {
    expect(allowedModes(policy({}), ["listen", "whisper", "barge"])).toEqual(["listen", "whisper", "barge"]);
    expect(allowedModes(policy({ barge: false }), ["listen", "whisper", "barge"])).toEqual(["listen", "whisper"]);
    expect(allowedModes(policy({ monitoring: false }), ["listen", "whisper", "barge"])).toEqual([]);
    expect(policyRefusal(policy({ whisper: false }), "whisper", "Billing")).toBe("whispering is not allowed on Billing's calls");
    expect(policyRefusal(policy({ monitoring: false }), "listen", "Billing")).toBe("monitoring is not allowed on Billing's calls");
    expect(policyRefusal(policy({ barge: false }), "whisper", "Billing")).toBeNull();
  });

  it("refuses a mode the call's queue does not allow, at the start and on a change, asking the platform nothing, and audits the refusal", async () => {
    const { service, fakes, requests, audits } = setup({ queueId: "billing", queueName: "Billing", policy: policy({ barge: false }) });
    await expect(service.start(sam, { callId: "c1", mode: "barge" })).rejects.toMatchObject({
      code: "not_permitted",
      message: "barging in is not allowed on Billing's calls",
    });
    expect(requests).toEqual([]);
    expect(audits.map((a) => [a.action, a.details.failed])).toEqual([["monitor.started", "not_permitted"]]);

    const s = await service.start(sam, { callId: "c1", mode: "listen" });
    await expect(service.setMode(sam, s.id, "barge")).rejects.toMatchObject({ code: "not_permitted" });
    expect(fakes[0]?.modes).toEqual([]);
    await service.setMode(sam, s.id, "whisper");
    expect(fakes[0]?.modes).toEqual(["whisper"]);
  });

  it("refuses all monitoring on a queue that allows none", async () => {
    const { service, requests } = setup({ queueId: "hr", queueName: "HR line", policy: policy({ monitoring: false }) });
    await expect(service.start(sam, { callId: "c1", mode: "listen" })).rejects.toMatchObject({
      code: "not_permitted",
      message: "monitoring is not allowed on HR line's calls",
    });
    expect(requests).toEqual([]);
  });

  it("passes the notices to a platform that plays them, and refuses what needs one on a platform that cannot", async () => {
    const rule = { queueId: "sales", queueName: "Sales", policy: policy({ notifyAgent: false, bargeTone: true }) };
    const playing = setup(rule, true);
    await playing.service.start(sam, { callId: "c1", mode: "listen" });
    expect(playing.requests[0]?.notices).toEqual({ notifyAgent: false, bargeTone: true });

    const silent = setup(rule, false);
    const s = await silent.service.start(sam, { callId: "c1", mode: "whisper" });
    await expect(silent.service.setMode(sam, s.id, "barge")).rejects.toMatchObject({ code: "not_permitted", message: expect.stringContaining("a tone when barging in") });
    const told = setup({ ...rule, policy: policy({ notifyAgent: true }) }, false);
    await expect(told.service.start(sam, { callId: "c1", mode: "listen" })).rejects.toMatchObject({ message: expect.stringContaining("the agent to be told") });
  });

  it("allows what the platform offers when the call's queue is not known to the floor", async () => {
    const { service, requests } = setup(undefined);
    await service.start(sam, { callId: "c1", mode: "barge" });
    expect(requests.map((r) => [r.mode, r.notices])).toEqual([["barge", undefined]]);
  });
});
