import { describe, expect, it } from "vitest";
import { lookupNames } from "@/lib/directory/names";
import { qaNames, qaScoreNames, scorecardName } from "@/lib/qa/qa-names";
import { saveScorecard } from "@/lib/qa/scorecards/scorecard-record";
import { scorecardSchema } from "@/lib/qa/scorecards/scorecard-schema";
import { freshTenant, testStore } from "../helpers/store";
import { insertAgent } from "../kpi/scenario";

/**
 * QA's answers carry the names of the agents, queues and teams they mention, read
 * from the directory tables; ids the directory has no name for are left out (the
 * page shows them as they are), and so is everyone not mentioned.
 */

const group = (key: string) => ({ key, evaluations: 1, scored: 1, meanScore: 50, failed: 0, failRate: 0 });

describe("QA names", () => {
  it("name the agents, queues and teams an answer mentions, and only those", async () => {
    const { ch } = await testStore();
    const tenantId = freshTenant("qanames");
    await insertAgent(ch, { tenantId, agentId: "a1", name: "Olivia Smith", teamId: "t1" });
    await insertAgent(ch, { tenantId, agentId: "a2", name: "Noah Jones", teamId: "t2" });
    await ch.insert({ table: "queues", format: "JSONEachRow", values: [{ tenant_id: tenantId, queue_id: "q1", name: "Support" }] });
    await ch.insert({ table: "teams", format: "JSONEachRow", values: [{ tenant_id: tenantId, team_id: "t1", name: "Blue team" }] });
    // Another tenant's names never leak in.
    await insertAgent(ch, { tenantId: freshTenant("qanames-other"), agentId: "a9", name: "Elsewhere", teamId: "t1" });

    const all = await lookupNames(ch, tenantId);
    expect([...all.agents]).toEqual(
      expect.arrayContaining([
        ["a1", "Olivia Smith"],
        ["a2", "Noah Jones"],
      ]),
    );
    expect(all.agents.has("a9")).toBe(false);

    const mentioned = await qaNames(ch, tenantId, [
      { agentId: "a1", queueId: "q1", teamId: "t1" },
      { agentId: "gone", queueId: "q-unnamed", teamId: "" },
    ]);
    expect(mentioned).toEqual({ agents: { a1: "Olivia Smith" }, queues: { q1: "Support" }, teams: { t1: "Blue team" } });

    const scores = await qaScoreNames(ch, tenantId, { byAgent: [group("a2")], byQueue: [group("q1")], byTeam: [group("t2"), group("t1")] });
    expect(scores).toEqual({ agents: { a2: "Noah Jones" }, queues: { q1: "Support" }, teams: { t1: "Blue team" } });
  });

  it("name a scorecard by the name its version had, and by its id when that version is not stored", async () => {
    const { ch } = await testStore();
    const tenantId = freshTenant("qacard");
    const card = (name: string) =>
      scorecardSchema.parse({ name, sections: [{ id: "s", title: "Call", questions: [{ id: "greet", text: "Greeted", type: "yesno", weight: 1 }] }] });
    const actor = { id: "admin", name: "Admin", role: "admin" };
    await saveScorecard(ch, { tenantId, id: "support-form", card: card("Support form"), expectedVersion: 0, actor });
    await saveScorecard(ch, { tenantId, id: "support-form", card: card("Support form, revised"), expectedVersion: 1, actor });
    expect(await scorecardName(ch, tenantId, "support-form", 1)).toBe("Support form");
    expect(await scorecardName(ch, tenantId, "support-form", 2)).toBe("Support form, revised");
    expect(await scorecardName(ch, tenantId, "support-form", 3)).toBe("support-form");
  });
});
