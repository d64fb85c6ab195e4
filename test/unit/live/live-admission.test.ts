import { afterEach, describe, expect, it } from "vitest";
import { admitLive, NOTHING_IGNORED } from "@/lib/live/live-admission";
import { LiveFloor } from "@/lib/live/live-floor";
import { answeredCall, ev, logOn } from "./builders";

// 2026-01-05 10:00 UTC. The floor's window starts at the earlier of local midnight (00:00) and
// 12 hours back (2026-01-04 22:00): 22:00 on the 4th; agents' states are seeded from a week before
// that, 2025-12-28 22:00.
const NOW = Date.UTC(2026, 0, 5, 10);
const WINDOW_START = Date.UTC(2026, 0, 4, 22);
const SEED_START = Date.UTC(2025, 11, 28, 22);
const FIVE_MIN = 300_000;

const at = (time: number) => ev("agent.ready", time, {}, { agentId: "a1" });
const callAt = (time: number) => ev("call.offered", time, { from: "+441632960001", to: "q1", direction: "inbound", channelId: "c" }, { callId: "c" });

describe("admitLive", () => {
  it("takes call events from the window's start to five minutes ahead, and counts the rest", () => {
    const events = [callAt(WINDOW_START - 1), callAt(WINDOW_START), callAt(NOW), callAt(NOW + FIVE_MIN), callAt(NOW + FIVE_MIN + 1), callAt(Date.UTC(2100, 0, 1))];
    const r = admitLive(events, NOW, "UTC", FIVE_MIN, NOTHING_IGNORED);
    expect(r.admitted.map((e) => e.time)).toEqual([WINDOW_START, NOW, NOW + FIVE_MIN]);
    expect(r.ignored).toEqual({ future: 2, stale: 1, lastFutureTime: Date.UTC(2100, 0, 1), lastStaleTime: WINDOW_START - 1 });
  });

  it("takes agent state events from a week before the window, as the snapshot seeds them", () => {
    const r = admitLive([at(SEED_START - 1), at(SEED_START), at(WINDOW_START - 1)], NOW, "UTC", FIVE_MIN, NOTHING_IGNORED);
    expect(r.admitted.map((e) => e.time)).toEqual([SEED_START, WINDOW_START - 1]);
    expect(r.ignored).toMatchObject({ stale: 1, lastStaleTime: SEED_START - 1 });
  });

  it("returns the very batch when all of it is admitted", () => {
    const events = [at(NOW)];
    expect(admitLive(events, NOW, "UTC", FIVE_MIN, NOTHING_IGNORED).admitted).toBe(events);
  });
});

describe("the live floor's clock", () => {
  const floors: LiveFloor[] = [];
  afterEach(() => {
    for (const f of floors.splice(0)) f.stop();
  });

  it("does not jump to one event dated 2100: today's figures stay", () => {
    const floor = new LiveFloor({ timeZone: "UTC", now: () => NOW });
    floors.push(floor);
    // One answered call, queued at 09:00:01 with a 5 s wait, on agent a1 (logged on at 08:00).
    const call = answeredCall({
      callId: "c1",
      queueId: "q1",
      agentId: "a1",
      t0: NOW - 3_600_000,
      waitMs: 5000,
      talkMs: 60_000,
      acwMs: 5000,
      agentSince: NOW - 7_200_000,
    });
    floor.loadSnapshot([...logOn("a1", NOW - 7_200_000, ["q1"]), ...call]);
    const before = floor.currentView();
    expect(before.queues.q1).toMatchObject({ offered: 1, answered: 1 });

    floor.apply([ev("call.offered", Date.UTC(2100, 0, 1), { from: "+441632960999", to: "q1", direction: "inbound", channelId: "x" }, { callId: "x", queueId: "q1" })]);
    // Without the rule the reducer would take the event's time as its clock, and "today" would be 1 January 2100.
    expect(floor.floorState().now).toBe(NOW);
    expect(floor.floorState().day.start).toBe(Date.UTC(2026, 0, 5));
    expect(floor.floorState().eventClock).toBeLessThan(NOW);
    expect(floor.currentView().queues.q1).toMatchObject({ offered: 1, answered: 1 });
    expect(floor.ignored).toMatchObject({ future: 1, stale: 0 });
  });

  it("does not start on a day of 2100 when the store holds an event so dated from before the rule", () => {
    const floor = new LiveFloor({ timeZone: "UTC", now: () => NOW });
    floors.push(floor);
    floor.loadSnapshot([...logOn("a1", NOW - 7_200_000, ["q1"]), at(Date.UTC(2100, 0, 1))]);
    expect(floor.floorState().day.start).toBe(Date.UTC(2026, 0, 5));
    expect(floor.currentView().agents.a1).toMatchObject({ state: "ready" });
    expect(floor.ignored.future).toBe(1);
  });
});
