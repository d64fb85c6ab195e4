import { describe, expect, it } from "vitest";
import { Membership, type MembershipState } from "@/ingest/kafka/membership";

/** A member's place in its group, as readiness and /api/health show it, through a life of rebalances and a crash. */
describe("Membership", () => {
  it("starts, consumes, shows each gap from its first cause, and counts rejoins and rebuilds", () => {
    let t = 1_000;
    const seen: MembershipState[] = [];
    const m = new Membership(
      () => t,
      (s) => seen.push(s),
    );
    expect(m.current).toEqual({ state: "starting", since: 1_000, rejoins: 0, restarts: 0 });

    t = 2_000;
    m.joined(); // the first join is not a rejoin
    expect(m.current).toEqual({ state: "consuming", since: 2_000, rejoins: 0, restarts: 0 });

    t = 3_000;
    m.left("the group is rebalancing");
    t = 3_500;
    // A second report during the same gap (the client restarting itself) keeps the gap's start and first cause.
    m.left("The coordinator is not aware of this member");
    expect(m.current).toEqual({ state: "rejoining", since: 3_000, rejoins: 0, restarts: 0, cause: "the group is rebalancing" });

    t = 4_000;
    m.joined();
    expect(m.current).toEqual({ state: "consuming", since: 4_000, rejoins: 1, restarts: 0 });

    t = 5_000;
    m.left("boom", true); // the client gave up: a rebuild
    t = 6_000;
    m.joined();
    expect(m.current).toEqual({ state: "consuming", since: 6_000, rejoins: 2, restarts: 1 });
    expect(seen.map((s) => s.state)).toEqual(["consuming", "rejoining", "rejoining", "consuming", "rejoining", "consuming"]);
  });
});
