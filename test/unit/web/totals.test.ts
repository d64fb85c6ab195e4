import { describe, expect, it } from "vitest";
import { QUEUE_COLUMNS } from "@/lib/tables/queue-table";
import { agentColumns } from "@/lib/tables/agent-table";
import { tableText } from "@/lib/tables/table";
import { agentTotals, queueTotals, sharedVariant, teamTotals } from "@/lib/tables/totals";
import { prepareAgents } from "@/lib/kpi/queries/agents";
import { offersText } from "@/components/agents/agent-summary";
import { agentRow, counts, queueRow } from "./fixtures";

const ctx = { tz: "UTC" };

describe("the queues' totals row", () => {
  // Support: 90 of 100 answered within T (90%); Sales: 1 of 10 (10%). The mean of the rates would be 50%.
  const support = queueRow("support", { offered: 110, answered: 100, answeredWithin: 90, abandoned: 10, answeredWaitMsSum: 1_000_000 });
  const sales = queueRow("sales", { offered: 10, answered: 10, answeredWithin: 1, answeredWaitMsSum: 100_000 });

  it("adds counts and recomputes rates from the summed numerators and denominators", () => {
    const t = queueTotals([support, sales], null);
    expect(t.counts.offered).toBe(120);
    // 91 within of 110 answered.
    expect(t.kpis.service_level.value).toBeCloseTo(91 / 110, 12);
    // 10 abandoned of 120 with an outcome.
    expect(t.kpis.abandon_rate.value).toBeCloseTo(10 / 120, 12);
    // 1,100 s of wait over 110 answered = 10 s.
    expect(t.kpis.asa.value).toBe(10_000);
  });

  it("is the last line of the file, without the queue-only settings", () => {
    const rows = tableText(QUEUE_COLUMNS, [support, sales], ctx, "csv", queueTotals([support, sales], null));
    const header = rows[0] ?? [];
    const total = rows[3] ?? [];
    const cell = (h: string) => total[header.indexOf(h)];
    expect(rows).toHaveLength(4);
    expect(cell("Queue")).toBe("Total");
    expect(cell("Offered")).toBe("120");
    expect(cell("Service level")).toBe("82.7%");
    expect(cell("SL threshold (s)")).toBe("");
    expect(cell("Settings version")).toBe("");
    expect([cell("ASA (s)"), cell("ASA (h:mm:ss)")]).toEqual(["10", "0:00:10"]);
  });

  it("says 'not applicable' under a team filter, on the page and in the file", () => {
    const team = queueRow("support", { offered: 5, answered: 5, answeredWithin: 5 });
    const t = queueTotals([team], "team");
    const [header, , total] = tableText(QUEUE_COLUMNS, [team], ctx, "csv", t);
    const cell = (h: string) => total?.[header?.indexOf(h) ?? -1];
    expect(cell("Abandon rate")).toBe("not applicable");
    expect(cell("Abandoned")).toBe("not applicable");
    expect([cell("Longest wait (s)"), cell("Longest wait (h:mm:ss)")]).toEqual(["not applicable", "not applicable"]);
    expect(cell("Service level")).toBe("100.0%");
    const [pageHeader, , pageTotal] = tableText(QUEUE_COLUMNS, [team], ctx, "page", t);
    expect(pageTotal?.[pageHeader?.indexOf("Timed out") ?? -1]).toBe("n/a");
  });

  it("uses the variant every queue shares, else the default", () => {
    const a = queueRow("a", {}, { slVariant: "answered_within_over_answered_abandoned" });
    expect(sharedVariant([a, { ...a, queueId: "b" }])).toBe("answered_within_over_answered_abandoned");
    expect(sharedVariant([a, sales])).toBe("answered_within_over_answered");
  });
});

describe("the agents' offers and totals", () => {
  it("counts rings let pass as offers, and the answer rate from the sums", () => {
    // Ann answered 56 and let 4 ring out; Bob answered 20 and let 20 ring out.
    const report = prepareAgents(
      [
        { key: "ann", counts: counts({ answered: 56, handled: 56 }) },
        { key: "bob", counts: counts({ answered: 20, handled: 20 }) },
      ],
      new Map(),
      [
        { agentId: "ann", name: "Ann", teamId: "t1" },
        { agentId: "bob", name: "Bob", teamId: "t1" },
      ],
      [
        { agentId: "ann", rona: 4 },
        { agentId: "bob", rona: 20 },
      ],
      [{ teamId: "t1", name: "Front line" }],
    );
    const [ann, bob] = report.agents;
    expect([ann?.offers, ann?.answerRate]).toEqual([60, 56 / 60]);
    expect(offersText(ann ?? agentRow("x", {}))).toBe("Answered 56 of 60 offers (answer rate 93.3%); 4 rang, not answered");
    expect(bob?.answerRate).toBe(0.5);
    // 76 answered of 100 offers: 76%, not the mean of 93.3% and 50%.
    expect(agentTotals(report).answerRate).toBe(0.76);
    expect(report.teams[0]).toMatchObject({ teamName: "Front line", offers: 100, answered: 76, ringNoAnswer: 24, agentCount: 2 });
    expect(teamTotals(report)).toMatchObject({ teamName: "Total", offers: 100, agentCount: 2 });
    const cols = agentColumns(report);
    const [header, annRow] = tableText(cols, report.agents, ctx, "csv");
    expect(annRow?.[header?.indexOf("Team") ?? -1]).toBe("Front line");
    expect(annRow?.[header?.indexOf("Rang, not answered") ?? -1]).toBe("4");
    expect(annRow?.[header?.indexOf("Answer rate") ?? -1]).toBe("93.3%");
  });

  it("names an agent's team by its id when the directory has no name, and agents with none as such", () => {
    const report = prepareAgents(
      [
        { key: "a", counts: counts({ answered: 1 }) },
        { key: "b", counts: counts({ answered: 1 }) },
      ],
      new Map(),
      [{ agentId: "a", name: "A", teamId: "t9" }],
    );
    expect(report.agents.map((a) => a.teamName)).toEqual(["t9", "(no team)"]);
    expect(offersText({ offers: 0, answered: 0, ringNoAnswer: 0, answerRate: null })).toBe("No calls offered");
  });
});
