import { describe, expect, it } from "vitest";
import type { CtiEvent } from "@/lib/events";
import { reduceFloor } from "@/lib/live/reducer";
import { emptyFloor, type FloorState } from "@/lib/live/state";
import { buildView, EMPTY_DIRECTORY } from "@/lib/live/view";
import { answeredCall, ev, logOn } from "./builders";

/** Who is monitoring which call, as every supervisor's wallboard shows it. */

const TZ = "Europe/London";
const T0 = Date.UTC(2026, 0, 5, 10);
const fold = (events: readonly CtiEvent[], from = emptyFloor(TZ, T0 - 3_600_000)): FloorState => events.reduce(reduceFloor, from);
const monitorsOf = (s: FloorState, callId: string) => buildView(s, EMPTY_DIRECTORY, new Map(), { version: 1, serverTime: 0, replay: false }).calls[callId]?.monitors;

const call = answeredCall({ callId: "c1", queueId: "support", agentId: "a1", t0: T0, waitMs: 8_000, talkMs: 120_000, acwMs: 30_000, agentSince: T0 - 60_000 });
const talking = [...logOn("a1", T0 - 60_000, ["support"]), ...call.slice(0, 6)];
const onLeg = { callId: "c1", legId: "c1.1", queueId: "support", agentId: "a1" };
const at = T0 + 20_000;

describe("supervision on the live floor", () => {
  it("shows each supervisor on the call with the mode, follows mode changes, and drops them when they leave", () => {
    let s = fold(talking);
    expect(monitorsOf(s, "c1")).toEqual([]);
    s = fold([ev("supervision.started", at, { sessionId: "s1", supervisorId: "sup.ann", supervisorName: "Ann Supervisor", mode: "listen" }, onLeg)], s);
    s = fold([ev("supervision.started", at + 1, { sessionId: "s2", supervisorId: "sup.bob", mode: "listen" }, onLeg)], s);
    expect(monitorsOf(s, "c1")).toEqual([
      { supervisor: "Ann Supervisor", mode: "listen" },
      // No name in the event: the id is what there is to show.
      { supervisor: "sup.bob", mode: "listen" },
    ]);
    s = fold([ev("supervision.mode_changed", at + 2, { sessionId: "s1", mode: "barge", previousMode: "listen" }, onLeg)], s);
    s = fold([ev("supervision.ended", at + 3, { sessionId: "s2", reason: "stopped" }, onLeg)], s);
    expect(monitorsOf(s, "c1")).toEqual([{ supervisor: "Ann Supervisor", mode: "barge" }]);
  });

  it("takes the monitors away with the call, and a late start cannot put anyone on a cleared call", () => {
    let s = fold([...talking, ev("supervision.started", at, { sessionId: "s1", supervisorId: "sup.ann", mode: "whisper" }, onLeg)]);
    expect(monitorsOf(s, "c1")).toEqual([{ supervisor: "sup.ann", mode: "whisper" }]);
    s = fold(call.slice(6, 8), s); // the leg and the call clear
    expect(s.calls.has("c1")).toBe(false);
    const late = fold([ev("supervision.started", T0 + 200_000, { sessionId: "s9", supervisorId: "sup.cy", mode: "listen" }, onLeg)], s);
    expect(late.calls.has("c1")).toBe(false);
  });

  it("treats a repeated supervision event as a no-op", () => {
    const started = ev("supervision.started", at, { sessionId: "s1", supervisorId: "sup.ann", mode: "listen" }, onLeg);
    const once = fold([...talking, started]);
    expect(reduceFloor(once, started)).toBe(once);
  });
});
