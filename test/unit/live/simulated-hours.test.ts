import { describe, expect, it } from "vitest";
import type { CtiEvent } from "@/lib/events";
import { ContactCentreSim } from "@/ingest/simulator/engine";
import { applyEvents, tickFloor } from "@/lib/live/reducer";
import { floorAt } from "@/lib/live/replay";
import { emptyFloor, type FloorState } from "@/lib/live/state";
import { buildView, EMPTY_DIRECTORY } from "@/lib/live/view";
import type { WallboardView } from "@/lib/live/view-types";
import { floorWindow } from "@/lib/live/window";
import { defaultConfig } from "../simulator/fixtures";
import { shuffled } from "./builders";

/**
 * Three simulated hours of the default contact centre (log-ons, a morning peak,
 * breaks, transfers, holds, ring-no-answer, abandons), fed to the reducer the way
 * the live stream delivers them, checked against figures computed here directly
 * from the event list, and against replay from the same events in store order.
 */
const config = defaultConfig();
const TZ = config.timeZone;
const FROM = Date.UTC(2026, 0, 5, 7, 30); // Monday, London = UTC in January
const TO = Date.UTC(2026, 0, 5, 10, 30);

function simulate(): { events: CtiEvent[]; chunks: CtiEvent[][] } {
  const sim = new ContactCentreSim({ ...config, tenantId: "t" }, { seed: 11, startTime: FROM });
  const chunks: CtiEvent[][] = [];
  let step = 0;
  // Chunks of 50 ms to 2 s, like the live simulator's ticks behind the ingest buffer.
  for (let t = FROM; t < TO;) {
    t = Math.min(TO, t + 50 + ((step++ * 7919) % 1950));
    const chunk = sim.advanceTo(t);
    if (chunk.length > 0) chunks.push(chunk);
  }
  return { events: chunks.flat(), chunks };
}

const { events, chunks } = simulate();

function live(batches: readonly (readonly CtiEvent[])[], at: number): FloorState {
  const s = batches.reduce<FloorState>((acc, b) => applyEvents(acc, b), emptyFloor(TZ, FROM));
  return tickFloor(s, at);
}

const content = (v: WallboardView) => ({ queues: v.queues, agents: v.agents, calls: v.calls });
const viewOf = (s: FloorState) => content(buildView(s, EMPTY_DIRECTORY, new Map(), { version: 0, serverTime: 0, replay: false }));

/** Straight from the event list in emission order, with none of the reducer's code. */
function independent(list: readonly CtiEvent[], dayStart: number) {
  const waiting = new Map<string, { queueId: string; queuedAt: number }>();
  const calls = new Map<string, { state: string; agentId: string | null; queueId: string | null }>();
  const agents = new Map<string, { state: string; reasonCode: string | null; since: number; queues: string[] }>();
  const queues = new Map<string, string[]>();
  const day = new Map<string, { offered: number; answered: number; abandoned: number; timedOut: number }>();
  const dayOf = (q: string) => day.get(q) ?? (day.set(q, { offered: 0, answered: 0, abandoned: 0, timedOut: 0 }), day.get(q)!);
  const callState: Partial<Record<CtiEvent["type"], string>> = {
    "call.offered": "offered",
    "call.queued": "queued",
    "call.delivered": "ringing",
    "call.diverted": "queued",
    "call.established": "talking",
    "call.held": "held",
    "call.retrieved": "talking",
    "call.connection_cleared": "routing",
  };
  for (const e of list) {
    if (e.type === "call.queued") {
      waiting.set(e.legId, { queueId: e.queueId, queuedAt: e.time });
      if (e.time >= dayStart) dayOf(e.queueId).offered++;
    }
    if (e.type === "call.queue_exited") {
      waiting.delete(e.legId);
      if (e.time - e.data.waitMs >= dayStart) {
        const d = dayOf(e.queueId);
        if (e.data.reason === "answered") d.answered++;
        if (e.data.reason === "abandon") d.abandoned++;
        if (e.data.reason === "timeout") d.timedOut++;
      }
    }
    if (e.type === "call.cleared" || e.type === "call.failed") calls.delete(e.callId);
    else if (e.type.startsWith("call.") && e.callId) {
      const prev = calls.get(e.callId) ?? { state: "offered", agentId: null, queueId: e.queueId ?? null };
      let state = callState[e.type] ?? prev.state;
      if (e.type === "call.queue_exited" && e.data.reason === "timeout") state = "voicemail";
      if (e.type === "call.queue_exited" && e.data.reason === "abandon") state = "routing";
      const withAgent = ["call.delivered", "call.established", "call.held", "call.retrieved"].includes(e.type);
      const clearsAgent = state === "queued" || state === "routing" || state === "voicemail";
      calls.set(e.callId, {
        state,
        agentId: withAgent ? (e.agentId ?? null) : clearsAgent ? null : prev.agentId,
        queueId: e.type === "call.queued" || withAgent ? (e.queueId ?? null) : prev.queueId,
      });
    }
    if (e.type === "agent.logged_on") queues.set(e.agentId, e.data.queues ?? []);
    else if (e.type === "agent.logged_off") agents.delete(e.agentId);
    else if (e.type.startsWith("agent.") && e.agentId) {
      const state =
        { "agent.ready": "ready", "agent.not_ready": "not_ready", "agent.busy": "busy", "agent.working_after_call": "after_call_work" }[e.type as string] ?? "?";
      agents.set(e.agentId, { state, reasonCode: e.type === "agent.not_ready" ? e.data.reasonCode : null, since: e.time, queues: queues.get(e.agentId) ?? [] });
    }
  }
  return { waiting, calls, agents, day };
}

describe("the live floor over three simulated hours", () => {
  it("has a busy morning to check (the test would prove little otherwise)", () => {
    expect(events.length).toBeGreaterThan(5000);
    const types = new Set(events.map((e) => e.type));
    for (const t of ["call.diverted", "call.transferred", "call.held", "agent.not_ready", "call.queue_exited"]) expect(types).toContain(t);
  });

  for (const at of [Date.UTC(2026, 0, 5, 8, 47, 13), TO]) {
    it(`matches figures computed directly from the events at ${new Date(at).toISOString()}`, () => {
      const upTo = events.filter((e) => e.time <= at);
      const v = viewOf(
        live(
          chunks.map((c) => c.filter((e) => e.time <= at)),
          at,
        ),
      );
      const ref = independent(upTo, Date.UTC(2026, 0, 5));

      // Calls waiting and the longest wait, per queue.
      for (const [queueId, card] of Object.entries(v.queues)) {
        const legs = [...ref.waiting.values()].filter((l) => l.queueId === queueId);
        expect(card.waiting, queueId).toBe(legs.length);
        expect(card.oldestQueuedAt, queueId).toBe(legs.length ? Math.min(...legs.map((l) => l.queuedAt)) : null);
        const d = ref.day.get(queueId);
        expect({ offered: card.offered, answered: card.answered, abandoned: card.abandoned, timedOut: card.timedOut }, queueId).toEqual(
          d ?? { offered: 0, answered: 0, abandoned: 0, timedOut: 0 },
        );
      }
      expect(Object.values(v.queues).reduce((n, q) => n + q.waiting, 0)).toBe(ref.waiting.size);

      // Active calls with their state, agent and queue.
      expect(Object.keys(v.calls).sort()).toEqual([...ref.calls.keys()].sort());
      for (const [id, c] of ref.calls) expect({ state: v.calls[id]?.state, agentId: v.calls[id]?.agentId, queueId: v.calls[id]?.queueId }, id).toEqual(c);

      // Agents: state, reason, since; and the per-queue counts.
      expect(Object.keys(v.agents).sort()).toEqual([...ref.agents.keys()].sort());
      for (const [id, a] of ref.agents) {
        expect({ state: v.agents[id]?.state, reasonCode: v.agents[id]?.reasonCode, since: v.agents[id]?.since }, id).toEqual({
          state: a.state,
          reasonCode: a.reasonCode,
          since: a.since,
        });
      }
      for (const [queueId, card] of Object.entries(v.queues)) {
        const serving = [...ref.agents.values()].filter((a) => a.queues.includes(queueId));
        const n = (s: string) => serving.filter((a) => a.state === s).length;
        expect(card.agents.ready + card.agents.busy + card.agents.afterCallWork + card.agents.notReady, queueId).toBe(serving.length);
        expect([card.agents.ready, card.agents.busy, card.agents.afterCallWork, card.agents.notReady], queueId).toEqual([
          n("ready"),
          n("busy"),
          n("after_call_work"),
          n("not_ready"),
        ]);
      }
      expect(ref.calls.size).toBeGreaterThan(5);
      expect(ref.agents.size).toBeGreaterThan(10);
    });
  }

  it("replay from stored order (same-millisecond events shuffled) equals the live floor at the same moment", () => {
    const storeOrder = shuffled(events, 99).sort((a, b) => a.time - b.time);
    for (const at of [Date.UTC(2026, 0, 5, 8, 0, 0, 1), Date.UTC(2026, 0, 5, 9, 12, 34, 567), TO]) {
      const liveView = viewOf(
        live(
          chunks.map((c) => c.filter((e) => e.time <= at)),
          at,
        ),
      );
      const replayed = viewOf(floorAt(storeOrder, TZ, floorWindow(at, TZ)));
      expect(replayed).toEqual(liveView);
    }
  });

  it("is unmoved by redelivered events (at-least-once) mixed into the stream", () => {
    const withRepeats = chunks.map((c, i) => (i % 3 === 0 && i > 0 ? [...(chunks[i - 1] ?? []).slice(-5), ...c, ...c.slice(0, 3)] : c));
    expect(viewOf(live(withRepeats, TO))).toEqual(viewOf(live(chunks, TO)));
  });
});
