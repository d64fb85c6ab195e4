import { describe, expect, it } from "vitest";
import type { CtiEvent } from "@/lib/events";
import { defaultConfig, MONDAY, simulate } from "./fixtures";

const HOUR = 3_600_000;

/** Rings by leg and agent, in the order they start and end. */
const ringKey = (e: CtiEvent) => `${e.legId}|${e.agentId}`;

describe("every ring the simulator starts ends", () => {
  it("in an answer or a diversion, including the rings a caller hangs up on", () => {
    // A busy Monday morning of the default centre: abandons and ring-no-answer are on.
    const events = simulate(defaultConfig(), 11, MONDAY + 8 * HOUR, MONDAY + 12 * HOUR);
    const open = new Map<string, CtiEvent>();
    let ended = 0;
    let abandonedRings = 0;
    for (const e of events) {
      if (e.type === "call.delivered") open.set(ringKey(e), e);
      else if (e.type === "call.established" || e.type === "call.diverted") {
        expect(open.delete(ringKey(e))).toBe(true);
        ended += 1;
        if (e.type === "call.diverted" && e.data.reason === "abandoned") {
          abandonedRings += 1;
          // The caller's exit follows in the same instant, as an abandon.
          expect(events.some((x) => x.type === "call.queue_exited" && x.legId === e.legId && x.time === e.time && x.data.reason === "abandon")).toBe(true);
        }
      }
    }
    // Only rings still going at the end of the run (noon) may be open: each started within the ring timeout of it.
    for (const e of open.values()) expect(e.time).toBeGreaterThan(MONDAY + 12 * HOUR - 60_000);
    expect(ended).toBeGreaterThan(100);
    // The morning has callers who give up while an agent's phone rings; without this rule their rings never ended.
    expect(abandonedRings).toBeGreaterThan(0);
  });
});
