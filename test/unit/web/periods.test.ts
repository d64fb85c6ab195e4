import { describe, expect, it } from "vitest";
import { comparisonLabel, customRange, intervalForRange, localDateRange, periodIncludesNow, periodRange, previousRange, toLocalDate } from "@/lib/time/periods";

const H = 3_600_000;
const D = 24 * H;
// Wednesday 2026-01-14 15:30 UTC
const now = Date.UTC(2026, 0, 14, 15, 30);

describe("named periods", () => {
  it("are local calendar spans in UTC", () => {
    expect(periodRange("today", now, "UTC")).toEqual({ from: Date.UTC(2026, 0, 14), to: Date.UTC(2026, 0, 15) });
    expect(periodRange("yesterday", now, "UTC")).toEqual({ from: Date.UTC(2026, 0, 13), to: Date.UTC(2026, 0, 14) });
    // Weeks start on Monday: the 12th.
    expect(periodRange("this_week", now, "UTC")).toEqual({ from: Date.UTC(2026, 0, 12), to: Date.UTC(2026, 0, 19) });
    expect(periodRange("last_week", now, "UTC")).toEqual({ from: Date.UTC(2026, 0, 5), to: Date.UTC(2026, 0, 12) });
    expect(periodRange("this_month", now, "UTC")).toEqual({ from: Date.UTC(2026, 0, 1), to: Date.UTC(2026, 1, 1) });
    // Across the year boundary.
    expect(periodRange("last_month", now, "UTC")).toEqual({ from: Date.UTC(2025, 11, 1), to: Date.UTC(2026, 0, 1) });
    expect(periodRange("last7", now, "UTC")).toEqual({ from: Date.UTC(2026, 0, 8), to: Date.UTC(2026, 0, 15) });
    expect(periodRange("last30", now, "UTC").from).toBe(Date.UTC(2025, 11, 16));
  });

  it("a Sunday belongs to the week that started the Monday before", () => {
    const sunday = Date.UTC(2026, 0, 18, 23, 0);
    expect(periodRange("this_week", sunday, "UTC").from).toBe(Date.UTC(2026, 0, 12));
  });

  it("follow the viewer's zone, days of 23 hours included", () => {
    // New York: 2026-03-08 is the spring-forward day (23 h).
    const ny = "America/New_York";
    const t = Date.UTC(2026, 2, 8, 18);
    const today = periodRange("today", t, ny);
    expect(today.from).toBe(Date.UTC(2026, 2, 8, 5));
    expect(today.to - today.from).toBe(23 * H);
    const week = periodRange("this_week", t, ny);
    // Monday 2 March 00:00 EST to Monday 9 March 00:00 EDT: 7 days less an hour.
    expect(week).toEqual({ from: Date.UTC(2026, 2, 2, 5), to: Date.UTC(2026, 2, 9, 4) });
    const month = periodRange("this_month", t, ny);
    expect(month).toEqual({ from: Date.UTC(2026, 2, 1, 5), to: Date.UTC(2026, 3, 1, 4) });
  });
});

describe("previous equal period", () => {
  it("is the unit before a finished period", () => {
    expect(previousRange("yesterday", periodRange("yesterday", now, "UTC"), now, "UTC")).toEqual({ from: Date.UTC(2026, 0, 12), to: Date.UTC(2026, 0, 13) });
    expect(previousRange("last_week", periodRange("last_week", now, "UTC"), now, "UTC")).toEqual({ from: Date.UTC(2025, 11, 29), to: Date.UTC(2026, 0, 5) });
    // December has 31 days, November 30: a month is compared with the calendar month before.
    expect(previousRange("last_month", periodRange("last_month", now, "UTC"), now, "UTC")).toEqual({ from: Date.UTC(2025, 10, 1), to: Date.UTC(2025, 11, 1) });
  });

  it("is cut at the same point while the period runs", () => {
    const today = periodRange("today", now, "UTC");
    expect(previousRange("today", today, now, "UTC")).toEqual({ from: Date.UTC(2026, 0, 13), to: Date.UTC(2026, 0, 13, 15, 30) });
    const month = periodRange("this_month", now, "UTC");
    expect(previousRange("this_month", month, now, "UTC")).toEqual({ from: Date.UTC(2025, 11, 1), to: Date.UTC(2025, 11, 14, 15, 30) });
    expect(comparisonLabel("today", true)).toBe("yesterday at the same point");
    expect(comparisonLabel("yesterday", false)).toBe("the day before");
  });

  it("of a custom span is as many days just before", () => {
    const r = customRange("2026-01-05", "2026-01-07", "UTC");
    expect(r).toEqual({ from: Date.UTC(2026, 0, 5), to: Date.UTC(2026, 0, 8) });
    expect(previousRange("custom", r ?? { from: 0, to: 1 }, now, "UTC")).toEqual({ from: Date.UTC(2026, 0, 2), to: Date.UTC(2026, 0, 5) });
  });
});

describe("local dates", () => {
  it("round-trip in any zone", () => {
    expect(toLocalDate(Date.UTC(2026, 0, 14, 23, 30), "UTC")).toBe("2026-01-14");
    expect(toLocalDate(Date.UTC(2026, 0, 14, 23, 30), "Europe/Berlin")).toBe("2026-01-15");
    expect(localDateRange("2026-01-15", "Europe/Berlin")).toEqual({ from: Date.UTC(2026, 0, 14, 23), to: Date.UTC(2026, 0, 15, 23) });
    expect(localDateRange("2026-02-30", "UTC")).toBeNull();
  });

  it("a custom span must be ordered and at most 400 days", () => {
    expect(customRange("2026-01-07", "2026-01-05", "UTC")).toBeNull();
    expect(customRange("2026-01-05", "2026-01-05", "UTC")).toEqual({ from: Date.UTC(2026, 0, 5), to: Date.UTC(2026, 0, 6) });
    expect(customRange("2024-01-01", "2026-01-01", "UTC")).toBeNull();
    expect(customRange("nope", "2026-01-01", "UTC")).toBeNull();
  });
});

describe("chart interval and liveness", () => {
  it("fits the span", () => {
    expect(intervalForRange({ from: 0, to: D + H })).toBe("15m");
    expect(intervalForRange({ from: 0, to: 7 * D })).toBe("hour");
    expect(intervalForRange({ from: 0, to: 31 * D })).toBe("day");
    expect(periodIncludesNow({ from: 0, to: 10 }, 5)).toBe(true);
    expect(periodIncludesNow({ from: 0, to: 10 }, 10)).toBe(false);
  });
});
