import { describe, expect, it } from "vitest";
import { CONTACT_FILTERS } from "@/lib/kpi/contact-filters";
import { KPI_DEFINITIONS, KPI_IDS, SL_VARIANTS, ZERO_COUNTS, addCounts, computeKpis, kpiDefinition, kpiParts, kpiValue, type KpiCounts } from "@/lib/kpi";

/**
 * A hand-built period. Every expected number below is worked out by hand from the
 * contact list in this comment, not from the code under test.
 *
 * 10 offered:
 *   7 answered, waits 2, 5, 8, 12, 20 s (within 20 s: 5 of them, 20 s counts as within) and 30, 45 s
 *   2 abandoned, waits 3 s (short: < 5 s) and 15 s (long); both within 20 s
 *   1 timed out, wait 60 s
 *   waits: answered 2+5+8+12+20+30+45 = 122 s; abandoned 3+15 = 18 s; timeout 60 s; all = 200 s
 * 6 of the 7 answered are handled (one is still connected):
 *   pure talk (talk_ms - hold_ms) 600 s in total, hold 90 s (two held: 60 s + 30 s), ACW 120 s, 1 transferred
 * agent states: busy 3000 s, after-call work 600 s, ready 1200 s
 */
const counts: KpiCounts = {
  offered: 10,
  inProgress: 0,
  lost: 0,
  answered: 7,
  abandoned: 2,
  shortAbandoned: 1,
  timedOut: 1,
  otherExits: 0,
  answeredWithin: 5,
  abandonedWithin: 2,
  waitMsSum: 200_000,
  answeredWaitMsSum: 122_000,
  waitMsMax: 60_000,
  handled: 6,
  talkMsSum: 600_000,
  holdMsSum: 90_000,
  heldCount: 2,
  heldHoldMsSum: 90_000,
  acwMsSum: 120_000,
  transferred: 1,
  stateBusyMs: 3_000_000,
  stateAcwMs: 600_000,
  stateReadyMs: 1_200_000,
};

describe("KPI formulas on a hand-worked period", () => {
  it("counts are the counts", () => {
    expect(kpiValue("offered", counts)).toBe(10);
    expect(kpiValue("answered", counts)).toBe(7);
    expect(kpiValue("abandoned", counts)).toBe(2);
    expect(kpiValue("short_abandoned", counts)).toBe(1);
    expect(kpiValue("timed_out", counts)).toBe(1);
  });

  it("abandon rate, with and without short abandons", () => {
    // 2 abandoned / 10 offered
    expect(kpiValue("abandon_rate", counts)).toBe(0.2);
    // (2 - 1 short) / (10 - 1 short) = 1/9
    expect(kpiValue("abandon_rate_excl_short", counts)).toBeCloseTo(1 / 9, 12);
    expect(kpiParts("abandon_rate_excl_short", counts)).toEqual({ numerator: 1, denominator: 9 });
  });

  it("waits", () => {
    // ASA: 122 s over 7 answered
    expect(kpiValue("asa", counts)).toBeCloseTo(122_000 / 7, 9);
    // average wait: 200 s over 10 offered = 20 s
    expect(kpiValue("avg_wait", counts)).toBe(20_000);
    // longest: the 60 s timeout
    expect(kpiValue("longest_wait", counts)).toBe(60_000);
  });

  it("service level, all four variants", () => {
    // answered within / answered = 5/7
    expect(kpiValue("service_level", counts, "answered_within_over_answered")).toBeCloseTo(5 / 7, 12);
    // answered within / (answered + abandoned) = 5/(7+2) = 5/9
    expect(kpiValue("service_level", counts, "answered_within_over_answered_abandoned")).toBeCloseTo(5 / 9, 12);
    // answered within / (answered + abandoned - short) = 5/(7+2-1) = 5/8
    expect(kpiValue("service_level", counts, "answered_within_over_answered_abandoned_minus_short")).toBe(5 / 8);
    // (answered within + abandoned within) / offered = (5+2)/10
    expect(kpiValue("service_level", counts, "answered_abandoned_within_over_offered")).toBe(0.7);
    expect(kpiParts("service_level", counts, "answered_abandoned_within_over_offered")).toEqual({ numerator: 7, denominator: 10 });
    expect(kpiParts("service_level", counts, "answered_within_over_answered_abandoned_minus_short")).toEqual({ numerator: 5, denominator: 8 });
    // the default variant is answered within / answered
    expect(kpiValue("service_level", counts)).toBeCloseTo(5 / 7, 12);
  });

  it("handle time", () => {
    // AHT: (600 talk + 90 hold + 120 ACW) s / 6 handled = 135 s
    expect(kpiValue("aht", counts)).toBe(135_000);
    expect(kpiParts("aht", counts)).toEqual({ numerator: 810_000, denominator: 6 });
    // talk 600 s / 6 = 100 s; ACW 120 s / 6 = 20 s
    expect(kpiValue("avg_talk", counts)).toBe(100_000);
    expect(kpiValue("avg_acw", counts)).toBe(20_000);
    // hold over the 2 held contacts only: 90 s / 2 = 45 s
    expect(kpiValue("avg_hold", counts)).toBe(45_000);
    // 1 transferred / 6 handled
    expect(kpiValue("transfer_rate", counts)).toBeCloseTo(1 / 6, 12);
  });

  it("occupancy", () => {
    // (3000 busy + 600 ACW) / (3000 + 600 + 1200 ready) = 3600/4800 = 0.75
    expect(kpiValue("occupancy", counts)).toBe(0.75);
    expect(kpiParts("occupancy", counts)).toEqual({ numerator: 3_600_000, denominator: 4_800_000 });
  });

  it("gives null, never NaN, when a denominator is 0", () => {
    const all = computeKpis(ZERO_COUNTS);
    for (const id of KPI_IDS) {
      const def = KPI_DEFINITIONS[id];
      if (def.unit === "count") expect(all[id].value, id).toBe(0);
      else expect(all[id].value, id).toBeNull();
    }
    for (const v of SL_VARIANTS) expect(kpiValue("service_level", ZERO_COUNTS, v)).toBeNull();
    // answered but none handled yet: ASA is defined, handle-time KPIs are not
    const answeredOnly = { ...ZERO_COUNTS, offered: 1, answered: 1, answeredWithin: 1, answeredWaitMsSum: 4_000, waitMsSum: 4_000, waitMsMax: 4_000 };
    expect(kpiValue("asa", answeredOnly)).toBe(4_000);
    expect(kpiValue("aht", answeredOnly)).toBeNull();
    expect(kpiValue("avg_hold", answeredOnly)).toBeNull();
    expect(kpiValue("transfer_rate", answeredOnly)).toBeNull();
    // every offered contact a short abandon: the rate excluding them has nothing left to divide by
    const allShort = { ...ZERO_COUNTS, offered: 2, abandoned: 2, shortAbandoned: 2 };
    expect(kpiValue("abandon_rate", allShort)).toBe(1);
    expect(kpiValue("abandon_rate_excl_short", allShort)).toBeNull();
  });

  it("adds counts of disjoint sets, taking the larger longest wait", () => {
    const other = { ...ZERO_COUNTS, offered: 3, answered: 1, waitMsSum: 90_000, waitMsMax: 80_000 };
    const sum = addCounts(counts, other);
    expect(sum.offered).toBe(13);
    expect(sum.answered).toBe(8);
    expect(sum.waitMsSum).toBe(290_000);
    expect(sum.waitMsMax).toBe(80_000);
  });
});

describe("KPI definitions", () => {
  it("every KPI is defined, versioned and explained", () => {
    for (const id of KPI_IDS) {
      const d = KPI_DEFINITIONS[id];
      expect(d.id).toBe(id);
      expect(d.version).toBeGreaterThanOrEqual(1);
      expect(d.formula.length).toBeGreaterThan(20);
      if (d.contacts?.numerator) expect(CONTACT_FILTERS).toContain(d.contacts.numerator);
      if (d.contacts?.denominator) expect(CONTACT_FILTERS).toContain(d.contacts.denominator);
    }
  });

  it("states the conventions in the formula text", () => {
    const sl = kpiDefinition("service_level", "answered_within_over_answered_abandoned");
    expect(sl.formula).toContain("answered within T / (answered + abandoned)");
    expect(sl.formula).toContain("wait_ms <= T");
    expect(sl.formula).toContain("own queue");
    expect(sl.formula).toContain("at query time");
    expect(sl.formula).toContain("queued_at in [from, to)");
    expect(sl.contacts).toEqual({ numerator: "answered_within_sl", denominator: "answered_or_abandoned" });
    expect(KPI_DEFINITIONS.aht.formula).toContain("(talk_ms - hold_ms) + hold_ms + acw_ms");
    expect(KPI_DEFINITIONS.short_abandoned.formula).toContain("wait_ms < the queue's short_abandon_s");
  });

  it("names the four service-level variants exactly", () => {
    expect([...SL_VARIANTS]).toEqual([
      "answered_within_over_answered",
      "answered_within_over_answered_abandoned",
      "answered_within_over_answered_abandoned_minus_short",
      "answered_abandoned_within_over_offered",
    ]);
  });
});

describe("contacts without an outcome", () => {
  it("are offered but out of the rates over outcomes (the issue's real log: 108 entered, 106 with an outcome)", () => {
    // 108 entered; 1 still waiting, 1 whose exit line was lost; 12 abandoned (3 of them short).
    const c: KpiCounts = { ...ZERO_COUNTS, offered: 108, inProgress: 1, lost: 1, abandoned: 12, shortAbandoned: 3, answered: 94, waitMsSum: 106 * 30_000 };
    const v = computeKpis(c);
    expect(v.offered.value).toBe(108);
    // 12 / (108 - 1 - 1) = 12 / 106 = 0.1132..., not 12 / 108 = 0.1111...
    expect(v.abandon_rate).toEqual({ value: 12 / 106, numerator: 12, denominator: 106 });
    expect(v.abandon_rate.value).toBeCloseTo(0.1132, 4);
    // (12 - 3) / (106 - 3) = 9 / 103
    expect(v.abandon_rate_excl_short).toEqual({ value: 9 / 103, numerator: 9, denominator: 103 });
    // 106 known waits of 30 s each
    expect(v.avg_wait.value).toBe(30_000);
    expect(kpiValue("in_progress", c)).toBe(1);
    expect(kpiValue("lost", c)).toBe(1);
  });
});
