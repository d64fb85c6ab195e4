/**
 * Zone offsets from Intl: the local wall clock minus UTC at an instant, and back.
 * Shared by the KPI buckets, the periods the pages pick and the simulator's clock.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: tz,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(tz, f);
  }
  return f;
}

export function isTimeZone(tz: string): boolean {
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

export function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}

/** Local wall-clock time minus UTC at instant t, in ms (e.g. +3_600_000 for BST). */
export function tzOffsetMs(tz: string, t: number): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(tz).formatToParts(new Date(t))) {
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  }
  const wall = Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  // The formatter drops milliseconds; compare with t floored to the second.
  return wall - (t - mod(t, 1000));
}

/**
 * The instant a local wall-clock time denotes. An ambiguous or skipped wall time
 * (DST change at midnight in a few zones) resolves to the earlier candidate; the
 * series step also keeps any bucket the database returns, so a rare mismatch
 * there can cost a gap but never a row.
 */
export function wallToInstant(tz: string, wall: number): number {
  const first = wall - tzOffsetMs(tz, wall - tzOffsetMs(tz, wall));
  const offset = tzOffsetMs(tz, first);
  const second = wall - offset;
  return Math.min(first, second);
}
