import { describe, expect, it } from "vitest";
import { searchWindow } from "@/lib/recordings/import/find-call";

describe("the time window a recording file's call is looked for in", () => {
  it("is whole milliseconds around a real file's sub-millisecond mtime, 12 h before to 15 min after", () => {
    const w = searchWindow(1_796_618_716_123.456);
    expect(Number.isInteger(w.from) && Number.isInteger(w.to)).toBe(true);
    expect(w).toEqual({ from: 1_796_618_716_123 - 12 * 3_600_000, to: 1_796_618_716_124 + 15 * 60_000 });
  });
});
