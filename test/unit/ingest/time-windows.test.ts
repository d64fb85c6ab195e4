import { describe, expect, it } from "vitest";
import { timeWindows } from "@/ingest/pipeline/store-writer";

describe("timeWindows", () => {
  it("splits at gaps over a minute and merges close times", () => {
    expect(timeWindows([5000, 0, 200_000, 230_000])).toEqual([
      [0, 5000],
      [200_000, 230_000],
    ]);
    expect(timeWindows([])).toEqual([]);
  });
});
