import { describe, expect, it } from "vitest";
import { timeWindows } from "@/ingest/pipeline/store-writer";
import { lookupKeys, type ParsedBatch } from "@/ingest/pipeline/batch";

describe("timeWindows", () => {
  it("splits at gaps over a minute and merges close times", () => {
    expect(timeWindows([5000, 0, 200_000, 230_000])).toEqual([
      [0, 5000],
      [200_000, 230_000],
    ]);
    expect(timeWindows([])).toEqual([]);
  });

  it("gives the same windows for times already in order (no sort) as for the same times shuffled", () => {
    const times = [0, 5000, 70_000, 200_000, 230_000, 400_000];
    const shuffled = [230_000, 0, 400_000, 70_000, 5000, 200_000];
    expect(timeWindows(times)).toEqual(timeWindows(shuffled));
    expect(timeWindows(times)).toEqual([
      [0, 5000],
      [70_000, 70_000],
      [200_000, 230_000],
      [400_000, 400_000],
    ]);
  });
});

describe("lookupKeys", () => {
  it("reads tenant, time and id from values not yet validated, leaving out those without them", () => {
    const message = { payload: new Uint8Array(), origin: { source: "test" } };
    const parsed: ParsedBatch = {
      values: [
        { message, value: { tenantId: "t", time: 5, id: "a", type: "anything" } },
        { message, value: { tenantId: "t", time: "noon", id: "b" } },
        { message, value: { tenantId: 7, time: 5, id: "c" } },
        { message, value: [1, 2] },
        { message, value: null },
        { message, value: { tenantId: "t", time: Number.POSITIVE_INFINITY, id: "d" } },
      ],
      deadLetters: [],
    };
    expect(lookupKeys(parsed)).toEqual([{ tenant_id: "t", time: 5, event_id: "a" }]);
  });
});
