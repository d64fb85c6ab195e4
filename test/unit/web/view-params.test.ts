import { describe, expect, it } from "vitest";
import { parseViewParams, recordSource, viewHref, viewQuery, viewRange } from "@/lib/views/view-params";

const src = (qs: string) => new URLSearchParams(qs);

describe("view parameters in the URL", () => {
  it("parse with defaults and keep lists", () => {
    expect(parseViewParams(src(""))).toEqual({ period: "today", queueIds: [], teamIds: [], variant: undefined });
    expect(parseViewParams(src("period=last_week&queue=a&queue=b&queue=a&team=t1&sl=answered_abandoned_within_over_offered"))).toEqual({
      period: "last_week",
      queueIds: ["a", "b"],
      teamIds: ["t1"],
      variant: "answered_abandoned_within_over_offered",
    });
  });

  it("ignore unknown values rather than fail", () => {
    expect(parseViewParams(src("period=fortnight&sl=median&queue="))).toEqual({ period: "today", queueIds: [], teamIds: [], variant: undefined });
    // A custom period without two valid days is no period.
    expect(parseViewParams(src("period=custom&start=2026-01-05")).period).toBe("today");
    expect(parseViewParams(src("period=custom&start=2026-01-05&end=2026-13-01")).period).toBe("today");
  });

  it("write only what differs from the defaults, and read back the same", () => {
    const view = parseViewParams(src("period=custom&start=2026-01-05&end=2026-01-07&team=t1"));
    expect(viewQuery(view)).toEqual([
      ["period", "custom"],
      ["start", "2026-01-05"],
      ["end", "2026-01-07"],
      ["team", "t1"],
    ]);
    expect(parseViewParams(src(new URLSearchParams(viewQuery(view)).toString()))).toEqual(view);
    expect(viewHref("/queues", view, [["sort", "offered"]])).toBe("/queues?period=custom&start=2026-01-05&end=2026-01-07&team=t1&sort=offered");
    expect(viewHref("/", parseViewParams(src("")))).toBe("/");
  });

  it("read a server page's searchParams the same way", () => {
    const view = parseViewParams(recordSource({ period: "yesterday", queue: ["q1", "q2"], team: "t" }));
    expect(view).toMatchObject({ period: "yesterday", queueIds: ["q1", "q2"], teamIds: ["t"] });
  });

  it("resolve to a range in the viewer's zone", () => {
    const now = Date.UTC(2026, 0, 14, 12);
    expect(viewRange(parseViewParams(src("period=custom&start=2026-01-05&end=2026-01-06")), now, "UTC")).toEqual({
      from: Date.UTC(2026, 0, 5),
      to: Date.UTC(2026, 0, 7),
    });
    expect(viewRange(parseViewParams(src("")), now, "UTC")).toEqual({ from: Date.UTC(2026, 0, 14), to: Date.UTC(2026, 0, 15) });
  });
});
