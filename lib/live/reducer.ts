import type { CtiEvent } from "@/lib/events";
import { applyAgentEvent, type AgentEvent } from "./apply-agent";
import { applyCallEvent, type CallEvent } from "./apply-call";
import { applySupervisionEvent, type SupervisionEvent } from "./apply-supervision";
import { FloorDraft } from "./draft";
import { prune } from "./prune";
import { localDay, type FloorState } from "./state";

/**
 * The live floor as a pure reducer over CTI events: `reduceFloor(state, event)`
 * returns the next state and never changes its input. `applyEvents` is the same
 * over a batch (one copy of what the batch touches rather than one per event);
 * the live stream, the start-up snapshot and replay all go through it.
 *
 * - A repeated event id is a no-op (ids are remembered in a bounded window, see
 *   state.ts), and a batch of repeats returns the very same state.
 * - Late and reordered events: see apply-call.ts and apply-agent.ts.
 * - "Today" is the local day (state.timeZone) of the newest event or tick; the
 *   counters restart when it changes.
 */

const isCallEvent = (e: CtiEvent): e is CallEvent => e.type.startsWith("call.");
const isAgentEvent = (e: CtiEvent): e is AgentEvent => e.type.startsWith("agent.");
const isSupervisionEvent = (e: CtiEvent): e is SupervisionEvent => e.type.startsWith("supervision.");

/** Dedup and the clocks; false when the event is a repeat or not about the floor. */
function admit(d: FloorDraft, e: CtiEvent): boolean {
  if (d.seen.has(e.id)) return false;
  d.seen.add(e.id);
  d.applied += 1;
  if (e.time > d.eventClock) d.eventClock = e.time;
  if (e.time > d.now) d.now = e.time;
  if (e.time >= d.day.end) d.startDay(localDay(e.time, d.timeZone));
  return true;
}

function applyOne(d: FloorDraft, e: CtiEvent): void {
  // Recordings and transcripts do not change the floor.
  if (isCallEvent(e)) {
    if (admit(d, e)) applyCallEvent(d, e);
  } else if (isAgentEvent(e)) {
    if (admit(d, e)) applyAgentEvent(d, e);
  } else if (isSupervisionEvent(e)) {
    if (admit(d, e)) applySupervisionEvent(d, e);
  }
}

export function applyEvents(state: FloorState, events: readonly CtiEvent[]): FloorState {
  const d = new FloorDraft(state);
  for (const e of events) applyOne(d, e);
  prune(d);
  return d.done();
}

export function reduceFloor(state: FloorState, event: CtiEvent): FloorState {
  return applyEvents(state, [event]);
}

/** The passing of time without events: a new local day resets the counters, and stale entries go. */
export function tickFloor(state: FloorState, now: number): FloorState {
  if (now <= state.now) return state;
  const d = new FloorDraft(state);
  d.now = now;
  if (now >= d.day.end) d.startDay(localDay(now, d.timeZone));
  prune(d);
  return d.done();
}
