import { describe, expect, it } from "vitest";
import type { CtiEvent } from "@/lib/events";
import type { CallbackCommand, CallbackResult } from "@/lib/telephony/commands";
import { passUntil, whileTimePasses, withHarness, type ContractHarness } from "./harness";

/**
 * The callback part of the platform contract (docs/telephony.md): agent first, then the
 * customer, the outcome reported as the platform's own events. Read from the delivered
 * events only, as a supervisor's screen would.
 */
function originate(h: ContractHarness, c: CallbackCommand): Promise<CallbackResult> {
  const run = h.adapter.commands.originateCallback;
  if (!run) throw new Error("the adapter declares originateCallback but has no such command");
  return whileTimePasses(h, (signal) => run(c, signal));
}

/** As a supervisor would: when nobody of the queue is free (a busy floor), tries again a little later. */
async function originateWhenFree(h: ContractHarness, c: CallbackCommand): Promise<CallbackResult> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await originate(h, c);
    } catch (e) {
      if ((e as { code?: unknown }).code !== "busy" || attempt >= 60) throw e;
      await h.pass(30_000);
    }
  }
}

/** A queue callers reach now, from the delivered events. */
function someQueue(h: ContractHarness): string {
  const queued = h.events().findLast((e) => e.type === "call.queued");
  if (!queued?.queueId) throw new Error("the platform delivered no queued call; the harness should start on a working floor");
  return queued.queueId;
}

/** The agent whose latest state event is agent.ready and whom no call is ringing, ready the shortest time. */
function readyAgent(h: ContractHarness): string {
  const latest = new Map<string, { type: string; time: number; ringing: boolean }>();
  for (const e of h.events()) {
    if (!e.agentId) continue;
    if (e.type.startsWith("agent.")) latest.set(e.agentId, { type: e.type, time: e.time, ringing: false });
    else if (e.type === "call.delivered") {
      const seen = latest.get(e.agentId);
      if (seen) seen.ringing = true;
    }
  }
  const ready = [...latest].filter(([, s]) => s.type === "agent.ready" && !s.ringing).sort(([, a], [, b]) => b.time - a.time);
  if (!ready[0]) throw new Error("no ready agent on the floor");
  return ready[0][0];
}

/** The supervisor's desk phone in every harness (the fakes register it; the simulator rings any extension). */
export const SUPERVISOR_EXTENSION = "2001";

const ofCall = (h: ContractHarness, callId: string) => h.events().filter((e) => e.callId === callId && e.type.startsWith("call."));
const ended = (events: readonly CtiEvent[]) => events.some((e) => e.type === "call.cleared" || e.type === "call.failed");

export function callbackContract(name: string, start: () => Promise<ContractHarness>): void {
  describe(`${name}: the callback contract`, () => {
    it("declares originateCallback exactly when it has the command", () =>
      withHarness(start, async (h) => {
        expect(h.adapter.capabilities.originateCallback).toBe(typeof h.adapter.commands.originateCallback === "function");
        expect(h.adapter.capabilities.originateCallback).toBe(true);
        expect(h.adapter.capabilities.callbackFirst).toContain("agent");
      }));

    it("rings the supervisor's own phone first where it declares it, naming the supervisor on the legs, and changes no agent's state", () =>
      withHarness(start, async (h) => {
        if (!h.adapter.capabilities.callbackFirst.includes("supervisor")) return;
        const queueId = someQueue(h);
        const supervisor = { id: "sam", name: "Sam Supervisor", extension: SUPERVISOR_EXTENSION };
        const outcomes = new Set<string>();
        for (let i = 0; i < 6; i++) {
          const number = `+4420794601${10 + i}`;
          const placed = await originate(h, { number, queueId, callbackOf: `missed-s${i}`, first: "supervisor", supervisor });
          expect(placed.agentId).toBeUndefined();
          // The desk phone is on this call until it ends: a second one to it is busy, as a phone without call waiting is.
          await expect(originate(h, { number, queueId, first: "supervisor", supervisor })).rejects.toMatchObject({ code: "busy" });
          await passUntil(h, () => ended(ofCall(h, placed.callId)), 3 * 3_600_000, 10_000);
          const events = ofCall(h, placed.callId);
          const offered = events.find((e): e is Extract<CtiEvent, { type: "call.offered" }> => e.type === "call.offered");
          expect(offered?.data).toMatchObject({ direction: "outbound", to: number, callbackOf: `missed-s${i}` });
          expect(events[1]?.type).toBe("call.delivered");
          // Every leg event names the supervisor, never an agent, and no agent event is about this call.
          expect(new Set(events.filter((e) => e.agentId !== undefined).map((e) => e.agentId))).toEqual(new Set(["sam"]));
          expect(h.events().filter((e) => e.type.startsWith("agent.") && (e.agentId === "sam" || e.callId === placed.callId))).toEqual([]);
          const last = events[events.length - 1];
          outcomes.add(last?.type === "call.failed" ? last.data.cause : (last?.type ?? "none"));
        }
        expect(outcomes.has("call.cleared")).toBe(true);
      }));

    it("rings the agent first, then dials the customer with the queue's number, and reports how it ended", () =>
      withHarness(start, async (h) => {
        const queueId = someQueue(h);
        const outcomes = new Set<string>();
        // Several callbacks in turn, so that both ends a customer's phone can give are seen.
        for (let i = 0; i < 8; i++) {
          const number = `+4420794600${10 + i}`;
          const placed = await originateWhenFree(h, { number, queueId, callbackOf: `missed-${i}` });
          await passUntil(h, () => ended(ofCall(h, placed.callId)), 3 * 3_600_000, 10_000);
          const events = ofCall(h, placed.callId);
          const offered = events.find((e): e is Extract<CtiEvent, { type: "call.offered" }> => e.type === "call.offered");
          expect(offered?.data).toMatchObject({ direction: "outbound", to: number, callbackOf: `missed-${i}` });
          expect(offered?.queueId).toBe(queueId);
          const types = events.map((e) => e.type);
          // The agent's phone rings before anything reaches the customer.
          expect(types[1]).toBe("call.delivered");
          expect(events[1]?.agentId).toBe(placed.agentId);
          const agentBusy = h.events().find((e) => e.type === "agent.busy" && e.agentId === placed.agentId && e.callId === placed.callId);
          expect(agentBusy).toBeDefined();
          // No queue outcome: a callback is in no queue KPI.
          expect(types).not.toContain("call.queued");
          expect(types).not.toContain("call.queue_exited");
          const last = events[events.length - 1];
          if (last?.type === "call.failed") {
            expect(["no_answer", "busy"]).toContain(last.data.cause);
            expect(types).not.toContain("call.established");
            outcomes.add(last.data.cause);
          } else {
            expect(last?.type).toBe("call.cleared");
            expect(types).toContain("call.established");
            expect(types).toContain("call.connection_cleared");
            outcomes.add("answered");
          }
          await passUntil(h, () => h.events().some((e) => e.agentId === placed.agentId && e.time > (last?.time ?? 0) && e.type === "agent.ready"), 3_600_000, 10_000);
        }
        expect(outcomes.has("answered")).toBe(true);
        expect(outcomes.size).toBeGreaterThan(1);
      }));

    it("keeps a paused agent paused once their callback ends, as a queue member's pause outlasts a call", () =>
      withHarness(start, async (h) => {
        const agentId = readyAgent(h);
        const pause = h.adapter.commands.setAgentState;
        if (!pause) throw new Error("this contract needs setAgentState");
        await whileTimePasses(h, (signal) => pause({ agentId, state: "not_ready", reason: "callbacks" }, signal));
        const placed = await originate(h, { number: "+442079460099", queueId: someQueue(h), agentId });
        expect(placed.agentId).toBe(agentId);
        await passUntil(h, () => ended(ofCall(h, placed.callId)), 3 * 3_600_000, 10_000);
        await passUntil(h, () => h.events().findLast((e) => e.agentId === agentId && e.type.startsWith("agent."))?.type === "agent.not_ready", 3_600_000, 10_000);
        const latest = h.events().findLast((e) => e.agentId === agentId && e.type.startsWith("agent."));
        expect(latest?.type).toBe("agent.not_ready");
        expect((latest?.data as { reasonCode?: string }).reasonCode).toBe("callbacks");
      }));

    it("refuses an unknown agent, an unknown queue, and an agent on a call, each by name", () =>
      withHarness(start, async (h) => {
        const queueId = someQueue(h);
        await expect(originate(h, { number: "+442079460000", queueId, agentId: "no-such-agent" })).rejects.toMatchObject({ code: "no_such_agent" });
        await expect(originate(h, { number: "+442079460000", queueId: "no-such-queue" })).rejects.toMatchObject({ code: "no_such_queue" });
        const first = await originateWhenFree(h, { number: "+442079460001", queueId });
        await expect(originate(h, { number: "+442079460002", queueId, agentId: first.agentId })).rejects.toMatchObject({ code: "busy" });
      }));
  });
}
