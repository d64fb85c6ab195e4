import { describe, expect, it } from "vitest";
import { ZERO_COUNTS } from "@/lib/kpi";
import { prepareSeries, type SeriesRow } from "@/lib/kpi/queries/series";
import { bucketStart } from "@/lib/time/buckets";
import { tzOffsetMs } from "@/lib/time/zone-offset";

const H = 3_600_000;
const M = 60_000;

function row(bucketMs: number, offered: number, answered = 0): SeriesRow {
  const { stateBusyMs: _b, stateAcwMs: _a, stateReadyMs: _r, ...contact } = ZERO_COUNTS;
  return { ...contact, bucketMs, offered, answered, answeredWithin: answered };
}

const opts = { variant: "answered_within_over_answered" } as const;

describe("time zone offsets", () => {
  it("reads the zone's offset at an instant", () => {
    expect(tzOffsetMs("Europe/London", Date.UTC(2026, 0, 15, 12))).toBe(0);
    expect(tzOffsetMs("Europe/London", Date.UTC(2026, 6, 15, 12))).toBe(H);
    expect(tzOffsetMs("America/New_York", Date.UTC(2026, 0, 15, 12))).toBe(-5 * H);
    expect(tzOffsetMs("Asia/Kolkata", Date.UTC(2026, 0, 15, 12))).toBe(5.5 * H);
  });
});

describe("gap-free series", () => {
  it("fills empty 15-minute intervals with zeros", () => {
    const from = Date.UTC(2026, 0, 5, 9, 0);
    const s = prepareSeries([row(from + 15 * M, 4, 3)], { ...opts, from, to: from + H, interval: "15m", tz: "UTC" });
    // 09:00, 09:15, 09:30, 09:45
    expect(s.points.map((p) => p.start)).toEqual([from, from + 15 * M, from + 30 * M, from + 45 * M]);
    expect(s.points.map((p) => p.end)).toEqual([from + 15 * M, from + 30 * M, from + 45 * M, from + H]);
    expect(s.points.map((p) => p.counts.offered)).toEqual([0, 4, 0, 0]);
    expect(s.points[0]?.counts).toEqual(ZERO_COUNTS);
    // 3 answered within / 3 answered in the busy interval; nothing to divide elsewhere
    expect(s.points.map((p) => p.kpis.service_level.value)).toEqual([null, 1, null, null]);
  });

  it("starts at the interval holding `from` when it is not aligned", () => {
    const from = Date.UTC(2026, 0, 5, 9, 7);
    const s = prepareSeries([], { ...opts, from, to: Date.UTC(2026, 0, 5, 11, 0), interval: "hour", tz: "UTC" });
    expect(s.points.map((p) => p.start)).toEqual([Date.UTC(2026, 0, 5, 9), Date.UTC(2026, 0, 5, 10)]);
  });

  it("has 23 hours on the London spring-forward day", () => {
    // Local midnight 29 March 2026 is 00:00Z (GMT); local midnight 30 March is 23:00Z on the 29th (BST).
    const from = Date.UTC(2026, 2, 29, 0);
    const to = Date.UTC(2026, 2, 29, 23);
    const s = prepareSeries([], { ...opts, from, to, interval: "hour", tz: "Europe/London" });
    expect(s.points).toHaveLength(23);
    // 00:00 GMT, then 02:00 BST (= 01:00Z): 01:00 local does not exist, and every bucket is one hour long
    expect(s.points[0]?.start).toBe(from);
    expect(s.points[1]?.start).toBe(Date.UTC(2026, 2, 29, 1));
    expect(s.points.every((p) => p.end - p.start === H)).toBe(true);
  });

  it("has 25 hours on the London fall-back day, the repeated 01:00 twice", () => {
    // Local midnight 25 October 2026 is 23:00Z on the 24th (BST); local midnight 26 October is 00:00Z (GMT).
    const from = Date.UTC(2026, 9, 24, 23);
    const to = Date.UTC(2026, 9, 26, 0);
    const s = prepareSeries([row(Date.UTC(2026, 9, 25, 1), 2)], { ...opts, from, to, interval: "hour", tz: "Europe/London" });
    expect(s.points).toHaveLength(25);
    // 01:00 BST is 00:00Z and 01:00 GMT is 01:00Z: two buckets, the second holding the row
    expect(s.points[1]?.start).toBe(Date.UTC(2026, 9, 25, 0));
    expect(s.points[2]?.start).toBe(Date.UTC(2026, 9, 25, 1));
    expect(s.points[2]?.counts.offered).toBe(2);
    expect(s.points.reduce((n, p) => n + p.counts.offered, 0)).toBe(2);
  });

  it("makes local days 24, 23 and 24 hours long across the London spring forward", () => {
    const from = Date.UTC(2026, 2, 28, 0); // Saturday 00:00 GMT
    const to = Date.UTC(2026, 2, 30, 23); // Tuesday 00:00 BST
    // a contact at 23:30Z on Sunday the 29th is 00:30 BST on Monday: Monday's bucket
    const monday = Date.UTC(2026, 2, 29, 23);
    expect(bucketStart(Date.UTC(2026, 2, 29, 23, 30), "day", "Europe/London")).toBe(monday);
    const s = prepareSeries([row(monday, 5)], { ...opts, from, to, interval: "day", tz: "Europe/London" });
    expect(s.points.map((p) => p.start)).toEqual([Date.UTC(2026, 2, 28, 0), Date.UTC(2026, 2, 29, 0), monday]);
    expect(s.points.map((p) => (p.end - p.start) / H)).toEqual([24, 23, 24]);
    expect(s.points.map((p) => p.counts.offered)).toEqual([0, 0, 5]);
  });

  it("makes the fall-back day 25 hours long", () => {
    const from = Date.UTC(2026, 9, 24, 23); // Sunday 25 October 00:00 BST
    const s = prepareSeries([], { ...opts, from, to: from + 25 * H, interval: "day", tz: "Europe/London" });
    expect(s.points).toHaveLength(1);
    expect(s.points[0]?.end).toBe(Date.UTC(2026, 9, 26, 0));
  });

  it("starts days at local midnight in a zone west of UTC", () => {
    // New York in January is UTC-5: local midnight is 05:00Z
    const from = Date.UTC(2026, 0, 5, 5);
    const to = Date.UTC(2026, 0, 8, 5);
    // a UTC-midnight period start still falls in the local day that began at 05:00Z the day before
    expect(bucketStart(Date.UTC(2026, 0, 6, 0), "day", "America/New_York")).toBe(from);
    const s = prepareSeries([row(Date.UTC(2026, 0, 6, 5), 7, 7)], { ...opts, from, to, interval: "day", tz: "America/New_York" });
    expect(s.points.map((p) => p.start)).toEqual([from, Date.UTC(2026, 0, 6, 5), Date.UTC(2026, 0, 7, 5)]);
    expect(s.points.map((p) => p.counts.offered)).toEqual([0, 7, 0]);
  });

  it("starts days at local midnight in a zone east of UTC, across its DST end", () => {
    // Sydney: AEDT (UTC+11) until 03:00 local on 5 April 2026, then AEST (UTC+10).
    // Local midnight 4 April = 13:00Z on the 3rd; 5 April = 13:00Z on the 4th; 6 April = 14:00Z on the 5th.
    const from = Date.UTC(2026, 3, 3, 13);
    const to = Date.UTC(2026, 3, 5, 14);
    const s = prepareSeries([], { ...opts, from, to, interval: "day", tz: "Australia/Sydney" });
    expect(s.points.map((p) => p.start)).toEqual([from, Date.UTC(2026, 3, 4, 13)]);
    expect(s.points.map((p) => (p.end - p.start) / H)).toEqual([24, 25]);
  });

  it("follows half-hour offsets for hourly buckets", () => {
    // Kolkata is UTC+5:30, so local hours start at :30 UTC (as ClickHouse's toStartOfInterval in the zone)
    const s = prepareSeries([], { ...opts, from: Date.UTC(2026, 0, 5, 10), to: Date.UTC(2026, 0, 5, 12), interval: "hour", tz: "Asia/Kolkata" });
    expect(s.points.map((p) => p.start)).toEqual([Date.UTC(2026, 0, 5, 9, 30), Date.UTC(2026, 0, 5, 10, 30), Date.UTC(2026, 0, 5, 11, 30)]);
  });

  it("keeps a bucket the database returned even if it is not one computed here", () => {
    const from = Date.UTC(2026, 0, 5, 9);
    const odd = from + 30 * M;
    const s = prepareSeries([row(odd, 1)], { ...opts, from, to: from + 2 * H, interval: "hour", tz: "UTC" });
    expect(s.points.map((p) => p.start)).toEqual([from, odd, from + H]);
    expect(s.points.reduce((n, p) => n + p.counts.offered, 0)).toBe(1);
  });
});
