import { describe, expect, it } from "vitest";
import { freshness } from "@/components/wallboard/tv-freshness";

const T = 1_800_000_000_000;

describe("a TV board's freshness", () => {
  it("is fresh while messages keep coming", () => {
    expect(freshness({ status: "live", lastMessageAt: T - 10_000, downSince: null }, T, 10_000)).toEqual({ stale: false });
  });
  it("is stale after the limit with no message, saying for how long", () => {
    expect(freshness({ status: "live", lastMessageAt: T - 12_500, downSince: null }, T, 10_000)).toEqual({ stale: true, reason: "silent", forSeconds: 12 });
  });
  it("is stale at once when the connection is down, counted from the drop", () => {
    expect(freshness({ status: "reconnecting", lastMessageAt: T - 30_000, downSince: T - 3_000 }, T, 10_000)).toEqual({ stale: true, reason: "down", forSeconds: 3 });
  });
  it("has no duration before the first message", () => {
    expect(freshness({ status: "connecting", lastMessageAt: null, downSince: null }, T, 10_000)).toEqual({ stale: true, reason: "down", forSeconds: null });
  });
});
