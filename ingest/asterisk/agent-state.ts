import { CommandFailed, type AgentStateCommand, type AgentStateResult } from "@/lib/telephony/commands";
import type { AmiClient, AmiMessage } from "./ami-client";
import type { AsteriskFloor } from "./floor";

/**
 * A supervisor sets an agent's state through app_queue's AMI actions (apps/app_queue.c):
 * QueuePause with Paused true and a Reason (queue_log writes PAUSE with it), Paused
 * false, and QueueRemove from each queue the member is in (REMOVEMEMBER). QueueStatus
 * (filtered by Member) says first where the member is and whether it is on a call:
 * app_queue pauses a member on a call at once but routes nothing to them, and queue_log's
 * PAUSE during a call becomes not-ready when the call and its wrap-up end (the import's
 * agent tracker), so a member on a call answers `after_call`.
 *
 * Caveat: QueueRemove works on dynamic members only (added by QueueAdd / AddQueueMember or
 * the CLI); members written in queues.conf are static and Asterisk refuses ("Member not
 * dynamic"), which is reported as not_permitted.
 */
export async function setAgentStateViaAmi(ami: AmiClient, floor: AsteriskFloor, command: AgentStateCommand, signal: AbortSignal): Promise<AgentStateResult> {
  const member = await floor.memberInterface(command.agentId);
  if (!member) throw new CommandFailed("no_such_agent", `no queue member is known for agent ${command.agentId} (no queue_log line has named them)`);
  const status = await ami.action({ Action: "QueueStatus", Member: member }, signal);
  failOnError(status.response, `reading ${member}'s queues`);
  const memberships = status.events.filter((e) => e.Event === "QueueMember" && (e.Location === member || e.StateInterface === member));
  if (memberships.length === 0) throw new CommandFailed("not_logged_on", `agent ${command.agentId} (${member}) is in no queue`);
  const applied: AgentStateResult = { applied: memberships.some((m) => m.InCall === "1") ? "after_call" : "now" };
  if (command.state === "logged_out") {
    for (const m of memberships) {
      const removed = await ami.action({ Action: "QueueRemove", Queue: m.Queue ?? "", Interface: member }, signal);
      failOnError(removed.response, `removing ${member} from queue ${m.Queue ?? ""}`);
    }
    return applied;
  }
  const pause: AmiMessage =
    command.state === "not_ready"
      ? { Action: "QueuePause", Interface: member, Paused: "true", Reason: command.reason }
      : { Action: "QueuePause", Interface: member, Paused: "false" };
  const answer = await ami.action(pause, signal);
  failOnError(answer.response, `${command.state === "ready" ? "unpausing" : "pausing"} ${member}`);
  return command.state === "ready" ? { applied: "now" } : applied;
}

/** app_queue's refusals in the product's words. */
function failOnError(response: AmiMessage, what: string): void {
  if (response.Response === "Success") return;
  const message = response.Message ?? "no message";
  if (message === "Permission denied") throw new CommandFailed("not_permitted", `AMI refused ${what}: ${message} (the AMI user needs write = agent in manager.conf)`);
  if (message === "Member not dynamic")
    throw new CommandFailed("not_permitted", `Asterisk refused ${what}: the member is static (queues.conf), so only its configuration can remove it`);
  if (message === "Interface not found" || message.includes("Not there")) throw new CommandFailed("not_logged_on", `Asterisk refused ${what}: ${message}`);
  throw new CommandFailed("unreachable", `Asterisk refused ${what}: ${message}`);
}
