import { describe, expect, it } from "vitest";
import { ingestTotals } from "@/lib/runtime/ingest-totals";

describe("what health says the process stored", () => {
  it("adds up every path and keeps the newest event's time", () => {
    const inProcess = { inserted: 10, deadLettered: 1, alreadyStored: 2, lastEventTime: 5_000 };
    const kafka = { inserted: 30, deadLettered: 4, alreadyStored: 0, lastEventTime: 9_000 };
    // 10 + 30 inserted, 1 + 4 dead-lettered, 2 + 0 already stored, max(5000, 9000).
    expect(ingestTotals([inProcess, kafka])).toEqual({ inserted: 40, deadLettered: 5, alreadyStored: 2, lastEventTime: 9_000 });
    expect(ingestTotals([])).toEqual({ inserted: 0, deadLettered: 0, alreadyStored: 0, lastEventTime: 0 });
  });
});
