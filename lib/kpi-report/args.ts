import { UsageError } from "@/lib/errors/usage-error";
import { customRange, MAX_CUSTOM_DAYS, parseLocalDate, type TimeRange } from "@/lib/time/periods";
import { canonicalTimeZone } from "@/lib/time/valid-time-zone";

export const KPI_USAGE = "usage: npm run kpi -- --from YYYY-MM-DD --to YYYY-MM-DD [--queue Q]... [--tz ZONE] [--json]";

export type KpiArgs = {
  /** The dates as given, for the report's heading. */
  fromDate: string;
  toDate: string;
  range: TimeRange;
  queueIds: string[];
  tz: string;
  json: boolean;
};

/**
 * `npm run kpi`'s command line. The period is whole local days in `tz`, both dates
 * included, as the dashboards' custom period is (lib/time/periods.ts customRange):
 * `--from 2026-01-05 --to 2026-01-05` is that one day. `--queue` repeats for several
 * queues (ids, as the dashboards' filter takes them). Anything wrong is a UsageError
 * saying what.
 */
export function parseKpiArgs(argv: readonly string[], defaultTz: string): KpiArgs {
  let fromDate: string | undefined;
  let toDate: string | undefined;
  let tzArg: string | undefined;
  let json = false;
  const queueIds: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? "";
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new UsageError(`${a} needs a value\n${KPI_USAGE}`);
      return v;
    };
    if (a === "--from") fromDate = value();
    else if (a === "--to") toDate = value();
    else if (a === "--tz") tzArg = value();
    else if (a === "--queue") queueIds.push(value());
    else if (a === "--json") json = true;
    else throw new UsageError(`unknown argument ${a}\n${KPI_USAGE}`);
  }
  if (fromDate === undefined || toDate === undefined) throw new UsageError(`--from and --to are required\n${KPI_USAGE}`);
  for (const [name, date] of [
    ["--from", fromDate],
    ["--to", toDate],
  ] as const) {
    if (!parseLocalDate(date)) throw new UsageError(`${name}: ${date} is not a date as YYYY-MM-DD`);
  }
  const tz = canonicalTimeZone(tzArg ?? defaultTz);
  if (!tz) throw new UsageError(`--tz: ${tzArg ?? defaultTz} is not a time zone this system knows (an IANA name such as Europe/Berlin, or UTC)`);
  if (toDate < fromDate) throw new UsageError(`--to ${toDate} is before --from ${fromDate}`);
  const range = customRange(fromDate, toDate, tz);
  if (!range) throw new UsageError(`the period is longer than ${MAX_CUSTOM_DAYS} days`);
  return { fromDate, toDate, range, queueIds, tz, json };
}
