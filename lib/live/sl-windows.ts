import { serviceLevelOf, type QueueDefinition, type QueueOutcomes, type ServiceLevelFigure } from "./queue-service-level";
import type { QueueExit, QueueToday } from "./state";

/**
 * Service level over the last 15, 30 and 60 minutes, beside the day's figure. A window
 * holds the contacts that LEFT the queue in it (answered, abandoned, timed out or
 * otherwise), each judged as the day's figure judges it (the queue's threshold T and
 * variant); a caller still waiting has no outcome yet and is in no window. Like the
 * day's counters, a window does not reach back past local midnight: at 00:10 the
 * 60-minute figure covers ten minutes.
 */

export const SL_WINDOW_MINUTES = [15, 30, 60] as const;
export type SlWindowMinutes = (typeof SL_WINDOW_MINUTES)[number];

export type WindowServiceLevel = ServiceLevelFigure & { minutes: SlWindowMinutes };

const MINUTE_MS = 60_000;

/** Exits in (now - minutes, now]: an exit exactly `minutes` ago has just left the window. */
export function exitsWithin(exits: readonly QueueExit[], now: number, minutes: number): QueueOutcomes {
  const from = now - minutes * MINUTE_MS;
  const o = { offered: 0, answeredWaits: [] as number[], abandonedWaits: [] as number[], timedOut: 0, otherExits: 0 };
  for (const e of exits) {
    if (e.at <= from || e.at > now) continue;
    o.offered += 1;
    if (e.outcome === "answered") o.answeredWaits.push(e.waitMs);
    else if (e.outcome === "abandon") o.abandonedWaits.push(e.waitMs);
    else if (e.outcome === "timeout") o.timedOut += 1;
    else o.otherExits += 1;
  }
  return o;
}

export function windowServiceLevels(exits: readonly QueueExit[], now: number, def: QueueDefinition): WindowServiceLevel[] {
  return SL_WINDOW_MINUTES.map((minutes) => ({ minutes, ...serviceLevelOf(exitsWithin(exits, now, minutes), def) }));
}

/**
 * Whether time alone, from `from` to `to`, moved an exit out of some window: then the
 * windows changed without any event, and the wallboard must be sent again.
 */
export function windowEdgePassed(today: ReadonlyMap<string, QueueToday>, from: number, to: number): boolean {
  if (to <= from) return false;
  for (const q of today.values()) {
    for (const e of q.exits) {
      for (const m of SL_WINDOW_MINUTES) {
        const leaves = e.at + m * MINUTE_MS;
        if (leaves > from && leaves <= to) return true;
      }
    }
  }
  return false;
}
