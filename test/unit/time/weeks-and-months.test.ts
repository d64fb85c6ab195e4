import { describe, expect, it } from "vitest";
import { ZERO_COUNTS } from "@/lib/kpi";
import { prepareSeries, type SeriesRow } from "@/lib/kpi/queries/series";
import { bucketStart, bucketStarts, nextBucketStart } from "@/lib/time/buckets";
import { chartInterval, defaultInterval, offersGranularity } from "@/lib/time/granularity";

const H = 3_600_000;
const D = 24 * H;
const LONDON = "Europe/London";

function dayRow(bucketMs: number, offered: number, answered: number, answeredWithin: number): SeriesRow {
  const { stateBusyMs: _b, stateAcwMs: _a, stateReadyMs: _r, ...contact } = ZERO_COUNTS;
  return { ...contact, bucketMs, offered, answered, answeredWithin };
}

describe("week buckets", () => {
  it("start on Monday at local midnight, also in the week clocks go forward", () => {
    // Sunday 29 March 2026, 12:00 BST: British Summer Time began at 01:00 UTC that day.
    expect(bucketStart(Date.UTC(2026, 2, 29, 11), "week", LONDON)).toBe(Date.UTC(2026, 2, 23));
    // The next week starts Monday 30 March at 00:00 BST = 29 March 23:00 UTC: 167 hours later.
    expect(nextBucketStart(Date.UTC(2026, 2, 23), "week", LONDON)).toBe(Date.UTC(2026, 2, 29, 23));
    // A Monday is its own week's start; Sunday 23:59 local belongs to the week before.
    expect(bucketStart(Date.UTC(2026, 2, 29, 23), "week", LONDON)).toBe(Date.UTC(2026, 2, 29, 23));
    expect(bucketStart(Date.UTC(2026, 2, 29, 22, 59), "week", LONDON)).toBe(Date.UTC(2026, 2, 23));
  });

  it("start on the viewer's Monday, not UTC's", () => {
    // Monday 6 April 2026 at 01:00 in Sydney (AEST, +10) is still Sunday 5 April in UTC.
    expect(bucketStart(Date.UTC(2026, 3, 5, 15), "week", "Australia/Sydney")).toBe(Date.UTC(2026, 3, 5, 14));
  });
});

describe("month buckets", () => {
  it("start on the 1st at local midnight across month ends and DST", () => {
    expect(bucketStart(Date.UTC(2026, 1, 28, 23, 59), "month", LONDON)).toBe(Date.UTC(2026, 1, 1));
    // 1 April 00:00 BST is 31 March 23:00 UTC: still March in UTC, already April in London.
    expect(bucketStart(Date.UTC(2026, 2, 31, 23, 30), "month", LONDON)).toBe(Date.UTC(2026, 2, 31, 23));
    expect(bucketStarts(Date.UTC(2026, 0, 15), Date.UTC(2026, 4, 1), "month", LONDON)).toEqual([
      Date.UTC(2026, 0, 1),
      Date.UTC(2026, 1, 1),
      Date.UTC(2026, 2, 1),
      Date.UTC(2026, 2, 31, 23),
      Date.UTC(2026, 3, 30, 23),
    ]);
    // 31 January to the 1st of February, a leap year's February to March.
    expect(nextBucketStart(Date.UTC(2028, 0, 1), "month", "UTC")).toBe(Date.UTC(2028, 1, 1));
    expect(nextBucketStart(Date.UTC(2028, 1, 1), "month", "UTC")).toBe(Date.UTC(2028, 2, 1));
  });
});

describe("a weekly series", () => {
  it("sums the store's local days into weeks and recomputes service level from the sums", () => {
    // Wednesday 25 March to Wednesday 8 April 2026, London: days across the DST change.
    const from = Date.UTC(2026, 2, 25);
    const to = Date.UTC(2026, 3, 7, 23);
    const rows = [
      dayRow(Date.UTC(2026, 2, 25), 10, 10, 9), // Wed, week of 23 March
      dayRow(Date.UTC(2026, 2, 29), 10, 10, 1), // Sun (GMT midnight), same week
      dayRow(Date.UTC(2026, 2, 29, 23), 20, 20, 20), // Mon 30 March 00:00 BST: next week
      dayRow(Date.UTC(2026, 3, 6, 23), 5, 5, 0), // Tue 7 April 00:00 BST: the week of 6 April
    ];
    const s = prepareSeries(rows, { variant: "answered_within_over_answered", from, to, interval: "week", tz: LONDON });
    expect(s.points.map((p) => [p.start, p.end, p.counts.offered])).toEqual([
      [Date.UTC(2026, 2, 23), Date.UTC(2026, 2, 29, 23), 20],
      [Date.UTC(2026, 2, 29, 23), Date.UTC(2026, 3, 5, 23), 20],
      [Date.UTC(2026, 3, 5, 23), Date.UTC(2026, 3, 12, 23), 5],
    ]);
    // (9 + 1) within of 20 answered, not the mean of 90% and 10%.
    expect(s.points[0]?.kpis.service_level.value).toBe(0.5);
  });
});

describe("granularity", () => {
  it("is offered beyond a week, and defaults by span", () => {
    expect(defaultInterval({ from: 0, to: D })).toBe("15m");
    expect(defaultInterval({ from: 0, to: 7 * D })).toBe("hour");
    expect(offersGranularity({ from: 0, to: 7 * D })).toBe(false);
    expect(defaultInterval({ from: 0, to: 31 * D })).toBe("day");
    expect(defaultInterval({ from: 0, to: 62 * D })).toBe("day");
    expect(defaultInterval({ from: 0, to: 63 * D })).toBe("week");
    expect(defaultInterval({ from: 0, to: 190 * D })).toBe("week");
    expect(defaultInterval({ from: 0, to: 400 * D })).toBe("month");
  });

  it("keeps a choice from the URL only where it is offered", () => {
    expect(chartInterval({ from: 0, to: 400 * D }, "day")).toBe("day");
    expect(chartInterval({ from: 0, to: 30 * D }, "month")).toBe("month");
    expect(chartInterval({ from: 0, to: D }, "month")).toBe("15m");
    expect(chartInterval({ from: 0, to: 400 * D }, "fortnight")).toBe("month");
  });
});
