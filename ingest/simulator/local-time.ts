import { tzOffsetMs } from "@/lib/time/zone-offset";

/**
 * Local wall-clock time in an IANA zone, so shifts and the arrival profile follow
 * the centre's clock through DST changes. The offset comes from lib/time, as the
 * dashboards' buckets do. Intl is slow (microseconds per call),
 * so the zone offset is cached per 15-minute UTC slot: every real zone's offset
 * is a multiple of 15 minutes and changes on such a boundary.
 */

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const SLOT_MS = 900_000;

export class LocalClock {
  private readonly offsets = new Map<number, number>();

  constructor(readonly timeZone: string) {
    // Fails here, not mid-simulation, for a zone Intl does not know.
    tzOffsetMs(timeZone, 0);
  }

  /** Local time minus UTC at instant t, in ms. */
  offsetAt(t: number): number {
    const slot = Math.floor(t / SLOT_MS);
    const cached = this.offsets.get(slot);
    if (cached !== undefined) return cached;
    const offset = tzOffsetMs(this.timeZone, slot * SLOT_MS);
    if (this.offsets.size > 100_000) this.offsets.clear();
    this.offsets.set(slot, offset);
    return offset;
  }

  /** Days since 1970-01-01 in local time. */
  dayIndex(t: number): number {
    return Math.floor((t + this.offsetAt(t)) / DAY_MS);
  }

  /** Local hour 0..23. */
  hour(t: number): number {
    const local = t + this.offsetAt(t);
    return Math.floor((local - Math.floor(local / DAY_MS) * DAY_MS) / HOUR_MS);
  }

  isWeekend(t: number): boolean {
    return isWeekendDay(this.dayIndex(t));
  }

  /** Epoch ms of `hours` (decimal, may exceed 24) after local midnight of local day `day`. */
  toEpoch(day: number, hours: number): number {
    const local = day * DAY_MS + Math.round(hours * HOUR_MS);
    const guess = local - this.offsetAt(local);
    return local - this.offsetAt(guess);
  }
}

/** 1970-01-01 was a Thursday; day 2 and 3 after it were Saturday and Sunday. */
export function isWeekendDay(day: number): boolean {
  const weekday = (((day + 4) % 7) + 7) % 7; // 0 = Sunday
  return weekday === 0 || weekday === 6;
}
