import type { CtiEvent } from "@/lib/events";
import { applyEvents, tickFloor } from "./reducer";
import { emptyFloor, type FloorState } from "./state";
import type { FloorWindow } from "./window";

/**
 * The floor at `w.at` from stored events: the same reducer the live floor runs,
 * over the window's events up to that instant. Pure; the events come from
 * store/load-events.ts (or, in tests, straight from the simulator).
 */
export function floorAt(events: readonly CtiEvent[], timeZone: string, w: FloorWindow): FloorState {
  const upTo = events.filter((e) => e.time <= w.at);
  return tickFloor(applyEvents(emptyFloor(timeZone, w.seedFrom), upTo), w.at);
}
