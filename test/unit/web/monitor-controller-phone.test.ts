import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { MonitorController, PHONE_POLL_MS } from "@/components/wallboard/monitor/monitor-controller";
import { connectingText } from "@/components/wallboard/monitor/monitor-controls";

/**
 * The wallboard's monitoring on a "phone" platform (FreeSWITCH): the PBX rings the
 * supervisor's own phone, so the page opens no microphone, no audio context and no relay
 * socket; it says the phone will ring, then shows the session's mode, learnt from the API.
 */
type Sent = { method: string; url: string; body?: unknown };
let sent: Sent[] = [];
let sessions: { id: string; callId: string | null; mode: string; following: string | null }[] = [];
let answerStart: (() => void) | undefined;
const opened = { sockets: 0, audioContexts: 0, microphones: 0 };

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

beforeEach(() => {
  vi.useFakeTimers();
  sent = [];
  sessions = [];
  Object.assign(opened, { sockets: 0, audioContexts: 0, microphones: 0 });
  vi.stubGlobal("fetch", async (url: string, init?: RequestInit) => {
    const method = init?.method ?? "GET";
    sent.push({ method, url, ...(init?.body ? { body: JSON.parse(String(init.body)) as unknown } : {}) });
    if (method === "POST" && url === "/api/monitor/sessions") {
      // The platform answers once the phone is picked up: the test says when.
      await new Promise<void>((r) => (answerStart = r));
      const session = { id: "ms-1", callId: "c1", mode: "listen", following: null };
      sessions = [session];
      return json({ session, relay: { path: "/api/monitor/ws", token: "t", expiresAt: 0 } });
    }
    if (method === "PATCH") {
      const s = sessions[0];
      if (s) s.mode = (JSON.parse(String(init?.body)) as { mode: string }).mode;
      return json(s);
    }
    if (method === "DELETE") return json({ stopped: true });
    return json({ sessions });
  });
  vi.stubGlobal(
    "WebSocket",
    class {
      constructor() {
        opened.sockets++;
      }
    },
  );
  vi.stubGlobal(
    "AudioContext",
    class {
      constructor() {
        opened.audioContexts++;
      }
    },
  );
  vi.stubGlobal("navigator", { mediaDevices: { getUserMedia: () => (opened.microphones++, Promise.reject(new Error("no microphone here"))) } });
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe("monitoring on the supervisor's own phone, in the page", () => {
  it("says the phone will ring while starting, then shows the live mode, with no microphone, audio or relay socket", async () => {
    const c = new MonitorController({ kind: "phone", extension: "2001" });
    const starting = c.start("c1", "listen");
    await vi.waitFor(() => expect(answerStart).toBeDefined());
    expect(c.getSnapshot()).toMatchObject({ status: "starting", callId: "c1", mode: "listen" });
    expect(connectingText(c.media)).toBe("Your phone (2001) will ring…");
    answerStart?.();
    await starting;
    expect(c.getSnapshot()).toMatchObject({ status: "live", sessionId: "ms-1", mode: "listen" });

    // Whisper: the supervisor speaks into their phone, so the page still opens no microphone.
    await c.setMode("whisper");
    expect(c.getSnapshot().mode).toBe("whisper");
    expect(sent.filter((s) => s.method !== "GET").map((s) => [s.method, s.url, s.body])).toEqual([
      ["POST", "/api/monitor/sessions", { callId: "c1", mode: "listen" }],
      ["PATCH", "/api/monitor/sessions/ms-1", { mode: "whisper" }],
    ]);
    expect(opened).toEqual({ sockets: 0, audioContexts: 0, microphones: 0 });
  });

  it("learns a mode changed elsewhere and the session's end from the API", async () => {
    const c = new MonitorController({ kind: "phone", extension: "2001" });
    const starting = c.start("c1", "listen");
    await vi.waitFor(() => expect(answerStart).toBeDefined());
    answerStart?.();
    await starting;
    if (sessions[0]) sessions[0].mode = "barge";
    await vi.advanceTimersByTimeAsync(PHONE_POLL_MS);
    expect(c.getSnapshot().mode).toBe("barge");
    // The call ended (or the supervisor hung up): the server no longer lists the session.
    sessions = [];
    await vi.advanceTimersByTimeAsync(PHONE_POLL_MS);
    expect(c.getSnapshot()).toMatchObject({ status: "ended", message: expect.stringContaining("Monitoring ended") });
    const polls = sent.filter((s) => s.method === "GET").length;
    await vi.advanceTimersByTimeAsync(5 * PHONE_POLL_MS);
    expect(sent.filter((s) => s.method === "GET")).toHaveLength(polls);
  });

  it("without an extension, says the phone will ring without a number (the server then says to set one)", () => {
    expect(connectingText({ kind: "phone", extension: null })).toBe("Your phone will ring…");
    expect(connectingText({ kind: "browser" })).toBe("Connecting…");
  });
});
