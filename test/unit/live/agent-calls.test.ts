import { afterEach, describe, expect, it, vi } from "vitest";
import { agentCallsOnFloor } from "@/lib/live/agent-calls";
import { LiveFloor } from "@/lib/live/live-floor";
import { setLiveFloor } from "@/lib/live/registry";
import { answeredCall, logOn } from "./builders";

/** What "follow an agent" waits for: each call the agent talks on, told once, from the live floor as events arrive. */

const T0 = Date.UTC(2026, 0, 5, 10);
let floor: LiveFloor | undefined;
afterEach(() => {
  floor?.stop();
  setLiveFloor(undefined);
  vi.useRealTimers();
});

describe("an agent's calls on the live floor", () => {
  it("tells the call the agent is talking on now, then each next one once, and nothing after unsubscribing", () => {
    vi.useFakeTimers({ now: T0 });
    let now = T0;
    floor = new LiveFloor({ timeZone: "UTC", now: () => now, minIntervalMs: 10 });
    setLiveFloor(floor);
    const first = answeredCall({ callId: "c1", queueId: "q", agentId: "a1", t0: T0, waitMs: 1_000, talkMs: 60_000, acwMs: 5_000, agentSince: T0 - 10_000 });
    const second = answeredCall({ callId: "c2", queueId: "q", agentId: "a1", t0: T0 + 70_000, waitMs: 1_000, talkMs: 60_000, acwMs: 5_000, agentSince: T0 + 66_000 });
    const other = answeredCall({ callId: "c3", queueId: "q", agentId: "a2", t0: T0, waitMs: 1_000, talkMs: 60_000, acwMs: 5_000, agentSince: T0 - 10_000 });
    floor.loadSnapshot([...logOn("a1", T0 - 10_000, ["q"]), ...logOn("a2", T0 - 10_000, ["q"]), ...first.slice(0, 6), ...other.slice(0, 6)]);
    const told: string[] = [];
    const stop = agentCallsOnFloor("a1", (c) => told.push(c));
    expect(told).toEqual(["c1"]);
    const apply = (events: typeof first, at: number) => {
      now = at;
      floor?.apply(events);
      vi.advanceTimersByTime(20);
    };
    apply(first.slice(6), T0 + 66_000); // cleared, wrap-up, ready
    apply(second.slice(0, 3), T0 + 71_000); // offered, queued, ringing: not yet
    expect(told).toEqual(["c1"]);
    apply(second.slice(3, 6), T0 + 71_000); // answered
    expect(told).toEqual(["c1", "c2"]);
    stop();
    apply(second.slice(6), T0 + 140_000);
    expect(told).toEqual(["c1", "c2"]);
  });

  it("tells nothing without a live floor", () => {
    const told: string[] = [];
    agentCallsOnFloor("a1", (c) => told.push(c))();
    expect(told).toEqual([]);
  });
});
