import { describe, expect, it } from "vitest";
import { UsageError } from "@/lib/errors/usage-error";
import { parseKpiArgs } from "@/lib/kpi-report/args";

describe("npm run kpi's command line", () => {
  it("reads the period as whole local days in the zone, both dates included", () => {
    const a = parseKpiArgs(["--from", "2026-01-05", "--to", "2026-01-06", "--tz", "europe/berlin", "--queue", "sales", "--queue", "support", "--json"], "UTC");
    // Berlin is UTC+1 in January: 2026-01-05 00:00 local = 2026-01-04 23:00 UTC; the day after 2026-01-06 starts 2026-01-06 23:00 UTC.
    expect(a).toEqual({
      fromDate: "2026-01-05",
      toDate: "2026-01-06",
      range: { from: Date.UTC(2026, 0, 4, 23), to: Date.UTC(2026, 0, 6, 23) },
      queueIds: ["sales", "support"],
      tz: "Europe/Berlin",
      json: true,
    });
  });

  it("takes the machine's zone by default, and a day across a DST change is 23 hours", () => {
    // 2026-03-29: Berlin goes from UTC+1 to UTC+2 at 01:00 UTC, so the day runs 2026-03-28 23:00 to 2026-03-29 22:00 UTC.
    const a = parseKpiArgs(["--from", "2026-03-29", "--to", "2026-03-29"], "Europe/Berlin");
    expect(a.range).toEqual({ from: Date.UTC(2026, 2, 28, 23), to: Date.UTC(2026, 2, 29, 22) });
    expect(a).toMatchObject({ tz: "Europe/Berlin", json: false, queueIds: [] });
  });

  it.each([
    [[], /--from and --to are required/],
    [["--from", "2026-01-05"], /--from and --to are required/],
    [["--from", "5/1/2026", "--to", "2026-01-05"], /--from: 5\/1\/2026 is not a date as YYYY-MM-DD/],
    [["--from", "2026-01-05", "--to", "2026-13-01"], /--to: 2026-13-01 is not a date/],
    [["--from", "2026-01-05", "--to", "2026-01-04"], /--to 2026-01-04 is before --from 2026-01-05/],
    [["--from", "2024-01-01", "--to", "2026-01-01"], /longer than 400 days/],
    [["--from", "2026-01-05", "--to", "2026-01-05", "--tz", "Nowhere/Land"], /--tz: Nowhere\/Land is not a time zone/],
    [["--from", "--to", "2026-01-05"], /--from needs a value/],
    [["--from", "2026-01-05", "--to", "2026-01-05", "--queue"], /--queue needs a value/],
    [["--from", "2026-01-05", "--to", "2026-01-05", "sales"], /unknown argument sales/],
  ])("refuses %j with a UsageError", (argv, message) => {
    expect(() => parseKpiArgs(argv, "UTC")).toThrow(UsageError);
    expect(() => parseKpiArgs(argv, "UTC")).toThrow(message);
  });
});
