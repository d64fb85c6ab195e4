import { CommandFailed, type AgentStateCommand, type AgentStateResult } from "@/lib/telephony/commands";
import { logOff, pauseUntilTold } from "./agents";
import type { SimContext } from "./context";

/**
 * A supervisor's agent-state command, applied inside the simulation as Asterisk's
 * queue members behave: a pause (QueuePause with a reason) or a removal
 * (QueueRemove) of an idle agent takes effect at once; of an agent on a call, being
 * rung or in after-call work, when that ends (the call is never cut). Unpausing
 * makes a paused agent ready and offers them the longest-waiting caller; it also
 * cancels a pause or removal still waiting for a call to end.
 */
export function applyAgentState(ctx: SimContext, command: AgentStateCommand): AgentStateResult {
  const agent = ctx.agents.find((a) => a.roster.id === command.agentId);
  if (!agent) throw new CommandFailed("no_such_agent", `no agent "${command.agentId}" on this PBX`);
  if (!agent.loggedOn) {
    if (command.state === "logged_out") return { applied: "now" };
    throw new CommandFailed("not_logged_on", `${agent.roster.name} is not logged on`);
  }
  const idle = agent.ringing === null && (agent.state === "ready" || agent.state === "not_ready");
  switch (command.state) {
    case "ready":
      agent.requested = null;
      if (agent.state === "not_ready" && agent.ringing === null) {
        // Ends the break's own timer too; agentFreed makes them ready (or logs them off past their shift).
        agent.timerToken++;
        ctx.agentFreed(agent);
      }
      return { applied: "now" };
    case "not_ready":
      if (!idle) {
        agent.requested = { state: "not_ready", reasonCode: command.reason };
        return { applied: "after_call" };
      }
      pauseUntilTold(ctx, agent, command.reason);
      return { applied: "now" };
    case "logged_out":
      if (!idle) {
        agent.requested = { state: "logged_out" };
        return { applied: "after_call" };
      }
      logOff(ctx, agent);
      return { applied: "now" };
  }
}
