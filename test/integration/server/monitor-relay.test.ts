import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import WebSocket from "ws";
import type { SessionUser } from "@/lib/auth/session-user";
import { refuseUpgrade, setUpgradeHandler, upgradeHandlerFor } from "@/lib/http/upgrade-handlers";
import type { MonitorAudit, MonitorActor } from "@/lib/telephony/monitor-sessions";
import { MonitorSessions } from "@/lib/telephony/monitor-sessions";
import { mintMonitorToken } from "@/lib/telephony/monitor-token";
import { MonitorRelay } from "@/server/monitor-relay";
import { FakeMonitorSession, fakeMonitorPlatform } from "../../unit/helpers/fake-monitor-session";

/**
 * The monitoring relay over a real socket: who may connect (token, cookie user, Origin),
 * audio both ways as 20 ms PCM16 frames, the session's news as JSON, a reconnect within
 * the grace period keeping the session, the session stopping after it, and a slow
 * socket losing frames rather than piling them up.
 */

const SECRET = "relay-test-secret-0123456789-0123456789";
const GRACE_MS = 300;
const sam: MonitorActor = { id: "sam", name: "Sam", role: "supervisor", sessionId: "sid-sam" };
const samUser: SessionUser = { id: "sam", name: "Sam", role: "supervisor", sessionId: "sid-sam" };

let server: http.Server;
let base: string;
let sessions: MonitorSessions;
let relay: MonitorRelay;
let fakes: FakeMonitorSession[];
let audits: MonitorAudit[];
/** Who the next upgrade's cookie names (the relay's cookie check is injected; the real one is in the e2e test). */
let cookieUser: SessionUser | null;
let removeHandler: () => void;
let signOut: AbortController;

beforeEach(async () => {
  fakes = [];
  audits = [];
  cookieUser = samUser;
  const platform = fakeMonitorPlatform(fakes);
  sessions = new MonitorSessions({
    now: Date.now,
    audit: async (row) => void audits.push(row),
    telephony: () => platform,
  });
  const own = sessions;
  signOut = new AbortController();
  const ended = signOut.signal;
  relay = new MonitorRelay({
    sessions: () => own,
    secret: () => SECRET,
    cookieUser: async () => cookieUser,
    // The sign-in ends when the test says so (the real watcher is lib/auth/sessions/watch-session.ts).
    watchSession: (_user, signal) => AbortSignal.any([signal, ended]),
    graceMs: GRACE_MS,
    log: () => undefined,
  });
  removeHandler = setUpgradeHandler("/api/monitor/ws", relay.handleUpgrade);
  server = http.createServer((_req, res) => res.end());
  server.on("upgrade", (req, socket, head) => {
    const handler = upgradeHandlerFor(req.url);
    if (handler) handler(req, socket, head);
    else refuseUpgrade(socket, 404, "no WebSocket here");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  vi.useRealTimers();
  removeHandler();
  relay.close();
  await new Promise((r) => server.close(r));
});

function token(monitorSessionId: string, claims: Partial<{ userId: string; authSessionId: string }> = {}, now = Date.now()): string {
  return mintMonitorToken(SECRET, { userId: "sam", authSessionId: "sid-sam", monitorSessionId, ...claims }, now).token;
}

type Client = { ws: WebSocket; texts: Record<string, unknown>[]; frames: Buffer[]; closed: Promise<{ code: number; reason: string }> };

/** Opens a socket; resolves once open, or rejects with the refusal's HTTP status. */
function open(t: string, origin: string | null = `http://${base}`, path = "/api/monitor/ws"): Promise<Client> {
  const ws = new WebSocket(`ws://${base}${path}?token=${encodeURIComponent(t)}`, origin === null ? {} : { origin });
  const texts: Record<string, unknown>[] = [];
  const frames: Buffer[] = [];
  ws.on("message", (data, isBinary) => {
    if (isBinary) frames.push(data as Buffer);
    else texts.push(JSON.parse(String(data)) as Record<string, unknown>);
  });
  const closed = new Promise<{ code: number; reason: string }>((r) => ws.on("close", (code, reason) => r({ code, reason: String(reason) })));
  return new Promise((resolve, reject) => {
    ws.on("open", () => resolve({ ws, texts, frames, closed }));
    ws.on("unexpected-response", (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.on("error", reject);
  });
}

/** Waits for a condition without moving a faked clock (vi.waitFor advances fake timers as it polls). */
async function until(check: () => boolean, what: string): Promise<void> {
  const end = performance.now() + 10_000;
  while (!check()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setImmediate(r));
  }
}

const tone = (n: number) => Int16Array.from({ length: 320 }, (_, i) => Math.round(8000 * Math.sin((2 * Math.PI * 440 * (i + n * 320)) / 16_000)));

describe("the monitoring relay", () => {
  it("refuses a connection without the right token, cookie user, Origin or session, and another user's session", async () => {
    const mine = await sessions.start(sam, { callId: "c1", mode: "listen" });
    await expect(open(token(mine.id), null)).rejects.toThrow("HTTP 403");
    await expect(open(token(mine.id), "http://evil.example")).rejects.toThrow("HTTP 403");
    await expect(open("junk")).rejects.toThrow("HTTP 401");
    await expect(open(token(mine.id, {}, Date.now() - 61_000))).rejects.toThrow("HTTP 401");
    // The token names Sam's other sign-in: the cookie's must be the very one it was handed to.
    await expect(open(token(mine.id, { authSessionId: "sid-old" }))).rejects.toThrow("HTTP 401");
    cookieUser = null;
    await expect(open(token(mine.id))).rejects.toThrow("HTTP 401");
    cookieUser = { ...samUser, role: "manager" };
    await expect(open(token(mine.id))).rejects.toThrow("HTTP 403");
    cookieUser = samUser;
    await expect(open(token("ms-none"))).rejects.toThrow("HTTP 404");
    const sues = await sessions.start({ ...sam, id: "sue", name: "Sue", sessionId: "sid-sue" }, { callId: "c2", mode: "listen" });
    await expect(open(token(sues.id))).rejects.toThrow("HTTP 403");
    await expect(open(token(mine.id), undefined, "/api/other/ws")).rejects.toThrow("HTTP 404");
    expect(mine.stats.connections).toBe(0);
    // Each token opens one connection only.
    const t = token(mine.id);
    const first = await open(t);
    await expect(open(t)).rejects.toThrow("HTTP 401");
    first.ws.close();
  });

  it("says hello, relays audio both ways as 640-byte frames, tells mode changes and the end, then closes", async () => {
    const entry = await sessions.start(sam, { callId: "c1", mode: "listen" });
    const c = await open(token(entry.id));
    await vi.waitFor(() => expect(c.texts[0]).toMatchObject({ type: "hello", sessionId: entry.id, callId: "c1", mode: "listen", sampleRate: 16_000, frameMs: 20 }));
    const fake = fakes[0] as FakeMonitorSession;
    for (let i = 0; i < 10; i++) fake.play(tone(i));
    await vi.waitFor(() => expect(c.frames.length).toBe(10));
    const third = c.frames[2] as Buffer;
    expect(third.length).toBe(640);
    expect(Array.from({ length: 320 }, (_, i) => third.readInt16LE(i * 2))).toEqual(Array.from(tone(2)));

    await sessions.setMode(sam, entry.id, "whisper");
    await vi.waitFor(() => expect(c.texts.at(-1)).toEqual({ type: "mode", mode: "whisper" }));
    const mic = tone(7);
    c.ws.send(Buffer.from(mic.buffer));
    c.ws.send(Buffer.from(mic.buffer));
    await vi.waitFor(() => expect(fake.mic.length).toBe(2));
    expect(Array.from(fake.mic[0] as Int16Array)).toEqual(Array.from(mic));
    expect(entry.stats).toMatchObject({ connections: 1, framesSent: 10, micFrames: 2, framesDropped: 0 });

    fake.clear();
    expect(await c.closed).toEqual({ code: 1000, reason: "monitoring ended: call_ended" });
    expect(c.texts.at(-1)).toEqual({ type: "ended", reason: "call_ended" });
  });

  it("closes a socket that sends a frame of the wrong size", async () => {
    const entry = await sessions.start(sam, { callId: "c1", mode: "barge" });
    const c = await open(token(entry.id));
    c.ws.send(Buffer.alloc(100));
    expect((await c.closed).code).toBe(1003);
    expect(fakes[0]?.mic).toEqual([]);
  });

  it("keeps the session through a dropped socket until the browser reconnects, replacing the old socket", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const entry = await sessions.start(sam, { callId: "c1", mode: "listen" });
    const first = await open(token(entry.id));
    first.ws.terminate();
    await first.closed;
    const second = await open(token(entry.id));
    await until(() => second.texts[0]?.type === "hello", "hello");
    // Well past the grace period (on a clock the test moves): still on the call, audio flowing to the new socket.
    vi.advanceTimersByTime(GRACE_MS * 10);
    expect(sessions.get(entry.id)).toBeDefined();
    expect(fakes[0]?.stopped).toBe(0);
    fakes[0]?.play(tone(1));
    await until(() => second.frames.length === 1, "a frame");
    expect(entry.stats.connections).toBe(2);
    // A third connection while the second is open replaces it.
    const third = await open(token(entry.id));
    expect((await second.closed).code).toBe(4001);
    third.ws.close();
  });

  it("stops the session, audited as disconnected, when the browser does not come back within the grace period", async () => {
    const entry = await sessions.start(sam, { callId: "c1", mode: "listen" });
    const c = await open(token(entry.id));
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    c.ws.terminate();
    await c.closed;
    // The server sees the drop, then the grace period runs out on a clock the test moves.
    await until(() => vi.getTimerCount() === 1, "the grace timer");
    vi.advanceTimersByTime(GRACE_MS - 1);
    expect(fakes[0]?.stopped).toBe(0);
    vi.advanceTimersByTime(1);
    await until(() => sessions.get(entry.id) === undefined, "the session to end");
    expect(fakes[0]?.stopped).toBe(1);
    await vi.waitFor(() =>
      expect(audits.map((a) => [a.action, a.details.reason])).toEqual([
        ["monitor.started", undefined],
        ["monitor.stopped", "disconnected"],
      ]),
    );
  });

  it("stops the session at once, audited as signed_out, when the owner's sign-in ends", async () => {
    const entry = await sessions.start(sam, { callId: "c1", mode: "whisper" });
    const c = await open(token(entry.id));
    await until(() => c.texts[0]?.type === "hello", "hello");
    signOut.abort();
    expect(await c.closed).toEqual({ code: 1000, reason: "monitoring ended: signed_out" });
    expect(c.texts.at(-1)).toEqual({ type: "ended", reason: "signed_out" });
    expect(fakes[0]?.stopped).toBe(1);
    expect(audits.map((a) => [a.action, a.details.reason])).toEqual([
      ["monitor.started", undefined],
      ["monitor.stopped", "signed_out"],
    ]);
  });

  it("drops audio frames for a socket that does not read, instead of buffering them", async () => {
    const entry = await sessions.start(sam, { callId: "c1", mode: "listen" });
    const c = await open(token(entry.id));
    await vi.waitFor(() => expect(c.texts[0]).toMatchObject({ type: "hello" }));
    // The client stops reading: the kernel's buffers fill, then the relay's own queue.
    (c.ws as unknown as { _socket: import("node:net").Socket })._socket.pause();
    const fake = fakes[0] as FakeMonitorSession;
    const n = 20_000; // 12.8 MB, far more than loopback's socket buffers hold
    for (let i = 0; i < n; i++) fake.play(tone(i));
    expect(entry.stats.framesSent + entry.stats.framesDropped).toBe(n);
    expect(entry.stats.framesDropped).toBeGreaterThan(n / 2);
    c.ws.terminate();
  });
});
