import { describe, expect, it } from "vitest";
import { emptyRecentIds, hasRecent, RecentIdsDraft } from "@/lib/live/recent-ids";

describe("recent ids", () => {
  it("remember at least the capacity of most recent ids and forget older ones, never changing their input", () => {
    let r = emptyRecentIds(100, 10);
    for (let batch = 0; batch < 50; batch++) {
      const before = r;
      const frozen = [...before.newest];
      const d = new RecentIdsDraft(r);
      for (let i = 0; i < 7; i++) d.add(`id-${batch * 7 + i}`);
      r = d.done();
      expect([...before.newest]).toEqual(frozen);
    }
    // 350 ids added: the last 100 are surely known, the first ones long gone.
    for (let i = 250; i < 350; i++) expect(hasRecent(r, `id-${i}`)).toBe(true);
    expect(hasRecent(r, "id-0")).toBe(false);
    expect(r.generations.length).toBeLessThanOrEqual(10);
  });

  it("returns its input when a batch adds nothing", () => {
    const r = emptyRecentIds(10);
    expect(new RecentIdsDraft(r).done()).toBe(r);
  });
});
