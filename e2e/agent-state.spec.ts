import type { APIRequestContext } from "@playwright/test";
import { test, expect, signIn, signInRequest, sql, demoSignIn } from "./support";

/**
 * A supervisor sets an agent's state from the wallboard's agent tile: the simulated PBX
 * applies it, the tile follows from the live feed, and the store holds the platform's own
 * event and the audit row. Expected values come from the stored events, not the page.
 */

const events = (request: APIRequestContext, agentId: string, since: number) =>
  sql<{ type: string; reason: string }>(
    request,
    `SELECT type, JSONExtractString(data, 'reasonCode') AS reason FROM cti_events
     WHERE tenant_id = 'demo' AND agent_id = '${agentId}' AND startsWith(type, 'agent.') AND time >= fromUnixTimestamp64Milli(${since}) ORDER BY time`,
  );

test("a supervisor pauses an agent for coaching and makes them ready again, through the platform, audited", async ({ page }) => {
  await signIn(page, "supervisor");
  await page.goto("/wallboard");
  await expect(page.getByTestId("live-status")).toHaveText("Live");
  // A ready agent with no call on their tile is idle; one may still be rung in the instant the command
  // takes, and then the pause waits for the call (the answer says so), so that request is withdrawn
  // (ready again) and another agent tried. The most recently ready come first: routing offers a new
  // call to the longest idle.
  let agentId = "";
  let since = 0;
  let form = page.getByRole("form").first();
  const tried = new Set<string>();
  for (let attempt = 0; attempt < 5 && !agentId; attempt++) {
    const idle = page.locator('[data-agent-id][data-state="ready"]:not([data-call-state])');
    await expect(idle.first()).toBeVisible({ timeout: 120_000 });
    const ids = (await idle.evaluateAll((tiles) => tiles.map((t) => t.getAttribute("data-agent-id") ?? ""))).filter((i) => !tried.has(i));
    const id = ids.at(-1);
    if (id === undefined) break;
    tried.add(id);
    const tile = page.locator(`[data-agent-id="${id}"]`);
    since = Date.now() - 1_000;
    await tile.getByRole("button", { name: /^Set state of / }).click();
    form = page.locator(`[data-agent-id="${id}"]`).getByRole("form");
    await form.getByLabel("New state").selectOption("not_ready:coaching");
    await form.getByRole("button", { name: "Apply" }).click();
    const said = await form.getByRole("status").textContent({ timeout: 15_000 });
    if (said?.includes("is not ready (Coaching)")) agentId = id;
    else {
      await form.getByLabel("New state").selectOption("ready");
      await form.getByRole("button", { name: "Apply" }).click();
      await form.getByRole("button", { name: "Close" }).click();
    }
  }
  expect(agentId, "an idle agent to pause").not.toBe("");
  const sameTile = page.locator(`[data-agent-id="${agentId}"]`);
  await expect(sameTile).toContainText("Not ready: Coaching", { timeout: 15_000 });
  await expect
    .poll(async () => (await events(page.request, agentId, since)).map((e) => [e.type, e.reason]), { timeout: 15_000 })
    .toContainEqual(["agent.not_ready", "coaching"]);

  await form.getByLabel("New state").selectOption("ready");
  await form.getByRole("button", { name: "Apply" }).click();
  await expect(form.getByRole("status")).toContainText("is ready");
  await expect.poll(async () => (await events(page.request, agentId, since)).map((e) => e.type), { timeout: 15_000 }).toContain("agent.ready");

  const audit = await sql<{ actor: string; details: string }>(
    page.request,
    `SELECT actor, details FROM audit_log WHERE action = 'agent.state_set' AND target = 'agent:${agentId}' AND at >= fromUnixTimestamp64Milli(${since}) ORDER BY at`,
  );
  expect(audit.map((a) => a.actor)).toEqual([demoSignIn("supervisor").username, demoSignIn("supervisor").username]);
  expect(audit.map((a) => JSON.parse(a.details) as Record<string, unknown>)).toEqual([
    expect.objectContaining({ state: "not_ready", reason: "coaching", applied: "now" }),
    expect.objectContaining({ state: "ready", applied: "now" }),
  ]);
});

test("managers and QA may not set an agent's state: 403, and nothing reaches the platform", async ({ request }) => {
  // An id of its own, so no other test's rows for a real agent count here; asking the platform would audit it even for an unknown agent.
  const target = `e2e-refused-${Date.now()}`;
  for (const role of ["manager", "qa"] as const) {
    await signInRequest(request, role);
    const res = await request.post(`/api/agents/${target}/state`, { data: { state: "logged_out" } });
    expect(res.status()).toBe(403);
  }
  const audit = await sql<{ n: number }>(request, `SELECT count() AS n FROM audit_log WHERE action = 'agent.state_set' AND target = 'agent:${target}'`);
  expect(Number(audit[0]?.n)).toBe(0);
});
