import { describe, expect, it } from "vitest";
import { applyEvents, tickFloor } from "@/lib/live/reducer";
import { emptyFloor } from "@/lib/live/state";
import { buildView, EMPTY_DIRECTORY } from "@/lib/live/view";
import { windowEdgePassed } from "@/lib/live/sl-windows";
import { floorTotals } from "@/lib/live/totals";
import type { SlVariant } from "@/lib/kpi/definitions";
import { ev } from "./builders";

/**
 * Service level over the last 15 / 30 / 60 minutes, worked by hand from a small event
 * list. Now is 10:00 (London, GMT) on 5 January 2026; the queue's threshold is 20 s.
 * Each contact: [minutes before now it left the queue, how, wait in s].
 *
 *   e1  70 min ago  answered 10 s  (within T)   in no window, in the day
 *   e2  50 min ago  answered 30 s  (late)       60
 *   e3  20 min ago  answered  5 s  (within T)   30, 60
 *   e4  15 min ago  answered 15 s  (within T)   30, 60 (exactly 15 min ago: just left the 15-min window)
 *   e5  10 min ago  abandoned 40 s              15, 30, 60
 *   e6   5 min ago  answered 25 s  (late)       15, 30, 60
 *
 * "Answered within T / answered":
 *   15 min: 0 of 1 (e6)            = 0%
 *   30 min: 2 of 3 (e3, e4 / +e6)  = 66.7%
 *   60 min: 2 of 4 (+e2)           = 50%
 *   day:    3 of 5 (+e1)           = 60%
 * "(Answered + abandoned) within T / offered": e5 counts in the denominator, and is late:
 *   15 min: 0 of 2; 30 min: 2 of 4; 60 min: 2 of 5.
 */

const NOW = Date.UTC(2026, 0, 5, 10);
const MIN = 60_000;
const CONTACTS = [
  ["e1", 70, "answered", 10],
  ["e2", 50, "answered", 30],
  ["e3", 20, "answered", 5],
  ["e4", 15, "answered", 15],
  ["e5", 10, "abandon", 40],
  ["e6", 5, "answered", 25],
] as const;

function floorWith(queueId: string) {
  const events = CONTACTS.flatMap(([id, ago, reason, waitS]) => {
    const exitAt = NOW - ago * MIN;
    const leg = { callId: `${queueId}-${id}`, queueId, legId: `${queueId}-${id}.1` };
    return [ev("call.queued", exitAt - waitS * 1000, { position: 1 }, leg), ev("call.queue_exited", exitAt, { reason, waitMs: waitS * 1000 }, leg)];
  });
  return tickFloor(applyEvents(emptyFloor("Europe/London", NOW - 2 * 60 * MIN), events), NOW);
}

const directory = (variant: SlVariant) => ({
  ...EMPTY_DIRECTORY,
  queues: new Map([["q1", { id: "q1", name: "Support", slThresholdS: 20, slVariant: variant, shortAbandonS: 5, slTargetPct: 80 }]]),
});
const card = (variant: SlVariant) => buildView(floorWith("q1"), directory(variant), new Map(), { version: 1, serverTime: NOW, replay: false }).queues.q1!;

describe("service level over the last 15 / 30 / 60 minutes", () => {
  it("counts the contacts that left the queue in each window, by the queue's threshold and variant", () => {
    const q = card("answered_within_over_answered");
    expect(q.recentServiceLevel).toEqual([
      { minutes: 15, value: 0, numerator: 0, denominator: 1 },
      { minutes: 30, value: 2 / 3, numerator: 2, denominator: 3 },
      { minutes: 60, value: 0.5, numerator: 2, denominator: 4 },
    ]);
    expect(q.serviceLevel).toMatchObject({ value: 0.6, numerator: 3, denominator: 5 });
    expect(q.targetPct).toBe(80);
  });

  it("follows the queue's variant: abandons count where the variant counts them", () => {
    const q = card("answered_abandoned_within_over_offered");
    expect(q.recentServiceLevel.map((w) => [w.numerator, w.denominator])).toEqual([
      [0, 2],
      [2, 4],
      [2, 5],
    ]);
  });

  it("has no value in a window nobody left the queue in", () => {
    const quiet = tickFloor(floorWith("q1"), NOW + 60 * MIN);
    const q = buildView(quiet, directory("answered_within_over_answered"), new Map(), { version: 1, serverTime: 0, replay: false }).queues.q1!;
    expect(q.recentServiceLevel.map((w) => w.value)).toEqual([null, null, null]);
  });

  it("says when time alone moved a contact out of a window (the board is then sent again)", () => {
    const today = floorWith("q1").today;
    // e5 (10 min ago) leaves the 15-min window 5 minutes from now; nothing leaves between minute 1 and 2.
    expect(windowEdgePassed(today, NOW + 5 * MIN - 1, NOW + 5 * MIN)).toBe(true);
    expect(windowEdgePassed(today, NOW + 5 * MIN, NOW + 5 * MIN + 5_000)).toBe(false);
    expect(windowEdgePassed(today, NOW + MIN, NOW + 2 * MIN)).toBe(false);
  });
});

describe("centre totals", () => {
  it("pool the queues' numerators and denominators, and count an agent serving two queues once", () => {
    const s = applyEvents(floorWith("q1"), [
      ...CONTACTS.slice(0, 2).flatMap(([id, ago, reason, waitS]) => {
        const leg = { callId: `q2-${id}`, queueId: "q2", legId: `q2-${id}.1` };
        const exitAt = NOW - ago * MIN;
        return [ev("call.queued", exitAt - waitS * 1000, { position: 1 }, leg), ev("call.queue_exited", exitAt, { reason, waitMs: waitS * 1000 }, leg)];
      }),
      ev("agent.logged_on", NOW - 90 * MIN, { queues: ["q1", "q2"], teamId: "t" }, { agentId: "a1" }),
      ev("agent.not_ready", NOW - 30 * MIN, { reasonCode: "lunch" }, { agentId: "a1" }),
      ev("call.queued", NOW - 30_000, { position: 1 }, { callId: "w1", queueId: "q2", legId: "w1.1" }),
    ]);
    const view = buildView(s, directory("answered_within_over_answered"), new Map(), { version: 1, serverTime: 0, replay: false });
    const t = floorTotals(view);
    // q1: 3 of 5 today; q2 (e1 within, e2 late): 1 of 2. Centre: 4 of 7.
    expect(t.serviceLevel).toEqual({ value: 4 / 7, numerator: 4, denominator: 7 });
    // 60 min: q1 2 of 4, q2 e2 (late) 0 of 1: 2 of 5. 15 min: q1 0 of 1, q2 nothing.
    expect(t.recentServiceLevel.map((w) => [w.minutes, w.numerator, w.denominator])).toEqual([
      [15, 0, 1],
      [30, 2, 3],
      [60, 2, 5],
    ]);
    // Offered: q1 six, q2 two and the caller waiting; answered: q1 five (all but e5), q2 two.
    expect(t).toMatchObject({ waiting: 1, oldestQueuedAt: NOW - 30_000, offered: 9, answered: 7, abandoned: 1 });
    expect(t.agents).toEqual({ loggedOn: 1, ready: 0, busy: 0, afterCallWork: 0, notReady: 1, notReadyByReason: { lunch: 1 } });
  });
});
