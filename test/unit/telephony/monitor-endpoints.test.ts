import { NextRequest } from "next/server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import type { AuditEntry } from "@/lib/audit/write-audit";
import type { MonitorMode } from "@/lib/telephony/capabilities";
import type { MonitorRequest } from "@/lib/telephony/monitor";
import { FakeMonitorSession } from "../helpers/fake-monitor-session";
import { answeredCall, logOn } from "../live/builders";

/**
 * The monitoring API (docs/telephony.md): who may, what a body must say, the call's
 * scope against the live floor, a session being its owner's, the relay ticket, and one
 * audit row per start, mode change and stop, failures included.
 */

let signedIn: SessionUser | null = null;
const audited: AuditEntry[] = [];
vi.mock("@/lib/auth/session", () => ({ currentUser: async () => signedIn }));
vi.mock("@/lib/store/client", () => ({ getClickHouse: async () => ({}) }));
vi.mock("@/lib/audit/write-audit", () => ({ writeAudit: async (_ch: unknown, e: AuditEntry) => void audited.push(e) }));
vi.mock("@/lib/auth/secret", () => ({ authSecret: () => "test-secret-of-enough-length-0123456789" }));
// The queues' monitoring policy has its own tests (monitor-policy.test.ts): here no queue has one.
vi.mock("@/lib/monitoring-policy/call-policy", () => ({ livePolicyOf: async () => undefined }));

const { handle } = await import("@/lib/api/handle");
const endpoints = await import("@/lib/api/endpoints/monitor");
const { setTelephony } = await import("@/lib/telephony/registry");
const { NO_CAPABILITIES } = await import("@/lib/telephony/capabilities");
const { CommandFailed } = await import("@/lib/telephony/commands");
const { LiveFloor } = await import("@/lib/live/live-floor");
const { setLiveFloor } = await import("@/lib/live/registry");
const { verifyMonitorToken } = await import("@/lib/telephony/monitor-token");
const { monitorSessions } = await import("@/lib/telephony/monitor-registry");

const started: FakeMonitorSession[] = [];
const requests: MonitorRequest[] = [];
function platform(modes: MonitorMode[] = ["listen", "whisper", "barge"], refuse?: InstanceType<typeof CommandFailed>, monitorMedia: "browser" | "phone" = "browser") {
  setTelephony({
    name: "test-pbx",
    capabilities: { ...NO_CAPABILITIES, monitorModes: modes, monitorMedia },
    commands: {
      startMonitor: async (r) => {
        requests.push(r);
        if (refuse) throw refuse;
        const s = new FakeMonitorSession(r.callId, "a1", r.mode, `ms-${started.length + 1}`);
        started.push(s);
        return s;
      },
    },
  });
}

const T0 = Date.UTC(2026, 0, 5, 10);
function floorWithCalls() {
  const floor = new LiveFloor({ timeZone: "UTC", now: () => T0 + 30_000 });
  const support = answeredCall({ callId: "c1", queueId: "support", agentId: "a1", t0: T0, waitMs: 5_000, talkMs: 600_000, acwMs: 10_000, agentSince: T0 - 60_000 });
  const sales = answeredCall({ callId: "c2", queueId: "sales", agentId: "a2", t0: T0, waitMs: 5_000, talkMs: 600_000, acwMs: 10_000, agentSince: T0 - 60_000 });
  floor.loadSnapshot([...logOn("a1", T0 - 60_000, ["support"]), ...logOn("a2", T0 - 60_000, ["sales"]), ...support.slice(0, 6), ...sales.slice(0, 6)]);
  setLiveFloor(floor);
  return floor;
}

const sam: SessionUser = { id: "sam", name: "Sam Supervisor", role: "supervisor", sessionId: "sid-sam" };
const sue: SessionUser = { id: "sue", name: "Sue Supervisor", role: "supervisor", sessionId: "sid-sue" };
const admin: SessionUser = { id: "root", name: "Ada Admin", role: "admin", sessionId: "sid-ada" };

type Answer = { status: number; body: Record<string, unknown> & { error?: string; code?: string } };
async function send(endpoint: Parameters<typeof handle>[0], method: string, url: string, body?: unknown, params: Record<string, string> = {}): Promise<Answer> {
  const init =
    body === undefined ? { method } : { method, body: typeof body === "string" ? body : JSON.stringify(body), headers: { "content-type": "application/json" } };
  const res = await handle(endpoint)(new NextRequest(`http://localhost${url}`, init), { params: Promise.resolve(params) });
  return { status: res.status, body: (await res.json()) as Answer["body"] };
}
const start = (body: unknown) => send(endpoints.startMonitorEndpoint, "POST", "/api/monitor/sessions", body);
const patch = (id: string, body: unknown) => send(endpoints.changeMonitorModeEndpoint, "PATCH", `/api/monitor/sessions/${id}`, body, { sessionId: id });
const del = (id: string) => send(endpoints.stopMonitorEndpoint, "DELETE", `/api/monitor/sessions/${id}`, undefined, { sessionId: id });
const mine = () => send(endpoints.myMonitorSessionsEndpoint, "GET", "/api/monitor/sessions");
const token = (id: string) => send(endpoints.monitorTokenEndpoint, "POST", `/api/monitor/sessions/${id}/token`, undefined, { sessionId: id });
const rows = () => audited.map((a) => [a.action, a.target, a.actor.id, a.details]);

let floor: InstanceType<typeof LiveFloor>;
beforeEach(() => {
  signedIn = sam;
  audited.length = 0;
  started.length = 0;
  requests.length = 0;
  floor = floorWithCalls();
  platform();
});
afterEach(async () => {
  // The process's sessions outlive a test: let the platform end each, so the next test starts with none.
  for (const s of started) s.clear();
  await vi.waitFor(() => expect(monitorSessions().size()).toBe(0));
  floor.stop();
  setLiveFloor(undefined);
  setTelephony(undefined);
});

describe("the monitoring API", () => {
  it("is for the monitor capability: managers and QA get 403 on every endpoint, and the platform is never asked", async () => {
    for (const role of ["manager", "qa"] as const) {
      signedIn = { id: role, name: role, role };
      expect((await start({ callId: "c1", mode: "listen" })).status).toBe(403);
      expect((await mine()).status).toBe(403);
      expect((await patch("x", { mode: "barge" })).status).toBe(403);
      expect((await del("x")).status).toBe(403);
      expect((await token("x")).status).toBe(403);
    }
    expect(requests).toEqual([]);
  });

  it("answers 400 naming what is wrong with a body", async () => {
    const badMode = await start({ callId: "c1", mode: "shout" });
    expect([badMode.status, badMode.body.error]).toEqual([400, 'mode: mode must be "listen", "whisper" or "barge"']);
    expect((await start({ mode: "listen" })).body.error).toMatch(/^callId: /);
    expect((await start({ callId: "c1", mode: "listen", extra: 1 })).status).toBe(400);
    expect((await start("{nope")).body.error).toMatch(/^body must be JSON: \{"callId"/);
    expect((await patch("ms-1", { mode: "loud" })).status).toBe(400);
    expect(requests).toEqual([]);
  });

  it("starts on a call in scope, audits it, lists it as the owner's, and hands out a relay token bound to the user, sign-in and session", async () => {
    const r = await start({ callId: "c1", mode: "listen" });
    expect(r.status).toBe(200);
    expect(requests).toEqual([{ callId: "c1", mode: "listen", supervisor: { id: "sam", name: "Sam Supervisor" } }]);
    const session = r.body.session as { id: string; mode: string; callId: string };
    expect([session.id, session.mode, session.callId]).toEqual(["ms-1", "listen", "c1"]);
    const relay = r.body.relay as { path: string; token: string; expiresAt: number };
    expect(relay.path).toBe("/api/monitor/ws");
    const v = verifyMonitorToken("test-secret-of-enough-length-0123456789", relay.token, Date.now());
    expect(v.ok && v.claims).toEqual({ userId: "sam", authSessionId: "sid-sam", monitorSessionId: "ms-1" });
    expect(relay.expiresAt - Date.now()).toBeGreaterThan(50_000);
    expect(rows()).toEqual([["monitor.started", "call:c1", "sam", { mode: "listen", platform: "test-pbx", sessionId: "ms-1" }]]);
    expect(((await mine()).body.sessions as { id: string }[]).map((s) => s.id)).toEqual(["ms-1"]);
    signedIn = sue;
    expect((await mine()).body.sessions).toEqual([]);
  });

  it("on a phone platform, rings the signed-in user's extension, and answers 409 to a user without one without asking the platform", async () => {
    platform(undefined, undefined, "phone");
    const noPhone = await start({ callId: "c1", mode: "listen" });
    expect(noPhone.status).toBe(409);
    expect(noPhone.body.error).toMatch(/you have no phone extension: ask an admin to set one on the Users page/);
    expect(requests).toEqual([]);
    signedIn = { ...sam, extension: "2001" };
    const r = await start({ callId: "c1", mode: "whisper" });
    expect(r.status).toBe(200);
    expect(requests).toEqual([{ callId: "c1", mode: "whisper", supervisor: { id: "sam", name: "Sam Supervisor", extension: "2001" } }]);
  });

  it("answers 404 for a call outside the caller's scope exactly as for an unknown one, and never asks the platform", async () => {
    signedIn = { ...sam, scope: { teams: [], queues: ["sales"] } };
    const outside = await start({ callId: "c1", mode: "listen" });
    const unknown = await start({ callId: "nope", mode: "listen" });
    expect([outside.status, outside.body]).toEqual([404, { error: "not found" }]);
    expect([unknown.status, unknown.body]).toEqual([404, { error: "not found" }]);
    expect((await start({ callId: "c2", mode: "listen" })).status).toBe(200);
    expect(requests.map((r) => r.callId)).toEqual(["c2"]);
  });

  it("changes mode and stops for the owner only; an admin may stop it; each step audited", async () => {
    await start({ callId: "c1", mode: "listen" });
    expect((await patch("ms-1", { mode: "whisper" })).body).toMatchObject({ id: "ms-1", mode: "whisper" });
    signedIn = sue;
    const theirs = await patch("ms-1", { mode: "barge" });
    expect([theirs.status, theirs.body.error]).toEqual([403, "your role may not change another supervisor's monitoring session"]);
    expect((await del("ms-1")).status).toBe(403);
    expect((await token("ms-1")).status).toBe(403);
    expect((await del("ms-404")).status).toBe(404);
    expect(started[0]?.modes).toEqual(["whisper"]);
    expect(started[0]?.stopped).toBe(0);
    signedIn = admin;
    expect((await patch("ms-1", { mode: "barge" })).status).toBe(403);
    expect(await del("ms-1")).toEqual({ status: 200, body: { stopped: true } });
    expect(started[0]?.stopped).toBe(1);
    signedIn = sam;
    expect((await mine()).body.sessions).toEqual([]);
    expect((await del("ms-1")).status).toBe(404);
    expect(rows()).toEqual([
      ["monitor.started", "call:c1", "sam", { mode: "listen", platform: "test-pbx", sessionId: "ms-1" }],
      ["monitor.mode_changed", "call:c1", "sam", { sessionId: "ms-1", mode: "whisper", previousMode: "listen", platform: "test-pbx" }],
      ["monitor.stopped", "call:c1", "root", { sessionId: "ms-1", reason: "stopped", platform: "test-pbx" }],
    ]);
  });

  it("audits the platform letting the supervisor go when the call ends, as the owner's session ending", async () => {
    await start({ callId: "c1", mode: "barge" });
    started[0]?.clear();
    await vi.waitFor(() => expect(audited.length).toBe(2));
    expect(rows()[1]).toEqual(["monitor.stopped", "call:c1", "sam", { sessionId: "ms-1", reason: "call_ended", platform: "test-pbx" }]);
    expect((await mine()).body.sessions).toEqual([]);
  });

  it("audits a refused start with the platform's code, and a mode the platform does not declare as unsupported", async () => {
    platform(["listen", "whisper", "barge"], new CommandFailed("call_ended", "the call ended"));
    const ended = await start({ callId: "c1", mode: "listen" });
    expect([ended.status, ended.body.code]).toEqual([409, "call_ended"]);
    platform(["listen"]);
    const barge = await start({ callId: "c1", mode: "barge" });
    expect([barge.status, barge.body.code]).toEqual([503, "unsupported"]);
    expect(rows().map(([action, , , d]) => [action, (d as { failed?: string }).failed])).toEqual([
      ["monitor.started", "call_ended"],
      ["monitor.started", "unsupported"],
    ]);
    expect(requests.length).toBe(1);
  });
});
