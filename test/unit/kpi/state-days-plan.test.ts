import { describe, expect, it } from "vitest";
import { dayRanges, planDays, splitWholeDays } from "@/lib/kpi/queries/state-days";

const DAY = 86_400_000;
const H = 3_600_000;
const D0 = Date.UTC(2026, 2, 2); // a Monday, UTC midnight

describe("splitting a period into whole UTC days", () => {
  it("keeps the parts outside whole days as edges", () => {
    expect(splitWholeDays(D0, D0 + 3 * DAY)).toEqual({ first: D0 / DAY, end: D0 / DAY + 3, edges: [] });
    expect(splitWholeDays(D0 - H, D0 + 2 * DAY + 5 * H)).toEqual({
      first: D0 / DAY,
      end: D0 / DAY + 2,
      edges: [
        { from: D0 - H, to: D0 },
        { from: D0 + 2 * DAY, to: D0 + 2 * DAY + 5 * H },
      ],
    });
    // Less than a whole day: all edge.
    expect(splitWholeDays(D0 + H, D0 + 20 * H)).toEqual({ first: D0 / DAY + 1, end: D0 / DAY + 1, edges: [{ from: D0 + H, to: D0 + 20 * H }] });
  });

  it("joins adjacent days into one range", () => {
    const d = D0 / DAY;
    expect(dayRanges([d + 3, d, d + 1])).toEqual([
      { from: D0, to: D0 + 2 * DAY },
      { from: D0 + 3 * DAY, to: D0 + 4 * DAY },
    ]);
  });

  it("uses a day's totals only when computed after its last piece arrived, with the margin", () => {
    const today = D0 / DAY + 10;
    const now = today * DAY + 9 * H; // 09:00 on `today`
    const m = 60_000;
    const plan = planDays(
      [
        { day: today - 5, touchedMs: now - 5 * DAY, done: { fillId: "f1", computedMs: now - 4 * DAY } }, // computed well after: cached
        { day: today - 4, touchedMs: now - 4 * DAY + 30_000, done: { fillId: "f2", computedMs: now - 4 * DAY + 60_000 } }, // touched inside the margin before the fill: refill
        { day: today - 3, touchedMs: now - 3 * DAY }, // never computed, quiet: fill
        { day: today - 1, touchedMs: now - 20_000 }, // a late piece is still arriving: read directly
        { day: today - 2, touchedMs: now - DAY, done: { fillId: "f5", computedMs: now - 2 * DAY } }, // touched after the fill: refill
        { day: today, touchedMs: now - 10 * m }, // today is not over: read directly, never cached
      ],
      now,
      m,
    );
    expect(plan).toEqual({ cached: [{ day: today - 5, fillId: "f1" }], fill: [today - 4, today - 3, today - 2], direct: [today - 1, today] });
  });
});
