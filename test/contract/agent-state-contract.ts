import { describe, expect, it } from "vitest";
import type { CtiEvent } from "@/lib/events";
import { CommandFailed, type AgentStateCommand, type AgentStateResult } from "@/lib/telephony/commands";
import { passUntil, whileTimePasses, withHarness, type ContractHarness } from "./harness";

/**
 * The agent-state part of the platform contract (docs/telephony.md), the same for
 * every adapter: the simulator here, the fake ARI server and the Asterisk lab as they
 * come. What an agent is doing is read from the events the platform delivered, never
 * from the adapter's insides, so each case checks what a supervisor would see.
 */
type Seen = { type: CtiEvent["type"]; time: number; ringing: boolean };

/** Each agent's latest state event, and whether a call has rung them since (call.delivered: still "ready", but spoken for). */
function latestStates(events: readonly CtiEvent[]): Map<string, Seen> {
  const out = new Map<string, Seen>();
  for (const e of events) {
    if (!e.agentId) continue;
    if (e.type.startsWith("agent.")) out.set(e.agentId, { type: e.type, time: e.time, ringing: false });
    else if (e.type === "call.delivered") {
      const seen = out.get(e.agentId);
      if (seen) seen.ringing = true;
    }
  }
  return out;
}

/**
 * An agent in the state: for "ready", one nobody is ringing, and of those the one
 * ready for the shortest time, whom routing (longest idle first) offers a call last.
 */
function agentIn(h: ContractHarness, type: CtiEvent["type"]): string {
  const candidates = [...latestStates(h.events())].filter(([, s]) => s.type === type && !s.ringing).sort(([, a], [, b]) => b.time - a.time);
  const found = candidates[0];
  if (!found) throw new Error(`the platform has no agent whose last event is ${type}; the harness should start where it has one`);
  return found[0];
}

function agentEventsAfter(h: ContractHarness, agentId: string, index: number): CtiEvent[] {
  return h
    .events()
    .slice(index)
    .filter((e) => e.agentId === agentId && e.type.startsWith("agent."));
}

/** Sends a command while the platform's time moves on, as it does for a real PBX. */
function command(h: ContractHarness, c: AgentStateCommand): Promise<AgentStateResult> {
  const run = h.adapter.commands.setAgentState;
  if (!run) throw new Error("the adapter declares setAgentState but has no such command");
  return whileTimePasses(h, (signal) => run(c, signal));
}

export function agentStateContract(name: string, start: () => Promise<ContractHarness>): void {
  describe(`${name}: the agent-state contract`, () => {
    it("declares setAgentState exactly when it has the command", () =>
      withHarness(start, async (h) => {
        expect(h.adapter.capabilities.setAgentState).toBe(typeof h.adapter.commands.setAgentState === "function");
        expect(h.adapter.capabilities.setAgentState).toBe(true);
      }));

    it("pauses an idle agent at once with the reason, offers them no call, and makes them ready again", () =>
      withHarness(start, async (h) => {
        const agentId = agentIn(h, "agent.ready");
        const from = h.events().length;
        expect(await command(h, { agentId, state: "not_ready", reason: "coaching" })).toEqual({ applied: "now" });
        await h.pass(1_000);
        expect(agentEventsAfter(h, agentId, from).map((e) => [e.type, (e.data as { reasonCode?: string }).reasonCode])).toEqual([["agent.not_ready", "coaching"]]);
        await h.pass(10 * 60_000);
        expect(agentEventsAfter(h, agentId, from).map((e) => e.type)).toEqual(["agent.not_ready"]);

        const back = h.events().length;
        expect(await command(h, { agentId, state: "ready" })).toEqual({ applied: "now" });
        await h.pass(1_000);
        expect(agentEventsAfter(h, agentId, back)[0]?.type).toBe("agent.ready");
      }));

    it("pauses an agent on a call only when the call and its after-call work end", () =>
      withHarness(start, async (h) => {
        const agentId = agentIn(h, "agent.busy");
        const from = h.events().length;
        expect(await command(h, { agentId, state: "not_ready", reason: "meeting" })).toEqual({ applied: "after_call" });
        const paused = () => agentEventsAfter(h, agentId, from).some((e) => e.type === "agent.not_ready");
        await passUntil(h, paused, 3 * 3_600_000);
        const seen = agentEventsAfter(h, agentId, from).map((e) => [e.type, (e.data as { reasonCode?: string }).reasonCode]);
        // Still on the call when asked, so it ends first (with or without wrap-up), and the pause comes straight after: never "ready" between.
        const pause = seen.findIndex(([type]) => type === "agent.not_ready");
        expect(pause).toBeGreaterThan(-1);
        expect(seen[pause]).toEqual(["agent.not_ready", "meeting"]);
        expect(seen.slice(0, pause).every(([type]) => type === "agent.working_after_call")).toBe(true);
      }));

    it("logs out an idle agent", () =>
      withHarness(start, async (h) => {
        const agentId = agentIn(h, "agent.ready");
        const from = h.events().length;
        expect(await command(h, { agentId, state: "logged_out" })).toEqual({ applied: "now" });
        await h.pass(1_000);
        expect(agentEventsAfter(h, agentId, from).map((e) => e.type)).toEqual(["agent.logged_off"]);
        await expect(command(h, { agentId, state: "ready" })).rejects.toMatchObject({ code: "not_logged_on" });
      }));

    it("refuses an agent it does not know with no_such_agent", () =>
      withHarness(start, async (h) => {
        const refused = command(h, { agentId: "no-such-agent", state: "ready" });
        await expect(refused).rejects.toBeInstanceOf(CommandFailed);
        await expect(refused).rejects.toMatchObject({ code: "no_such_agent" });
      }));
  });
}
