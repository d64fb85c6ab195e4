import { afterEach, describe, expect, it, vi } from "vitest";
import { Conflict } from "@/lib/errors/domain-errors";
import type { MonitorRequest } from "@/lib/telephony/monitor";
import { MonitorSessions, type MonitorAudit } from "@/lib/telephony/monitor-sessions";
import type { TelephonyHandle } from "@/lib/telephony/registry";
import { fakeMonitorPlatform, type FakeMonitorSession } from "../helpers/fake-monitor-session";

/** Monitoring on a "phone" platform (FreeSWITCH's eavesdrop): the PBX rings the supervisor's own extension, so the request carries it. */
const withPhone = { id: "sam", name: "Sam", role: "supervisor", sessionId: "sid", extension: "2001" };
const withoutPhone = { id: "kim", name: "Kim", role: "supervisor", sessionId: "sid2" };

afterEach(() => {
  vi.useRealTimers();
});

function setup(media: "browser" | "phone") {
  vi.useFakeTimers();
  const fakes: FakeMonitorSession[] = [];
  const requests: MonitorRequest[] = [];
  const audits: MonitorAudit[] = [];
  const base = fakeMonitorPlatform(fakes, requests);
  const platform: TelephonyHandle = { ...base, capabilities: { ...base.capabilities, monitorMedia: media } };
  const service = new MonitorSessions({ now: () => 0, audit: async (row) => void audits.push(row), telephony: () => platform, connectWithinMs: 60_000 });
  return { service, fakes, requests, audits };
}

describe("monitoring on the supervisor's own phone", () => {
  it("asks the platform to ring the user's extension", async () => {
    const { service, requests } = setup("phone");
    await service.start(withPhone, { callId: "c1", mode: "whisper" });
    expect(requests.map((r) => r.supervisor)).toEqual([{ id: "sam", name: "Sam", extension: "2001" }]);
  });

  it("refuses a user without an extension with a 409 saying to set one, before the platform is asked or anything audited", async () => {
    const { service, requests, audits } = setup("phone");
    const refused = service.start(withoutPhone, { callId: "c1", mode: "listen" });
    await expect(refused).rejects.toBeInstanceOf(Conflict);
    await expect(refused).rejects.toThrow(/no phone extension: ask an admin to set one/);
    expect(requests).toEqual([]);
    expect(audits).toEqual([]);
  });

  it("keeps a phone session that no browser connects to (the supervisor is on their phone), unlike a browser one", async () => {
    const phone = setup("phone");
    const s = await phone.service.start(withPhone, { callId: "c1", mode: "listen" });
    // The browser platform's rule stops an unconnected session at 60 s; 120 s pass here.
    await vi.advanceTimersByTimeAsync(120_000);
    expect(phone.service.get(s.id)).toBe(s);
    expect(phone.fakes[0]?.stopped).toBe(0);
    vi.useRealTimers();

    const browser = setup("browser");
    const b = await browser.service.start(withoutPhone, { callId: "c1", mode: "listen" });
    // A browser platform ignores the extension: none needed, none sent.
    expect(browser.requests[0]?.supervisor).toEqual({ id: "kim", name: "Kim" });
    await vi.advanceTimersByTimeAsync(120_000);
    expect(browser.service.get(b.id)).toBeUndefined();
  });
});
