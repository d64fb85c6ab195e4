import { describe, expect, it } from "vitest";
import { writeDirectory } from "@/ingest/pipeline";
import { simulatorDirectory } from "@/ingest/simulator/directory";
import { buildRoster } from "@/ingest/simulator/roster";
import { freshTenant, queryRows, testStore } from "../helpers/store";
import { defaultConfig } from "../../unit/simulator/fixtures";

describe("the simulator's directory in the store", () => {
  it("writes queues and agents once, and never overwrites an admin's queue definition", async () => {
    const { ch } = await testStore();
    const config = { ...defaultConfig(), tenantId: freshTenant("sim") };
    const directory = simulatorDirectory(config);
    expect(await writeDirectory(ch, config.tenantId, directory)).toEqual({ queues: 5, agents: buildRoster(config).length, teams: config.teams.length });

    const t = { t: config.tenantId };
    await ch.command({
      query: "INSERT INTO queues (tenant_id, queue_id, name, sl_threshold_s, definition_version) VALUES ({t:String}, 'vip', 'VIP', 15, 2)",
      query_params: t,
    });
    expect(await writeDirectory(ch, config.tenantId, directory)).toEqual({ queues: 0, agents: 0, teams: 0 });

    const queues = await queryRows<{ queue_id: string; name: string; sl_threshold_s: number }>(
      ch,
      "SELECT queue_id, name, sl_threshold_s FROM queues FINAL WHERE tenant_id = {t:String} ORDER BY queue_id",
      t,
    );
    expect(queues.map((q) => q.queue_id)).toEqual(["billing", "retention", "sales", "support", "vip"]);
    expect(queues.find((q) => q.queue_id === "vip")?.sl_threshold_s).toBe(15);
    const agents = await queryRows<{ agent_id: string; name: string; team_id: string }>(
      ch,
      "SELECT agent_id, name, team_id FROM agents FINAL WHERE tenant_id = {t:String} ORDER BY agent_id",
      t,
    );
    expect(agents[0]).toEqual({ agent_id: "agent-1001", name: buildRoster(config)[0]?.name, team_id: "team-support" });
  });

  it("rewrites a renamed agent and gives a queue without thresholds the store's defaults", async () => {
    const { ch } = await testStore();
    const tenant = freshTenant("dir");
    await writeDirectory(ch, tenant, { queues: [{ id: "q1", name: "Sales" }], agents: [{ id: "a1", name: "Ann", teamId: "t1" }] });
    expect(await writeDirectory(ch, tenant, { queues: [], agents: [{ id: "a1", name: "Ann Lee", teamId: "t1" }] })).toEqual({ queues: 0, agents: 1, teams: 0 });
    const [queue] = await queryRows<{ sl_threshold_s: number; short_abandon_s: number }>(
      ch,
      "SELECT sl_threshold_s, short_abandon_s FROM queues FINAL WHERE tenant_id = {t:String}",
      { t: tenant },
    );
    expect(queue).toEqual({ sl_threshold_s: 20, short_abandon_s: 5 });
    const agents = await queryRows<{ name: string }>(ch, "SELECT name FROM agents FINAL WHERE tenant_id = {t:String}", { t: tenant });
    expect(agents).toEqual([{ name: "Ann Lee" }]);
  });
});
