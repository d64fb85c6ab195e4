import { describe, expect, it } from "vitest";
import { initialRuntimeStatus, type RuntimeStatus } from "@/lib/runtime/status";
import { backfillProgress } from "@/lib/query-options/health";
import type { Health } from "@/lib/runtime/health";
import { backfillStatus } from "@/server/backfill-status";

const DAY = 86_400_000;
const progressOf = (status: RuntimeStatus) => backfillProgress({ backfill: status.backfill } as Health);

describe("backfill status", () => {
  it("fills what the backfill banner reads, and logs each tenth", () => {
    let clock = 1_000;
    const status = initialRuntimeStatus();
    const log: string[] = [];
    const reporter = backfillStatus(
      status,
      (l) => log.push(l),
      () => clock,
    );
    const from = Date.UTC(2026, 0, 1);
    reporter.started(from, from + 2 * DAY);
    expect(status.backfill).toEqual({ state: "running", fromTime: from, toTime: from + 2 * DAY, simulatedUntil: from, events: 0, startedAt: 1_000 });
    expect(progressOf(status)).toBe(0);

    clock += 2_000;
    reporter.advanced(from + DAY / 4, from + 2 * DAY + 5, 10_000);
    reporter.advanced(from + DAY / 2, from + 2 * DAY + 9, 20_000);
    expect(progressOf(status)).toBeCloseTo(0.25, 6);
    expect(status.backfill).toMatchObject({ state: "running", events: 20_000, simulatedUntil: from + DAY / 2 });

    clock += 2_000;
    reporter.finished(80_000);
    expect(status.backfill).toEqual({ state: "done", events: 80_000, seconds: 4 });
    expect(log).toEqual([
      "filling 2.0 days of history from 2026-01-01T00:00:00.000Z",
      "history 12% (10,000 events, 5,000/s)",
      "history 25% (20,000 events, 10,000/s)",
      "history ready, 80,000 events in 4.0 s; now running live",
    ]);
  });

  it("says why it failed", () => {
    const status = initialRuntimeStatus();
    backfillStatus(status, () => undefined).failed(new Error("store down"));
    expect(status.backfill).toEqual({ state: "failed", error: "store down" });
  });
});
