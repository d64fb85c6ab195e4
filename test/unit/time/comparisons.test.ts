import { describe, expect, it } from "vitest";
import { comparisonRange, comparisonText, parseComparison, weekBefore, yearBefore } from "@/lib/time/comparisons";

const LONDON = "Europe/London";

describe("comparison windows", () => {
  it("same day last week keeps the wall clock across a DST change", () => {
    // Thursday 2 April 2026 (BST) 00:00 local = 1 April 23:00 UTC; a week earlier is 26 March 00:00 GMT.
    const today = { from: Date.UTC(2026, 3, 1, 23), to: Date.UTC(2026, 3, 2, 23) };
    expect(comparisonRange("week", "today", today, Date.UTC(2027, 0, 1), LONDON)).toEqual({ from: Date.UTC(2026, 2, 26), to: Date.UTC(2026, 2, 27) });
  });

  it("a running day is compared up to the same time of day", () => {
    const today = { from: Date.UTC(2026, 0, 15), to: Date.UTC(2026, 0, 16) };
    const now = Date.UTC(2026, 0, 15, 10, 30);
    expect(comparisonRange("week", "today", today, now, "UTC")).toEqual({ from: Date.UTC(2026, 0, 8), to: Date.UTC(2026, 0, 8, 10, 30) });
    expect(comparisonRange("year", "today", today, now, "UTC")).toEqual({ from: Date.UTC(2025, 0, 15), to: Date.UTC(2025, 0, 15, 10, 30) });
  });

  it("same period last year is the same calendar dates, 29 February as the 28th", () => {
    // March 2026 in London: 1 March 00:00 GMT to 1 April 00:00 BST.
    const march = { from: Date.UTC(2026, 2, 1), to: Date.UTC(2026, 2, 31, 23) };
    expect(comparisonRange("year", "this_month", march, Date.UTC(2027, 0, 1), LONDON)).toEqual({ from: Date.UTC(2025, 2, 1), to: Date.UTC(2025, 2, 31, 23) });
    expect(yearBefore(Date.UTC(2028, 1, 29, 12), "UTC")).toBe(Date.UTC(2027, 1, 28, 12));
    expect(weekBefore(Date.UTC(2026, 0, 5, 9), "America/New_York")).toBe(Date.UTC(2025, 11, 29, 9));
  });

  it("previous period stays the default", () => {
    const yesterday = { from: Date.UTC(2026, 0, 14), to: Date.UTC(2026, 0, 15) };
    expect(comparisonRange("prev", "yesterday", yesterday, Date.UTC(2026, 0, 15, 9), "UTC")).toEqual({ from: Date.UTC(2026, 0, 13), to: Date.UTC(2026, 0, 14) });
    expect(parseComparison(null)).toBe("prev");
    expect(parseComparison("week")).toBe("week");
    expect(parseComparison("decade")).toBe("prev");
  });

  it("names what the change is measured against", () => {
    expect(comparisonText("week", "today", true)).toBe("the same day last week at the same point");
    expect(comparisonText("week", "last7", false)).toBe("the same days a week earlier");
    expect(comparisonText("year", "last_month", false)).toBe("the same period last year");
    expect(comparisonText("prev", "yesterday", false)).toBe("the day before");
  });
});
