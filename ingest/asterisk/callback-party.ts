import { CommandFailed } from "@/lib/telephony/commands";
import type { FloorMember } from "./floor";

/**
 * Whom an agent-first callback rings (pure): the agent named, when they can take a call, or
 * the queue's longest-idle ready member (the earliest `since` of those ready), as app_queue's
 * own strategy and the simulator and FreeSWITCH pick. `inUse`: agents this adapter is already
 * calling back, whom the store may not show busy yet. A paused member may be named (a pause stops
 * queue calls, not an originated one) but is never picked.
 */
export function pickMember(members: readonly FloorMember[] | undefined, queueId: string, agentId: string | undefined, inUse: ReadonlySet<string>): FloorMember {
  if (members === undefined) throw new CommandFailed("no_such_queue", `no queue "${queueId}" is known from Asterisk's queue_log`);
  if (agentId !== undefined) {
    const m = members.find((x) => x.agentId === agentId);
    if (!m) throw new CommandFailed("no_such_agent", `agent "${agentId}" is no member of queue ${queueId}`);
    if (m.state === "logged_off") throw new CommandFailed("not_logged_on", `agent ${agentId} is not logged on`);
    if (m.state === "busy" || m.state === "after_call_work" || inUse.has(agentId)) throw new CommandFailed("busy", `agent ${agentId} is on a call or in after-call work`);
    return m;
  }
  const ready = members.filter((m) => m.state === "ready" && !inUse.has(m.agentId)).sort((a, b) => a.since - b.since);
  const first = ready[0];
  if (!first) throw new CommandFailed("busy", `no agent of ${queueId} is ready to call back now`);
  return first;
}

/** ChannelDestroyed's cause (Q.850, as Asterisk gives it) for a phone that never answered, in the callback list's words. */
export function unansweredCause(cause: number): string {
  if (cause === 17) return "busy";
  if (cause === 21) return "rejected";
  if (cause === 34 || cause === 38 || cause === 42) return "congestion";
  if (cause === 1 || cause === 3 || cause === 28) return "unallocated";
  // 18/19 (no user responding, no answer), the originate's timeout, a Local channel's dialplan ending: nobody answered.
  return "no_answer";
}
