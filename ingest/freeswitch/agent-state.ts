import { CommandFailed, type AgentStateCommand, type AgentStateResult } from "@/lib/telephony/commands";
import { plainWord } from "@/lib/telephony/dial-template";
import { apiOk, type EslApi } from "./esl-connection";

/**
 * An agent's state through mod_callcenter (docs: developer.signalwire.com/freeswitch,
 * "mod_callcenter", callcenter_config agent set status): ready = `Available`, not ready =
 * `On Break`, logged out = `Logged Out`. mod_callcenter keeps no reason with a status, so
 * the reason is kept on the switch in mod_hash (`hash insert/cc_break_reason/<agent>/<reason>`),
 * where the site's event feed (or its dialplan) reads it to say why the agent is on break;
 * it is removed when the agent is made ready.
 *
 * mod_callcenter applies a status to routing at once but never pulls an agent off a call:
 * an agent whose state is not `Waiting` (Receiving, In a queue call, or Idle in wrap-up) is
 * told `after_call`.
 */
export const BREAK_REASON_REALM = "cc_break_reason";

const STATUS = { ready: "Available", not_ready: "On Break", logged_out: "Logged Out" } as const;

export async function setAgentStateViaCallcenter(esl: EslApi, command: AgentStateCommand, signal: AbortSignal): Promise<AgentStateResult> {
  const agent = plainWord(command.agentId, "no_such_agent", "agent");
  // What the API takes (lib/telephony/set-agent-state.ts); checked again here, since the reason becomes part of a command line.
  if (command.state === "not_ready" && !/^[A-Za-z0-9 _.-]{1,40}$/.test(command.reason))
    throw new CommandFailed("not_permitted", "a break reason is 1 to 40 letters, digits, spaces, _ . or -");
  const status = await apiOk(esl, `callcenter_config agent get status ${agent}`, signal, "the agent's status");
  if (command.state !== "logged_out" && status === "Logged Out") throw new CommandFailed("not_logged_on", `agent ${agent} is logged out of mod_callcenter`);
  const state = await apiOk(esl, `callcenter_config agent get state ${agent}`, signal, "the agent's state");
  // The reason first, so that whoever reads the status change finds it.
  if (command.state === "not_ready") await apiOk(esl, `hash insert/${BREAK_REASON_REALM}/${agent}/${command.reason}`, signal, "the break reason");
  await apiOk(esl, `callcenter_config agent set status ${agent} '${STATUS[command.state]}'`, signal, "the agent's status");
  if (command.state === "ready") await apiOk(esl, `hash delete/${BREAK_REASON_REALM}/${agent}`, signal, "the break reason");
  return { applied: state === "Waiting" ? "now" : "after_call" };
}
