import { describe, expect, it } from "vitest";
import { urlProblems } from "@/lib/views/url-problems";
import { parseViewParams, viewRange } from "@/lib/views/view-params";

const src = (qs: string) => new URLSearchParams(qs);
const messages = (qs: string, ctx = {}) => urlProblems(src(qs), ctx).map((p) => p.message);

describe("what a page says about its address", () => {
  it("nothing when the address is all honoured", () => {
    expect(urlProblems(src(""))).toEqual([]);
    expect(urlProblems(src("period=custom&start=2026-01-05&end=2026-01-07&queue=sales"), { known: { queues: ["sales"] } })).toEqual([]);
    // 2025-01-01 to 2026-02-04 both included is 365 + 35 = 400 days: the longest allowed.
    expect(urlProblems(src("period=custom&start=2025-01-01&end=2026-02-04"))).toEqual([]);
  });

  it("an unknown period, naming it, and showing Today instead", () => {
    expect(messages("period=garbage")).toEqual(["The address asks for the period “garbage”, which is not one this page knows. Showing Today instead."]);
    expect(parseViewParams(src("period=garbage")).period).toBe("today");
  });

  it("a custom period ending before it starts, or longer than 400 days, is not shown as Custom", () => {
    expect(messages("period=custom&start=2026-01-05&end=2026-01-03")).toEqual([
      "The custom period in the address ends on 2026-01-03, before it starts on 2026-01-05. Showing Today instead.",
    ]);
    expect(messages("period=custom&start=2025-01-01&end=2026-02-05")).toEqual([
      "The custom period in the address, 2025-01-01 to 2026-02-05, spans 401 days; the longest is 400. Showing Today instead.",
    ]);
    expect(parseViewParams(src("period=custom&start=2026-01-05&end=2026-01-03")).period).toBe("today");
    expect(parseViewParams(src("period=custom&start=2025-01-01&end=2026-02-05")).period).toBe("today");
    expect(parseViewParams(src("period=custom&start=2025-01-01&end=2026-02-04")).period).toBe("custom");
    // What "instead" means: Today's window, at 12:00 UTC on 14 Jan 2026.
    expect(viewRange(parseViewParams(src("period=custom&start=2026-01-05&end=2026-01-03")), Date.UTC(2026, 0, 14, 12), "UTC")).toEqual({
      from: Date.UTC(2026, 0, 14),
      to: Date.UTC(2026, 0, 15),
    });
  });

  it("a custom period with a missing or malformed day names which", () => {
    expect(messages("period=custom&start=garbage")).toEqual([
      "The address asks for a custom period with a first day “garbage” that is not a date and no last day (end) (dates are written YYYY-MM-DD). Showing Today instead.",
    ]);
  });

  it("a from/to range: read by the contacts page when it is two instants in order, said to be ignored elsewhere", () => {
    expect(messages("from=garbage", { explicitRange: true })).toEqual([
      "The range in the address (from “garbage” to “”) is not two instants in order. Showing Today instead.",
    ]);
    expect(messages("period=yesterday&from=200&to=100", { explicitRange: true })).toEqual([
      "The range in the address (from “200” to “100”) is not two instants in order. Showing Yesterday instead.",
    ]);
    expect(messages("from=100&to=200", { explicitRange: true })).toEqual([]);
    expect(messages("from=garbage")).toEqual(["This page does not take a from/to range; it shows Today instead."]);
  });

  it("queue and team filters naming nothing the viewer can see, once the directory is known", () => {
    const known = { queues: ["sales", "support"], teams: ["t1"] };
    expect(messages("queue=sales&queue=nope&team=t9", { known })).toEqual([
      "There is no queue “nope” among those you can see, so nothing below matches it.",
      "There is no team “t9” among those you can see, so nothing below matches it.",
    ]);
    // Before the directory has loaded nothing is claimed missing.
    expect(messages("queue=nope")).toEqual([]);
    expect(urlProblems(src("queue=sales&queue=nope"), { known }).map((p) => p.remove)).toEqual([[{ key: "queue", value: "nope" }]]);
  });

  it("an agent filter naming no agent the viewer can see, once the agents are known", () => {
    const known = { agents: ["agent-1001", "agent-1002"] };
    expect(messages("agent=agent-1001&agent=agent-9999", { known })).toEqual(["There is no agent “agent-9999” among those you can see, so nothing below matches it."]);
    expect(urlProblems(src("agent=agent-1001&agent=agent-9999"), { known }).map((p) => p.remove)).toEqual([[{ key: "agent", value: "agent-9999" }]]);
    expect(messages("agent=agent-9999")).toEqual([]);
  });

  it("an empty or over-long agent filter, and an unknown service-level variant", () => {
    expect(messages(`agent=${"a".repeat(129)}&sl=median`)).toEqual([
      "The address asks for the service-level variant “median”, which is not one this page knows. Showing each queue's own.",
      "The address has an empty or over-long agent filter; it is ignored.",
    ]);
  });
});
