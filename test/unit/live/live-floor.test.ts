import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LiveFloor } from "@/lib/live/live-floor";
import { applyPatch } from "@/lib/live/patch";
import type { WallboardMessage, WallboardView } from "@/lib/live/view-types";
import { answeredCall, ev, logOn } from "./builders";

const T0 = Date.UTC(2026, 0, 5, 10);
const floors: LiveFloor[] = [];
// Fake timers (and a fake Date.now): coalescing is checked against the floor's own timers, not the machine's load.
const sleep = (ms: number) => vi.advanceTimersByTimeAsync(ms);

function floor(minIntervalMs = 50): LiveFloor {
  const f = new LiveFloor({ timeZone: "UTC", minIntervalMs, now: () => T0 + 3_600_000 });
  floors.push(f);
  return f;
}

/** A subscriber that keeps its own copy of the view, as a browser does. */
function client(f: LiveFloor) {
  const messages: WallboardMessage[] = [];
  let view: WallboardView | undefined;
  const unsubscribe = f.subscribe((m, json) => {
    expect(JSON.parse(json)).toEqual(m.data);
    messages.push(m);
    view = m.event === "snapshot" ? m.data : applyPatch(view as WallboardView, m.data);
  });
  return { messages, unsubscribe, view: () => view };
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  for (const f of floors.splice(0)) f.stop();
  vi.useRealTimers();
});

const call = answeredCall({ callId: "c1", queueId: "q1", agentId: "a1", t0: T0, waitMs: 5000, talkMs: 60_000, acwMs: 5000, agentSince: T0 - 1000 });

describe("LiveFloor", () => {
  it("sends a queue card again when time alone moves a contact out of its 15-minute window", async () => {
    let now = T0 + 60_000;
    const f = new LiveFloor({ timeZone: "UTC", minIntervalMs: 10, tickMs: 1000, now: () => now });
    floors.push(f);
    const leg = { callId: "w1", queueId: "q1", legId: "w1.1" };
    // Left the queue (answered after 10 s) at T0.
    f.loadSnapshot([ev("call.queued", T0 - 10_000, { position: 1 }, leg), ev("call.queue_exited", T0, { reason: "answered", waitMs: 10_000 }, leg)]);
    const c = client(f);
    expect(c.view()?.queues.q1?.recentServiceLevel.map((w) => w.denominator)).toEqual([1, 1, 1]);
    now = T0 + 10 * 60_000;
    await sleep(1100);
    expect(c.messages).toHaveLength(1); // still inside every window: nothing to send
    now = T0 + 15 * 60_000 + 500;
    await sleep(1100);
    expect(c.messages.map((m) => m.event)).toEqual(["snapshot", "patch"]);
    expect(c.view()?.queues.q1?.recentServiceLevel.map((w) => [w.minutes, w.denominator])).toEqual([
      [15, 0],
      [30, 1],
      [60, 1],
    ]);
  });

  it("holds subscribers and live events until the snapshot is in, without applying an event twice", () => {
    const f = floor();
    const c = client(f);
    f.apply(call.slice(0, 3)); // arrived while the store was being read...
    expect(c.messages).toHaveLength(0);
    f.loadSnapshot([...logOn("a1", T0 - 1000, ["q1"]), ...call.slice(0, 2)]); // ...which already held two of them
    expect(c.messages.map((m) => m.event)).toEqual(["snapshot"]);
    const v = c.view();
    expect(v?.queues.q1).toMatchObject({ offered: 1, waiting: 1 });
    expect(v?.calls.c1).toMatchObject({ state: "ringing", agentId: "a1" });
  });

  it("sends the full view first, then coalesced patches that rebuild the server's view", async () => {
    const f = floor(100);
    f.loadSnapshot(logOn("a1", T0 - 1000, ["q1"]));
    const c = client(f);
    expect(c.messages[0]?.event).toBe("snapshot");
    for (const e of call) f.apply([e]); // ten changes in one instant...
    await sleep(250);
    // ...arrive as one message, and the client's view equals the server's.
    expect(c.messages.map((m) => m.event)).toEqual(["snapshot", "patch"]);
    expect(c.view()).toEqual(f.currentView());
    expect(c.view()?.agents.a1?.state).toBe("ready");
    // A late joiner gets the same view in one snapshot.
    const late = client(f);
    expect(late.view()).toEqual({ ...f.currentView(), meta: { ...f.currentView().meta, serverTime: late.view()?.meta.serverTime } });
  });

  it("limits the message rate under a steady stream", async () => {
    const f = floor(150);
    f.loadSnapshot([]);
    const c = client(f);
    const started = Date.now();
    let i = 0;
    while (Date.now() - started < 1000) {
      f.apply(logOn(`a${i++}`, T0 + i, ["q1"]));
      await sleep(5);
    }
    await sleep(200);
    const patches = c.messages.filter((m) => m.event === "patch").length;
    expect(patches).toBeGreaterThan(3);
    expect(patches).toBeLessThanOrEqual(9);
    expect(Object.keys(c.view()?.agents ?? {})).toHaveLength(i);
  });

  it("stops sending to a subscriber that left", async () => {
    const f = floor();
    f.loadSnapshot([]);
    const c = client(f);
    c.unsubscribe();
    f.apply(logOn("a1", T0, ["q1"]));
    await sleep(100);
    expect(c.messages).toHaveLength(1);
    expect(f.subscribers).toBe(0);
  });
});
