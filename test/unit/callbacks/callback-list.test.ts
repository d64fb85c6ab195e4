import { describe, expect, it } from "vitest";
import { callbackList } from "@/lib/callbacks/callback-list";
import type { LaterCall } from "@/lib/callbacks/later-calls";
import type { MissedContact } from "@/lib/callbacks/missed-contacts";

const T = Date.UTC(2026, 11, 7, 9, 0, 0);
const min = 60_000;
const missed = (callId: string, at: number, extra: Partial<MissedContact> = {}): MissedContact => ({
  callId,
  queueId: "sales",
  missedAt: at,
  outcome: "abandon",
  waitMs: 40_000,
  shortAbandon: false,
  ...extra,
});
const call = (callId: string, at: number, fields: Partial<LaterCall>): LaterCall => ({
  callId,
  offeredAt: at,
  fromNumber: "+448000001234",
  toNumber: "",
  direction: "outbound",
  queueId: "sales",
  connected: false,
  endCause: "",
  ended: true,
  ...fields,
});

describe("callbackList", () => {
  it("makes one row per number, from its latest missed call, counting its misses", () => {
    const rows = callbackList(
      [missed("a1", T), missed("a2", T + 10 * min, { outcome: "timeout", waitMs: 300_000 }), missed("b1", T + 5 * min)],
      new Map([
        ["a1", "+441632960001"],
        ["a2", "+441632960001"],
        ["b1", "+441632960002"],
      ]),
      [],
    );
    expect(rows.map((r) => [r.number, r.callId, r.missedCount, r.outcome, r.waitMs, r.status.kind, r.done])).toEqual([
      ["+441632960001", "a2", 2, "timeout", 300_000, "open", false],
      ["+441632960002", "b1", 1, "abandon", 40_000, "open", false],
    ]);
  });

  it("leaves out a call with no known caller, and marks a withheld number as not callable", () => {
    const rows = callbackList([missed("x", T), missed("y", T + min)], new Map([["y", "anonymous"]]), []);
    expect(rows.map((r) => [r.callId, r.callable])).toEqual([["y", false]]);
  });

  it("tells called back, rang again, trying, tried and open apart, counting only what came after the latest miss", () => {
    const n = (i: number) => `+44163296010${i}`;
    const rows = callbackList(
      [1, 2, 3, 4, 5].map((i) => missed(`m${i}`, T + i * min)),
      new Map([1, 2, 3, 4, 5].map((i) => [`m${i}`, n(i)] as const)),
      [
        // 1: one callback reached nobody, the second connected.
        call("c1a", T + 20 * min, { toNumber: n(1), endCause: "no_answer" }),
        call("c1b", T + 30 * min, { toNumber: n(1), connected: true, endCause: "normal" }),
        // 2: they rang again and were answered.
        call("c2", T + 25 * min, { fromNumber: n(2), toNumber: "+448000001234", direction: "inbound", connected: true, endCause: "normal" }),
        // 3: a callback is ringing now.
        call("c3", T + 40 * min, { toNumber: n(3), ended: false }),
        // 4: two callbacks, the last busy; and a callback before the miss, which does not count.
        call("c4-old", T, { toNumber: n(4), connected: true }),
        call("c4a", T + 41 * min, { toNumber: n(4), endCause: "no_answer" }),
        call("c4b", T + 42 * min, { toNumber: n(4), endCause: "busy" }),
        // 5: a callback to someone else, and an inbound call from them that nobody answered.
        call("c5a", T + 50 * min, { toNumber: "+441632969999", connected: true }),
        call("c5b", T + 51 * min, { fromNumber: n(5), toNumber: "+448000001234", direction: "inbound" }),
      ],
    );
    const byNumber = new Map(rows.map((r) => [r.number, r]));
    expect(byNumber.get(n(1))).toMatchObject({ status: { kind: "called_back", callId: "c1b", at: T + 30 * min }, attempts: 2, done: true });
    expect(byNumber.get(n(2))).toMatchObject({ status: { kind: "called_again", callId: "c2", at: T + 25 * min }, attempts: 0, done: true });
    expect(byNumber.get(n(3))).toMatchObject({ status: { kind: "calling", callId: "c3" }, attempts: 1, done: false });
    expect(byNumber.get(n(4))).toMatchObject({ status: { kind: "tried", cause: "busy", at: T + 42 * min }, attempts: 2, done: false });
    expect(byNumber.get(n(5))).toMatchObject({ status: { kind: "open" }, attempts: 0, done: false });
  });

  it("tells what happened on a call in a queue the reader does not see, without naming the call", () => {
    const n = "+441632960201";
    const later = [call("in-hr", T + 5 * min, { fromNumber: n, toNumber: "+448000009999", direction: "inbound", queueId: "hr", connected: true })];
    const [seen] = callbackList([missed("m", T)], new Map([["m", n]]), later, (q) => q !== "hr");
    expect(seen?.status).toEqual({ kind: "called_again", callId: "", at: T + 5 * min });
    const [all] = callbackList([missed("m", T)], new Map([["m", n]]), later);
    expect(all?.status).toMatchObject({ callId: "in-hr" });
  });
});
