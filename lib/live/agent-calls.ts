import { getLiveFloor } from "./registry";
import type { FloorState } from "./state";

/**
 * Each call the agent is in conversation on, from now, as the live floor sees it: what
 * "follow an agent" waits for (lib/telephony/monitor-sessions.ts). A call is told once,
 * when the agent is talking on it. Returns the function that stops watching; without a
 * live floor nothing is ever told.
 */
export function agentCallsOnFloor(agentId: string, onCall: (callId: string) => void): () => void {
  const floor = getLiveFloor();
  if (!floor) return () => undefined;
  let told: string | undefined;
  return floor.subscribe(() => {
    const callId = talkingCall(floor.floorState(), agentId);
    if (callId === undefined || callId === told) return;
    told = callId;
    onCall(callId);
  });
}

/** The call the agent is talking on now, if any: by the calls themselves, which the call events keep even when agent events lag. */
export function talkingCall(state: FloorState, agentId: string): string | undefined {
  for (const call of state.calls.values()) if (call.agentId === agentId && call.state === "talking") return call.id;
  return undefined;
}
