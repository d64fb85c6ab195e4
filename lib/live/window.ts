import { localDay } from "./state";

/**
 * Which stored events rebuild the floor at instant `at`: everything from the start
 * of the local day (today's counters) or 12 hours back, whichever is earlier (calls
 * and agents that were already busy at midnight), plus, from the week before, each
 * agent's latest log-on and latest state event (an agent can sit in one state for
 * longer than the window: one event is enough to know it, see apply-agent.ts).
 */
export const LOOKBACK_MS = 12 * 3_600_000;
export const AGENT_SEED_MS = 7 * 86_400_000;

export type FloorWindow = { seedFrom: number; from: number; at: number };

export function floorWindow(at: number, timeZone: string): FloorWindow {
  const from = Math.min(localDay(at, timeZone).start, at - LOOKBACK_MS);
  return { seedFrom: from - AGENT_SEED_MS, from, at };
}
