import { tzOffsetMs, wallToInstant } from "./zone-offset";

// A datetime-local input's value read and written on the wall clock of a chosen zone, not the browser's.

/** "2026-01-05T10:30:00", instant t on the wall clock of `tz`, as a datetime-local input wants it. */
export function toZoneInput(t: number, tz: string): string {
  return new Date(t + tzOffsetMs(tz, t)).toISOString().slice(0, 19);
}

/** The instant a datetime-local value denotes on the wall clock of `tz`, or NaN. */
export function fromZoneInput(value: string, tz: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!m) return NaN;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0));
  return wallToInstant(tz, Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0, s ?? 0));
}
