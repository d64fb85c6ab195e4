import { beforeAll, describe, expect, it } from "vitest";
import type { ClickHouseClient } from "@clickhouse/client";
import { IngestPipeline, writeDirectory } from "@/ingest/pipeline";
import { ContactCentreSim, loadSimulatorConfig, simulatorDirectory } from "@/ingest/simulator";
import type { SessionUser } from "@/lib/auth/session";
import type { AnyEndpoint } from "@/lib/api/endpoint";
import { parseParams } from "@/lib/api/parse-request";
import { toSearchParams } from "@/lib/api/search-params";
import { agents, queues, teams } from "@/lib/api/endpoints/directory";
import { kpiAgents, kpiAgentTimeline, kpiQueues, kpiSeries, kpiSummary } from "@/lib/api/endpoints/kpi";
import { contacts } from "@/lib/api/endpoints/contacts";
import { exportTable } from "@/lib/api/endpoints/export";
import { definitions, updateDefinition } from "@/lib/api/endpoints/definitions";
import { thresholds, updateThresholds } from "@/lib/api/endpoints/live";
import { OutOfScope } from "@/lib/errors/domain-errors";
import { prefetchEndpoint } from "@/lib/prefetch/prefetch-endpoint";
import { makeQueryClient } from "@/lib/query-options/query-client";
import { queuesQueryOptions } from "@/lib/query-options/api-query";
import { freshTenant, queryRows, testStore } from "../helpers/store";

/**
 * Scope on the real store: a simulated morning of the default centre, asked
 * through the endpoint declarations (the same `run` handle() and the server
 * prefetch call) by a supervisor scoped to one team and one queue. Each scoped
 * answer equals the unscoped answer with the scope written out as filters, and
 * the counts behind it equal SQL written here over the stored contacts; ids
 * outside the scope are refused as not found.
 */

const DAY = Date.UTC(2026, 2, 10); // a Tuesday
const HOUR = 3_600_000;
const period = { from: DAY + 8 * HOUR, to: DAY + 12 * HOUR };
const SCOPE = { teams: ["team-sales"], queues: ["sales"] };
const admin: SessionUser = { id: "admin", name: "Admin", role: "admin" };
const scoped: SessionUser = { id: "sup", name: "Sup", role: "admin", scope: SCOPE };

let ch: ClickHouseClient;
let tenantId: string;

/** An endpoint answered as handle() would, after the role check: the URL's parse, then the declaration's run (scope step included). */
async function ask(endpoint: AnyEndpoint, user: SessionUser, req: Record<string, string | number | readonly string[] | undefined>, body?: unknown) {
  const { path: pathParams = {}, ...query } = req as Record<string, unknown> & { path?: Record<string, string> };
  const params = parseParams(endpoint, toSearchParams(query as Parameters<typeof toSearchParams>[0]), pathParams);
  return endpoint.run({ ch, tenantId, user, signal: new AbortController().signal }, params, endpoint.body ? endpoint.body.parse(body) : undefined);
}

async function csvText(res: unknown): Promise<string> {
  return (res as Response).text();
}

async function sqlCount(where: string, params: Record<string, unknown> = {}): Promise<number> {
  const [row] = await queryRows<{ n: string | number }>(
    ch,
    `SELECT count() AS n FROM contact_segments FINAL
     WHERE tenant_id = {tenantId:String} AND outcome != ''
       AND queued_at >= fromUnixTimestamp64Milli({fromMs:Int64}, 'UTC') AND queued_at < fromUnixTimestamp64Milli({toMs:Int64}, 'UTC')
       AND ${where}`,
    { tenantId, fromMs: period.from, toMs: period.to, ...params },
  );
  return Number(row?.n);
}

const SALES_TEAM_AGENTS = "agent_id IN (SELECT agent_id FROM agents FINAL WHERE tenant_id = {tenantId:String} AND team_id = 'team-sales')";

beforeAll(async () => {
  ({ ch } = await testStore());
  tenantId = freshTenant("scope");
  const config = loadSimulatorConfig();
  const events = new ContactCentreSim({ ...config, tenantId }, { seed: 99, startTime: period.from - 2 * HOUR }).advanceTo(period.to + HOUR);
  await writeDirectory(ch, tenantId, simulatorDirectory(config));
  const pipeline = new IngestPipeline(ch, { maxEventBytes: 65536, origin: "test" });
  for (let i = 0; i < events.length; i += 5000) {
    await pipeline.ingest(events.slice(i, i + 5000).map((e) => ({ payload: { object: e }, origin: { source: "test" } })));
  }
});

describe("a user scoped to one team and one queue", () => {
  it("gets the summary of the sales contacts the sales team answered, and nothing else", async () => {
    const mine = (await ask(kpiSummary, scoped, period)) as Awaited<ReturnType<typeof kpiSummary.run>>;
    const filtered = await ask(kpiSummary, admin, { ...period, queue: ["sales"], team: ["team-sales"] });
    const all = (await ask(kpiSummary, admin, period)) as typeof mine;
    expect(mine).toEqual(filtered);
    expect(mine.counts.offered).toBe(await sqlCount(`queue_id = 'sales' AND ${SALES_TEAM_AGENTS}`));
    expect(mine.counts.offered).toBeGreaterThan(20);
    expect(mine.counts.offered).toBeLessThan(all.counts.offered);
  });

  it("gets series, queue and agent tables equal to the unscoped ones filtered to the scope", async () => {
    const seriesReq = { ...period, interval: "hour", tz: "UTC" };
    expect(await ask(kpiSeries, scoped, seriesReq)).toEqual(await ask(kpiSeries, admin, { ...seriesReq, queue: ["sales"], team: ["team-sales"] }));

    const q = (await ask(kpiQueues, scoped, period)) as Awaited<ReturnType<typeof kpiQueues.run>>;
    expect(q.map((r) => r.queueId)).toEqual(["sales"]);
    expect(q[0]?.counts.offered).toBe(await sqlCount(`queue_id = 'sales' AND ${SALES_TEAM_AGENTS}`));

    const a = (await ask(kpiAgents, scoped, period)) as Awaited<ReturnType<typeof kpiAgents.run>>;
    expect(a).toEqual(await ask(kpiAgents, admin, { ...period, queue: ["sales"], team: ["team-sales"] }));
    expect(a.agents.length).toBeGreaterThan(0);
    expect(new Set(a.agents.map((r) => r.teamId))).toEqual(new Set(["team-sales"]));
  });

  it("lists only the scope's contacts, and exports the same", async () => {
    const list = (await ask(contacts, scoped, { ...period, limit: 500 })) as Awaited<ReturnType<typeof contacts.run>>;
    expect(list.total).toBe(await sqlCount(`queue_id = 'sales' AND ${SALES_TEAM_AGENTS}`));
    expect(new Set(list.items.map((c) => c.queueId))).toEqual(new Set(["sales"]));

    for (const table of ["contacts", "queues", "agents", "teams"]) {
      // Only the contacts table shows times, so only it takes a time zone.
      const r = table === "contacts" ? { table, ...period, tz: "UTC" } : { table, ...period };
      const mine = await csvText(await ask(exportTable, scoped, r));
      expect(mine, table).toBe(await csvText(await ask(exportTable, admin, { ...r, queue: ["sales"], team: ["team-sales"] })));
      expect(mine, table).not.toMatch(/support|billing|team-vip/);
    }
  });

  it("sees only the scope's queues and teams in the directory, settings and thresholds", async () => {
    expect(((await ask(queues, scoped, {})) as { queues: { id: string }[] }).queues.map((q) => q.id)).toEqual(["sales"]);
    expect(((await ask(teams, scoped, {})) as { teams: { id: string }[] }).teams.map((t) => t.id)).toEqual(["team-sales"]);
    expect(((await ask(queues, admin, {})) as { queues: unknown[] }).queues.length).toBe(5);
    const defs = (await ask(definitions, scoped, {})) as Awaited<ReturnType<typeof definitions.run>>;
    expect(defs.queues.map((q) => q.id)).toEqual(["sales"]);
    const th = (await ask(thresholds, scoped, {})) as Awaited<ReturnType<typeof thresholds.run>>;
    expect(th.queues.map((q) => q.id)).toEqual(["sales"]);
  });

  it("is refused, as not found, every id outside the scope", async () => {
    const roster = await queryRows<{ agent_id: string; team_id: string }>(ch, "SELECT agent_id, team_id FROM agents FINAL WHERE tenant_id = {t:String}", { t: tenantId });
    const outsider = roster.find((r) => r.team_id === "team-support")?.agent_id as string;
    const insider = roster.find((r) => r.team_id === "team-sales")?.agent_id as string;
    const refused = [
      () => ask(kpiSummary, scoped, { ...period, queue: ["support"] }),
      () => ask(kpiSummary, scoped, { ...period, queue: ["sales", "support"] }),
      () => ask(kpiSummary, scoped, { ...period, team: ["team-support"] }),
      () => ask(kpiAgents, scoped, { ...period, agent: [outsider] }),
      () => ask(kpiAgentTimeline, scoped, { agent: outsider, ...period }),
      () => ask(kpiAgentTimeline, scoped, { agent: "no-such-agent", ...period }),
      () => ask(contacts, scoped, { ...period, queue: ["vip"] }),
      () => ask(exportTable, scoped, { table: "timeline", agent: outsider, ...period, tz: "UTC" }),
      () => ask(exportTable, scoped, { table: "queues", ...period, queue: ["billing"] }),
      () =>
        ask(updateDefinition, scoped, { path: { queueId: "support" } } as never, {
          slThresholdS: 20,
          slVariant: "answered_within_over_answered",
          shortAbandonS: 5,
          expectedVersion: 0,
        }),
      () =>
        ask(
          updateThresholds,
          scoped,
          {},
          {
            queueId: "*",
            thresholds: { longestWaitS: { warning: 1, critical: 2 }, waiting: { warning: 1, critical: 2 } },
          },
        ),
    ];
    for (const [i, request] of refused.entries()) await expect(request(), `request ${i}`).rejects.toThrow(OutOfScope);
    // Inside the scope, the same requests are answered.
    await expect(ask(kpiAgentTimeline, scoped, { agent: insider, ...period })).resolves.toMatchObject({ agentId: insider });
    await expect(ask(kpiAgents, scoped, { ...period, agent: [insider] })).resolves.toMatchObject({ agents: [{ agentId: insider }] });
  });

  it("gets the same narrowing in a server render's prefetch", async () => {
    const qc = makeQueryClient();
    await prefetchEndpoint({ qc, ch, tenantId, user: scoped }, "/api/queues", {});
    expect(qc.getQueryData(queuesQueryOptions().queryKey)?.queues.map((q) => q.id)).toEqual(["sales"]);
  });
});

describe("a scope naming one dimension", () => {
  it("restricts only that dimension: queues alone count every team's contacts in them, teams alone every queue's their agents answered", async () => {
    const queuesOnly: SessionUser = { ...scoped, scope: { teams: [], queues: ["sales", "retention"] } };
    const teamsOnly: SessionUser = { ...scoped, scope: { teams: ["team-vip", "team-billing"], queues: [] } };
    const q = (await ask(kpiSummary, queuesOnly, period)) as Awaited<ReturnType<typeof kpiSummary.run>>;
    expect(q).toEqual(await ask(kpiSummary, admin, { ...period, queue: ["retention", "sales"] }));
    expect(q.counts.offered).toBe(await sqlCount("queue_id IN ('sales', 'retention')"));
    const t = (await ask(kpiSummary, teamsOnly, period)) as typeof q;
    expect(t).toEqual(await ask(kpiSummary, admin, { ...period, team: ["team-billing", "team-vip"] }));
    expect(t.counts.offered).toBe(
      await sqlCount("agent_id IN (SELECT agent_id FROM agents FINAL WHERE tenant_id = {tenantId:String} AND team_id IN ('team-vip', 'team-billing'))"),
    );
    expect(((await ask(queues, teamsOnly, {})) as { queues: unknown[] }).queues.length).toBe(5);
    expect(((await ask(teams, queuesOnly, {})) as { teams: unknown[] }).teams.length).toBe(5);
  });

  it("lists the agents of the scope's teams, or every agent when only queues are named", async () => {
    const queuesOnly: SessionUser = { ...scoped, scope: { teams: [], queues: ["sales"] } };
    const teamsOnly: SessionUser = { ...scoped, scope: { teams: ["team-vip", "team-billing"], queues: [] } };
    const listed = async (user: SessionUser) => ((await ask(agents, user, {})) as { agents: { id: string }[] }).agents.map((a) => a.id);
    const stored = async (where: string) =>
      (
        await queryRows<{ agent_id: string }>(ch, `SELECT agent_id FROM agents FINAL WHERE tenant_id = {tenantId:String} AND ${where} ORDER BY agent_id`, {
          tenantId,
        })
      ).map((r) => r.agent_id);
    const everyone = await stored("1");
    expect(everyone.length).toBeGreaterThan(10);
    expect(await listed(queuesOnly)).toEqual(everyone);
    const theirs = await stored("team_id IN ('team-vip', 'team-billing')");
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.length).toBeLessThan(everyone.length);
    expect(await listed(teamsOnly)).toEqual(theirs);
    expect(await listed({ ...scoped, scope: { teams: [], queues: [] } })).toEqual([]);
  });

  it("that names nothing sees nothing", async () => {
    const nothing: SessionUser = { ...scoped, scope: { teams: [], queues: [] } };
    await expect(ask(kpiSummary, nothing, period)).rejects.toThrow(OutOfScope);
    expect(await ask(queues, nothing, {})).toEqual({ queues: [] });
  });
});
