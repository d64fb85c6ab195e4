import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { test, expect, sql } from "./support";
import { downloadCsv } from "./table-text";
import { E2E_DATA_DIR, E2E_PORT } from "../playwright.config";
import { hashPassword } from "../lib/auth/password";

/**
 * A supervisor scoped to one team and one queue, against the running product:
 * the dashboards, contacts, their export and the wallboard's event stream show
 * only that team's and that queue's data, and another queue's or agent's page
 * and API answer 404. The user is written into this data directory's users file
 * (the server re-reads it when it changes); the ids and the expected figures come
 * from the store by SQL, never from the code under test.
 */

const USERNAME = "scoped-e2e";
const PASSWORD = `scoped-${randomBytes(6).toString("hex")}`;
let TEAM = "";
let QUEUE = "";
let OTHER_QUEUE = "";
let teamAgents: string[] = [];
let otherAgent = "";

test.beforeAll(async ({ playwright }) => {
  const request = await playwright.request.newContext({ baseURL: `http://127.0.0.1:${E2E_PORT}` });
  const agents = await sql<{ agent_id: string; team_id: string }>(request, "SELECT agent_id, team_id FROM agents FINAL WHERE tenant_id = 'demo' ORDER BY agent_id");
  const queues = await sql<{ queue_id: string }>(request, "SELECT queue_id FROM queues FINAL WHERE tenant_id = 'demo' ORDER BY queue_id");
  await request.dispose();
  const teams = [...new Set(agents.map((a) => a.team_id).filter((t) => t !== ""))].sort();
  TEAM = teams[0] ?? "";
  QUEUE = queues[0]?.queue_id ?? "";
  OTHER_QUEUE = queues[1]?.queue_id ?? "";
  teamAgents = agents.filter((a) => a.team_id === TEAM).map((a) => a.agent_id);
  otherAgent = agents.find((a) => a.team_id !== TEAM)?.agent_id ?? "";
  expect([TEAM, QUEUE, OTHER_QUEUE, otherAgent].every((x) => x !== "")).toBe(true);
  expect(teamAgents.length).toBeGreaterThan(0);

  // The users file of this data directory (demo mode): add the scoped user beside the demo ones.
  const file = path.join(E2E_DATA_DIR, "demo-users.json");
  const doc = JSON.parse(fs.readFileSync(file, "utf8")) as { users: { username: string }[] };
  const users = doc.users.filter((u) => u.username !== USERNAME);
  users.push({
    username: USERNAME,
    name: "Scoped Supervisor",
    role: "supervisor",
    passwordHash: await hashPassword(PASSWORD),
    scope: { teams: [TEAM], queues: [QUEUE] },
  } as { username: string });
  fs.writeFileSync(`${file}.tmp`, JSON.stringify({ ...doc, users }, null, 2), { mode: 0o600 });
  fs.renameSync(`${file}.tmp`, file);
});

async function signInScoped(page: Page): Promise<void> {
  await page.goto("/signin");
  await page.getByLabel("Username").fill(USERNAME);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
}

/** Contacts of the period in the scope, counted in the store: the queue's, answered by the team's agents. */
async function scopedContactCount(page: Page, from: number, to: number): Promise<number> {
  const list = teamAgents.map((a) => `'${a}'`).join(", ");
  const [row] = await sql<{ n: string }>(
    page.request,
    `SELECT count() AS n FROM contact_segments FINAL
     WHERE tenant_id = 'demo' AND outcome != '' AND queue_id = '${QUEUE}' AND agent_id IN (${list})
       AND queued_at >= fromUnixTimestamp64Milli(${from}, 'UTC') AND queued_at < fromUnixTimestamp64Milli(${to}, 'UTC')`,
  );
  return Number(row?.n);
}

test("the dashboards, contacts and export show only the scope's queue and team", async ({ page }) => {
  await signInScoped(page);

  // The directory the filters offer.
  expect(((await (await page.request.get("/api/queues")).json()) as { queues: { id: string }[] }).queues.map((q) => q.id)).toEqual([QUEUE]);
  expect(((await (await page.request.get("/api/teams")).json()) as { teams: { id: string }[] }).teams.map((t) => t.id)).toEqual([TEAM]);

  await page.goto("/queues?period=yesterday");
  const queues = page.getByTestId("queues-table");
  await expect(queues.locator("tbody tr")).toHaveCount(1);
  await page.screenshot({ path: test.info().outputPath("scoped-queues.png"), fullPage: true });

  await page.goto("/agents?period=yesterday");
  const agentsTable = page.getByTestId("agents-table");
  await expect(agentsTable.locator("tbody tr").first()).toBeVisible();
  const [agentsHref] = await page.getByTestId("csv-link").evaluateAll((links) => links.map((l) => l.getAttribute("href")));
  const agentsCsv = await downloadCsv(page, agentsHref ?? "");
  const teamCol = agentsCsv[0]?.indexOf("Team") ?? -1;
  expect(teamCol).toBeGreaterThanOrEqual(0);
  expect(agentsCsv.length).toBeGreaterThan(2);
  // Teams by name; the file's last line is the totals row.
  const teamName = ((await (await page.request.get("/api/teams")).json()) as { teams: { name: string }[] }).teams[0]?.name;
  expect(agentsCsv.at(-1)?.[0]).toBe("Total");
  expect(new Set(agentsCsv.slice(1, -1).map((r) => r[teamCol]))).toEqual(new Set([teamName]));

  await page.goto("/contacts?period=yesterday");
  const caption = page.getByTestId("period-caption");
  const from = Number(await caption.getAttribute("data-from"));
  const to = Number(await caption.getAttribute("data-to"));
  const expected = await scopedContactCount(page, from, to);
  expect(expected).toBeGreaterThan(0);
  await expect(page.getByTestId("contacts-total")).toHaveAttribute("data-value", String(expected));
  const href = await page.getByTestId("csv-link").getAttribute("href");
  const csv = await downloadCsv(page, href ?? "");
  expect(csv.length).toBe(expected + 1);
  const queueCol = csv[0]?.indexOf("Queue id") ?? -1;
  const agentCol = csv[0]?.indexOf("Agent id") ?? -1;
  expect(new Set(csv.slice(1).map((r) => r[queueCol]))).toEqual(new Set([QUEUE]));
  for (const r of csv.slice(1)) expect(teamAgents).toContain(r[agentCol]);
  await page.screenshot({ path: test.info().outputPath("scoped-contacts.png"), fullPage: true });
});

test("another queue's or agent's page and API answer 404, naming nothing", async ({ page }) => {
  await signInScoped(page);
  const now = Date.now();
  const period = `from=${now - 86_400_000}&to=${now}`;
  for (const url of [
    `/api/kpi/summary?${period}&queue=${OTHER_QUEUE}`,
    `/api/kpi/queues?${period}&queue=${QUEUE}&queue=${OTHER_QUEUE}`,
    `/api/contacts?${period}&queue=${OTHER_QUEUE}`,
    `/api/export/contacts?${period}&tz=UTC&queue=${OTHER_QUEUE}`,
    `/api/kpi/agent-timeline?${period}&agent=${otherAgent}`,
    `/api/kpi/agents?${period}&agent=${otherAgent}`,
  ]) {
    const res = await page.request.get(url);
    expect(res.status(), url).toBe(404);
    expect(await res.json(), url).toEqual({ error: "not found" });
  }
  // In scope, the same requests are answered.
  expect((await page.request.get(`/api/kpi/summary?${period}&queue=${QUEUE}`)).status()).toBe(200);
  expect((await page.request.get(`/api/kpi/agent-timeline?${period}&agent=${teamAgents[0]}`)).status()).toBe(200);

  const queuePage = await page.goto(`/queues/${OTHER_QUEUE}`);
  expect(queuePage?.status()).toBe(404);
  const agentPage = await page.goto(`/agents/${otherAgent}`);
  expect(agentPage?.status()).toBe(404);
  await page.screenshot({ path: test.info().outputPath("scoped-not-found.png"), fullPage: true });
  expect((await page.goto(`/queues/${QUEUE}`))?.status()).toBe(200);
});

type Snapshot = {
  queues: Record<string, { id: string }>;
  agents: Record<string, { id: string; teamId: string | null }>;
  calls: Record<string, { queueId: string | null; agentId: string | null }>;
};

test("the wallboard's stream carries only the scope's queues, agents and calls", async ({ page }) => {
  await signInScoped(page);
  await page.goto("/wallboard");
  await expect(page.getByTestId("live-status")).toHaveText("Live");
  await expect(page.locator("[data-queue-id]")).toHaveCount(1);
  await expect(page.locator(`[data-queue-id="${QUEUE}"]`)).toBeVisible();
  // The agents shown are exactly the team's agents logged on now, by their latest event in the store.
  await expect
    .poll(
      async () => {
        const rows = await sql<{ agent_id: string }>(
          page.request,
          `SELECT agent_id FROM cti_events
           WHERE tenant_id = 'demo' AND startsWith(type, 'agent.') AND time > now64(3) - INTERVAL 7 DAY
           GROUP BY agent_id HAVING argMax(type, time) != 'agent.logged_off' ORDER BY agent_id`,
        );
        const expected = rows.map((r) => r.agent_id).filter((a) => teamAgents.includes(a));
        const shown = (await page.locator("[data-agent-id]").evaluateAll((els) => els.map((e) => e.getAttribute("data-agent-id") ?? ""))).sort();
        return expected.length > 0 && JSON.stringify(shown) === JSON.stringify(expected) ? "same" : `shown ${shown.length} vs store ${expected.length}`;
      },
      { timeout: 20_000, intervals: [250, 500, 1000] },
    )
    .toBe("same");

  // What the server sends, read from the stream itself: the first snapshot frame.
  const snapshot = await page.evaluate(async () => {
    const res = await fetch("/api/live/stream");
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      const m = /event: snapshot\ndata: (.*)\n\n/.exec(text);
      if (m) {
        await reader.cancel();
        return m[1] ?? "";
      }
    }
    return "";
  });
  const view = JSON.parse(snapshot) as Snapshot;
  expect(Object.keys(view.queues)).toEqual([QUEUE]);
  for (const a of Object.values(view.agents)) expect(a.teamId).toBe(TEAM);
  for (const c of Object.values(view.calls)) {
    expect(c.queueId).toBe(QUEUE);
    if (c.agentId !== null) expect(teamAgents).toContain(c.agentId);
  }
  // The whole floor has more than this: the scope really cut it.
  const [others] = await sql<{ n: string }>(page.request, `SELECT count() AS n FROM agents FINAL WHERE tenant_id = 'demo' AND team_id != '${TEAM}'`);
  expect(Number(others?.n)).toBeGreaterThan(0);
  await page.screenshot({ path: test.info().outputPath("scoped-wallboard.png"), fullPage: true });
});
