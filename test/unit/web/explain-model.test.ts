import { describe, expect, it } from "vitest";
import { contactsHref, prepareExplain, queuesInScope, splitFormula } from "@/components/kit/explain-model";
import { computeKpi, kpiDefinition } from "@/lib/kpi";
import { contactFilterCount, CONTACT_FILTERS } from "@/lib/kpi/contact-filters";
import type { QueueInfo } from "@/lib/directory/list-queues";
import { counts } from "./fixtures";

const c = counts({
  offered: 10,
  answered: 7,
  abandoned: 2,
  shortAbandoned: 1,
  answeredWithin: 5,
  abandonedWithin: 1,
  handled: 6,
  heldCount: 2,
  transferred: 1,
  timedOut: 1,
});
const scope = { from: 1000, to: 2000, queueIds: ["q1"], teamIds: ["t1"], canDrill: true };
const queues: QueueInfo[] = [
  {
    id: "q1",
    name: "Support",
    slThresholdS: 20,
    slVariant: "answered_within_over_answered_abandoned_minus_short",
    shortAbandonS: 5,
    shortAbandonRule: "below",
    maxWaitS: 0,
    slTargetPct: 80,
    definitionVersion: 3,
  },
  {
    id: "q2",
    name: "Sales",
    slThresholdS: 30,
    slVariant: "weird",
    shortAbandonS: 4,
    shortAbandonRule: "at_or_below",
    maxWaitS: 600,
    slTargetPct: 90,
    definitionVersion: 1,
  },
];

describe("explain", () => {
  it("names numerator and denominator with links to exactly the contacts they count", () => {
    const d = kpiDefinition("abandon_rate");
    const m = prepareExplain({ definition: d, value: { ...computeKpi("abandon_rate", c), version: 1 }, counts: c, scope, queues });
    expect(m.parts.map((p) => [p.side, p.text, p.contacts?.count, p.contacts?.filter])).toEqual([
      // offered 10 - in progress 0 - lost 0: every one of them has an outcome
      ["numerator", "2", 2, "abandon"],
      ["denominator", "10", 10, "with_outcome"],
    ]);
    expect(m.parts[0]?.contacts?.href).toBe("/contacts?from=1000&to=2000&queue=q1&team=t1&filter=abandon");
    expect(m.parts[0]?.contacts?.text).toBe("2 contacts: abandoned");
    expect(m.version).toBe(1);
    // The denominator leaves out contacts without an exit, which turn lost after each queue's longest wait.
    expect(m.thresholds).toEqual([
      { queueId: "q1", name: "Support", text: "lost after 3600 s with no queue exit (default)", version: 3 },
      { queueId: "q2", name: "Sales", text: "lost after 600 s with no queue exit", version: 1 },
    ]);
  });

  it("names the contacts without an outcome and leaves them out of the abandon rate", () => {
    // 10 with an outcome (7 answered, 2 abandoned, 1 timed out) plus 1 waiting and 1 lost = 12 offered;
    // abandon rate 2 / (12 - 1 - 1) = 2 / 10.
    const open = { ...c, offered: 12, inProgress: 1, lost: 1 };
    const m = prepareExplain({ definition: kpiDefinition("abandon_rate"), value: { ...computeKpi("abandon_rate", open), version: 2 }, counts: open, scope, queues });
    expect(m.parts.map((p) => [p.side, p.contacts?.count, p.contacts?.filter])).toEqual([
      ["numerator", 2, "abandon"],
      ["denominator", 10, "with_outcome"],
    ]);
    expect(computeKpi("abandon_rate", open).value).toBe(2 / 10);
    expect(contactFilterCount("in_progress", open)).toBe(1);
    expect(contactFilterCount("lost", open)).toBe(1);
  });

  it("shows the thresholds in force, per queue with its settings version, for service level", () => {
    const d = kpiDefinition("service_level", "answered_within_over_answered_abandoned_minus_short");
    const m = prepareExplain({
      definition: d,
      value: { ...computeKpi("service_level", c, "answered_within_over_answered_abandoned_minus_short"), version: 1 },
      counts: c,
      scope,
      queues,
    });
    expect(m.parts.map((p) => p.contacts?.count)).toEqual([5, 7 + 2 - 1]);
    expect(m.thresholds).toEqual([
      {
        queueId: "q1",
        name: "Support",
        text: "T = 20 s · short abandon under 5 s · own variant: Answered within T / (answered + abandoned - short abandons)",
        version: 3,
      },
      // q2 counts a wait of exactly 4 s as short (its rule is at_or_below)
      { queueId: "q2", name: "Sales", text: "T = 30 s · short abandon at or under 4 s · own variant: weird (unknown; default used)", version: 1 },
    ]);
    expect(m.formula).toBe("Service level = answered within T / (answered + abandoned - short abandons).");
  });

  it("lists a count's own contacts, sorted where the number is about an extreme, and drops links for viewers without access", () => {
    const m = prepareExplain({
      definition: kpiDefinition("longest_wait"),
      value: { value: 90_000, version: 1 },
      counts: c,
      scope: { ...scope, canDrill: false },
      queues,
    });
    expect(m.parts).toEqual([
      { side: "value", label: "Longest", text: "1:30", contacts: { filter: "all", count: 10, text: "10 contacts: all offered contacts", href: null } },
    ]);
    expect(contactsHref({ ...scope, agentIds: ["a1"] }, "all", { sort: "wait_ms", dir: "desc" })).toBe(
      "/contacts?from=1000&to=2000&queue=q1&team=t1&agent=a1&filter=all&sort=wait_ms&dir=desc",
    );
  });

  it("has nothing to link while loading", () => {
    expect(prepareExplain({ definition: kpiDefinition("offered"), value: undefined, counts: undefined, scope, queues }).parts).toEqual([]);
  });

  it("every contact filter's count follows from the counts", () => {
    for (const f of CONTACT_FILTERS) expect(Number.isInteger(contactFilterCount(f, c)), f).toBe(true);
    expect(contactFilterCount("answered_or_long_abandon", c)).toBe(8);
    expect(contactFilterCount("not_short_abandon", c)).toBe(9);
  });

  it("splits formula and conventions, and picks the queues in view", () => {
    expect(splitFormula("AHT = a / b, i.e. sum. Handled = x.")).toEqual(["AHT = a / b, i.e. sum.", "Handled = x."]);
    expect(queuesInScope(queues, []).length).toBe(2);
    expect(queuesInScope(queues, ["q2"]).map((q) => q.id)).toEqual(["q2"]);
  });
});

describe("explain in plain words", () => {
  it("says the number in a supervisor's words, with the queue's threshold in seconds", () => {
    const sl = kpiDefinition("service_level");
    const m = prepareExplain({ definition: sl, value: { ...computeKpi("service_level", c), version: 2 }, counts: c, scope, queues: queues.slice(0, 1) });
    expect(m.plain).toBe("Of the answered calls, the share answered within 20 seconds.");
    // The exact formula is still there, for the click further.
    expect(m.formula).toBe("Service level = answered within T / answered.");
    expect(m.notApplicable).toBeUndefined();
  });

  it("says 'each queue's own threshold' when the queues differ, and follows the variant", () => {
    const d = kpiDefinition("service_level", "answered_within_over_answered_abandoned");
    const m = prepareExplain({ definition: d, value: undefined, counts: undefined, scope, queues, variant: "answered_within_over_answered_abandoned" });
    expect(m.plain).toBe("Of the calls answered or abandoned, the share answered within each queue's own threshold.");
  });

  it("shows the reason and no inputs when the number is not applicable", () => {
    const reason = "Not applicable with a team filter: because.";
    const m = prepareExplain({ definition: kpiDefinition("abandon_rate"), value: { value: null, version: 2, notApplicable: { reason } }, counts: c, scope, queues });
    expect(m.notApplicable).toBe(reason);
    expect(m.parts).toEqual([]);
  });
});
