import type { QueueConfig, SimulatorConfig } from "./config";
import type { LocalClock } from "./local-time";
import { nextThinnedTime, type Rng } from "./random";

const HOUR_MS = 3_600_000;

/**
 * Arrivals to one queue: a non-homogeneous Poisson process whose rate is the
 * queue's peak rate times the profile weight of the local hour (weekday or
 * weekend profile). Piecewise constant per hour, as workforce planners forecast.
 */
export class ArrivalProcess {
  private readonly perMsPeak: number;
  private readonly maxRate: number;

  constructor(
    queue: QueueConfig,
    private readonly profile: SimulatorConfig["arrivalProfile"],
    private readonly clock: LocalClock,
    private readonly rng: Rng,
  ) {
    this.perMsPeak = queue.peakCallsPerHour / HOUR_MS;
    this.maxRate = this.perMsPeak * Math.max(...profile.weekday, ...profile.weekend);
  }

  /** Expected arrivals per ms at instant t. */
  rateAt(t: number): number {
    const weights = this.clock.isWeekend(t) ? this.profile.weekend : this.profile.weekday;
    return this.perMsPeak * (weights[this.clock.hour(t)] ?? 0);
  }

  /** Next arrival strictly after `from` (epoch ms, integer), or +Infinity if the rate is zero for ever. */
  next(from: number): number {
    const t = nextThinnedTime(this.rng, from, this.maxRate, (x) => this.rateAt(x));
    return Number.isFinite(t) ? Math.max(from + 1, Math.round(t)) : t;
  }
}
