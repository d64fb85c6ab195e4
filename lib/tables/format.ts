import { formatDuration } from "@/lib/time/format-duration";

/**
 * Display formats shared by tiles, tables and CSV exports. One fixed locale, so a
 * number reads the same in every browser, in screenshots and in exported files.
 */

const countFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const percentFormat = new Intl.NumberFormat("en-US", { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });

export const formatCount = (n: number): string => countFormat.format(n);
export const formatPercent = (ratio: number): string => percentFormat.format(ratio);
export { formatDuration };

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** "2026-01-05 09:15:03" on the wall clock of `tz`: sortable and unambiguous in a file. */
export function formatDateTime(t: number, tz: string): string {
  let f = dateTimeFormats.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", {
      timeZone: tz,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    dateTimeFormats.set(tz, f);
  }
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(t)) p[part.type] = part.value;
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}
