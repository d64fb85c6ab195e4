import type { SimulatorConfig } from "./config";
import { compileDistribution, type MsSampler } from "./distributions";
import { isWeekendDay, type LocalClock } from "./local-time";
import type { Rng } from "./random";
import type { RosterAgent } from "./roster";

/** A not-ready period an agent means to take; it waits if the agent is on a call when it falls due. */
export interface PlannedActivity {
  readonly at: number;
  readonly reasonCode: string;
  readonly durationMs: number;
}

export interface PlannedShift {
  readonly start: number;
  readonly end: number;
  readonly activities: readonly PlannedActivity[];
}

export interface BreakRules {
  readonly scheduled: ReadonlyArray<{ reasonCode: string; afterMs: number; jitterMs: number; duration: MsSampler }>;
  readonly adHoc: ReadonlyArray<{ reasonCode: string; probability: number; duration: MsSampler }>;
}

const HOUR_MS = 3_600_000;
/** Keeps breaks off the first and last minutes of a shift, where no supervisor would put them. */
const EDGE_MS = 15 * 60_000;

export function compileBreakRules(config: SimulatorConfig): BreakRules {
  if (!config.behaviours.breaks) return { scheduled: [], adHoc: [] };
  return {
    scheduled: config.breaks.scheduled.map((b) => ({
      reasonCode: b.reasonCode,
      afterMs: b.afterHours * HOUR_MS,
      jitterMs: b.jitterMinutes * 60_000,
      duration: compileDistribution(b.duration),
    })),
    adHoc: config.breaks.adHoc.map((b) => ({
      reasonCode: b.reasonCode,
      probability: b.probabilityPerShift,
      duration: compileDistribution(b.duration),
    })),
  };
}

/**
 * The shift an agent works on local day `day`, with its breaks, or null on a day
 * off. Pure given the rng state: the engine gives each agent its own stream.
 */
export function planShift(agent: RosterAgent, day: number, clock: LocalClock, rules: BreakRules, logonJitterMs: number, rng: Rng): PlannedShift | null {
  if (isWeekendDay(day) && !agent.worksWeekends) return null;
  const nominalStart = clock.toEpoch(day, agent.shiftStart);
  const end = clock.toEpoch(day, agent.shiftEnd);
  const start = nominalStart + Math.round(rng.uniform(-logonJitterMs, logonJitterMs));
  const activities: PlannedActivity[] = [];
  for (const b of rules.scheduled) {
    const at = nominalStart + b.afterMs + Math.round(rng.uniform(-b.jitterMs, b.jitterMs));
    const durationMs = b.duration(rng);
    if (at >= start + EDGE_MS && at + durationMs <= end - EDGE_MS) activities.push({ at, reasonCode: b.reasonCode, durationMs });
  }
  for (const b of rules.adHoc) {
    if (!rng.chance(b.probability)) continue;
    const durationMs = b.duration(rng);
    const earliest = start + HOUR_MS;
    const latest = end - HOUR_MS - durationMs;
    if (latest > earliest) activities.push({ at: Math.round(rng.uniform(earliest, latest)), reasonCode: b.reasonCode, durationMs });
  }
  activities.sort((a, b) => a.at - b.at);
  return { start, end, activities };
}
