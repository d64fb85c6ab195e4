import type { SimAgent, SimLeg, SimQueue } from "./model";

/**
 * Routing as most ACDs do it by default: a new caller goes to the longest-idle
 * free agent with the queue's skill; a freed agent takes the longest-waiting
 * caller across the queues it serves. Linear scans: a floor has tens of agents
 * and queues rarely hold more than a few dozen callers, so indexes would cost
 * more than they save.
 */

/** Logged-on, ready, not being rung: the only agents a call may be offered to. */
export function isAvailable(agent: SimAgent): boolean {
  return agent.loggedOn && agent.state === "ready" && agent.ringing === null;
}

/** Longest-idle available agent with the skill (ties: roster order), or null. */
export function pickAgent(agents: readonly SimAgent[], skill: string): SimAgent | null {
  let best: SimAgent | null = null;
  for (const a of agents) {
    if (isAvailable(a) && a.skills.has(skill) && (best === null || a.since < best.since)) best = a;
  }
  return best;
}

/**
 * Caller for a freed agent, among legs not already ringing someone in the queues
 * it serves: highest queue priority first (Asterisk's queue weight), then the
 * longest waiting. With equal priorities this is plain longest-waiting-first.
 */
export function pickCaller(queues: readonly SimQueue[]): SimLeg | null {
  let best: SimLeg | null = null;
  for (const q of queues) {
    const head = q.waiting.find((l) => l.status === "waiting");
    if (head === undefined) continue;
    if (best === null) {
      best = head;
      continue;
    }
    const dp = q.config.priority - best.queue.config.priority;
    if (dp > 0 || (dp === 0 && (head.queuedAt < best.queuedAt || (head.queuedAt === best.queuedAt && head.seq < best.seq)))) best = head;
  }
  return best;
}

/** 1-based place of the leg in its queue, as Asterisk reports it. */
export function positionOf(leg: SimLeg): number {
  return leg.queue.waiting.indexOf(leg) + 1;
}

export function removeFromQueue(leg: SimLeg): void {
  const i = leg.queue.waiting.indexOf(leg);
  if (i >= 0) leg.queue.waiting.splice(i, 1);
}
