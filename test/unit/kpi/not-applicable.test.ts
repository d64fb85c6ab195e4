import { describe, expect, it } from "vitest";
import { KPI_IDS, ZERO_COUNTS, computeKpis, summarise, type KpiCounts } from "@/lib/kpi";
import { filterScope, inputCounts, notApplicable } from "@/lib/kpi/not-applicable";
import { kpiDefinition } from "@/lib/kpi/definitions";

/** A team's day: its agents answered 10 calls, 8 within 20 s, 30 s of wait in all; the centre also had abandons. */
const team: KpiCounts = {
  ...ZERO_COUNTS,
  offered: 10,
  answered: 10,
  answeredWithin: 8,
  answeredWaitMsSum: 30_000,
  waitMsSum: 30_000,
  waitMsMax: 9_000,
  handled: 10,
  talkMsSum: 1_000_000,
};

describe("not applicable with a team filter", () => {
  it("takes out exactly the KPIs built on calls nobody answered", () => {
    const na = KPI_IDS.filter((id) => notApplicable(id, "answered_within_over_answered", "team") !== null);
    expect(na.sort()).toEqual(
      ["abandon_rate", "abandon_rate_excl_short", "abandoned", "avg_wait", "in_progress", "longest_wait", "lost", "short_abandoned", "timed_out"].sort(),
    );
  });

  it("gives the value null, drops the inputs, and says why in plain words", () => {
    const k = computeKpis(team, "answered_within_over_answered", "team");
    expect(k.abandon_rate.value).toBeNull();
    expect(k.abandon_rate.numerator).toBeUndefined();
    expect(k.abandon_rate.denominator).toBeUndefined();
    expect(k.abandon_rate.notApplicable?.reason).toMatch(/^Not applicable with a team filter: .*never answered by an agent, so they belong to no team\.$/);
    // 8 of 10 answered within T, 30 s over 10 answered: still the team's own numbers.
    expect(k.service_level.value).toBe(0.8);
    expect(k.asa.value).toBe(3_000);
    expect(k.answered.value).toBe(10);
    expect(k.offered.notApplicable).toBeUndefined();
  });

  it("takes out a service-level variant that counts abandons, and says which variant applies", () => {
    expect(notApplicable("service_level", "answered_within_over_answered", "team")).toBeNull();
    for (const v of [
      "answered_within_over_answered_abandoned",
      "answered_within_over_answered_abandoned_minus_short",
      "answered_abandoned_within_over_offered",
    ] as const) {
      expect(notApplicable("service_level", v, "team")?.reason, v).toContain('"answered within T / answered" applies');
    }
  });

  it("speaks of one agent per agent, and of nothing without a team filter", () => {
    expect(notApplicable("timed_out", undefined, "agent")?.reason).toMatch(/^Not applicable for one agent: .* belong to no agent\.$/);
    expect(notApplicable("timed_out", undefined, null)).toBeNull();
    expect(filterScope([])).toBeNull();
    expect(filterScope(["team-sales"])).toBe("team");
    expect(computeKpis(team).abandon_rate.value).toBe(0);
  });

  it("keeps the definition version beside the reason in a summary", () => {
    const s = summarise(team, "answered_within_over_answered", "team");
    expect(s.timed_out).toEqual({ value: null, version: 1, notApplicable: { reason: expect.stringContaining("team filter") } });
  });

  it("reads the inputs from the definition", () => {
    expect(inputCounts(kpiDefinition("abandon_rate_excl_short").inputs).sort()).toEqual(
      ["abandoned", "inProgress", "lost", "offered", "shortAbandoned", "shortAbandoned"].sort(),
    );
    expect(inputCounts(kpiDefinition("longest_wait").inputs)).toEqual(["waitMsMax", "offered"]);
  });
});
