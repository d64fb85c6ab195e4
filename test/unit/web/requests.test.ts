import { describe, expect, it } from "vitest";
import { agentRequests } from "@/lib/views/agent-requests";
import { contactsRequest } from "@/lib/views/contacts-request";
import { dashboardRequests } from "@/lib/views/dashboard-requests";
import { trendsRequests } from "@/lib/views/trends-requests";
import { parseViewParams } from "@/lib/views/view-params";
import { apiQueryKey } from "@/lib/query-options/api-query";
import type { QueueInfo } from "@/lib/directory/list-queues";

const now = Date.UTC(2026, 0, 14, 15, 30);
const view = (qs: string) => parseViewParams(new URLSearchParams(qs));
const queues: QueueInfo[] = [
  {
    id: "vip",
    name: "VIP",
    slThresholdS: 10,
    slVariant: "answered_abandoned_within_over_offered",
    shortAbandonS: 5,
    shortAbandonRule: "below",
    maxWaitS: 0,
    slTargetPct: 80,
    definitionVersion: 2,
  },
];

describe("a dashboard's requests", () => {
  it("compare a running day with yesterday at the same time, in 15-minute intervals", () => {
    const r = dashboardRequests({ view: view(""), now, tz: "UTC", queues });
    expect(r.live).toBe(true);
    expect(r.interval).toBe("15m");
    expect(r.summary).toMatchObject({ from: Date.UTC(2026, 0, 14), to: Date.UTC(2026, 0, 15), queue: [], team: [] });
    expect(r.previous).toMatchObject({ from: Date.UTC(2026, 0, 13), to: Date.UTC(2026, 0, 13, 15, 30) });
  });

  it("judge one queue by its own variant unless the view picks another; a queue page always by its own", () => {
    expect(dashboardRequests({ view: view("queue=vip"), now, tz: "UTC", queues }).variant).toBe("answered_abandoned_within_over_offered");
    expect(dashboardRequests({ view: view("queue=vip&sl=answered_within_over_answered_abandoned"), now, tz: "UTC", queues }).variant).toBe(
      "answered_within_over_answered_abandoned",
    );
    const page = dashboardRequests({ view: view("sl=answered_within_over_answered_abandoned&queue=other"), now, tz: "UTC", queues, queueId: "vip" });
    expect(page.queueIds).toEqual(["vip"]);
    expect(page.variant).toBe("answered_abandoned_within_over_offered");
  });

  it("build the same key whatever the order of filter values", () => {
    expect(apiQueryKey("/api/kpi/summary", { from: 1, to: 2, queue: ["b", "a"], team: ["y", "x"] })).toEqual(
      apiQueryKey("/api/kpi/summary", { from: 1, to: 2, queue: ["a", "b"], team: ["x", "y"] }),
    );
  });

  it("for trends, bucket by the period's length", () => {
    const r = trendsRequests({ view: view("period=last_month"), now, tz: "UTC", queues });
    expect(r.series.interval).toBe("day");
    expect(r.heatmap).toMatchObject({ from: Date.UTC(2025, 11, 1), to: Date.UTC(2026, 0, 1), tz: "UTC" });
  });
});

describe("the contacts page's request", () => {
  it("takes an explain link's exact range over the view's period", () => {
    const p = new URLSearchParams("from=1000&to=2000&queue=q1&agent=a1&filter=held&sort=hold_ms&dir=asc&page=3");
    const c = contactsRequest({ params: p, view: parseViewParams(p), now, tz: "UTC" });
    expect(c.explicit).toBe(true);
    expect(c.req).toEqual({
      from: 1000,
      to: 2000,
      queue: ["q1"],
      team: [],
      agent: ["a1"],
      filter: "held",
      sort: "hold_ms",
      dir: "asc",
      limit: 50,
      offset: 100,
    });
  });

  it("falls back to the period and safe defaults", () => {
    const p = new URLSearchParams("period=yesterday&from=2000&to=1000&filter=nope&sort=caller&page=-2");
    const c = contactsRequest({ params: p, view: parseViewParams(p), now, tz: "UTC" });
    expect(c.explicit).toBe(false);
    expect(c.req).toMatchObject({ from: Date.UTC(2026, 0, 13), filter: "all", sort: "queued_at", dir: "desc", offset: 0 });
  });
});

describe("an agent page's requests", () => {
  it("show the period's last begun day unless the URL names one", () => {
    const r = agentRequests({ agentId: "a1", view: view("period=this_week"), day: null, now, tz: "UTC" });
    expect(r.day).toBe("2026-01-14");
    expect(r.timeline).toEqual({ agent: "a1", from: Date.UTC(2026, 0, 14), to: Date.UTC(2026, 0, 15) });
    expect(r.agents).toMatchObject({ agent: ["a1"], team: [], from: Date.UTC(2026, 0, 12) });
    const chosen = agentRequests({ agentId: "a1", view: view("period=last_week"), day: "2026-01-06", now, tz: "UTC" });
    expect(chosen.timeline.from).toBe(Date.UTC(2026, 0, 6));
    expect(agentRequests({ agentId: "a1", view: view("period=last_week"), day: "junk", now, tz: "UTC" }).day).toBe("2026-01-11");
  });
});
