import { randomBytes } from "node:crypto";
import { test, expect, signIn, sql } from "./support";

/**
 * Quality management end to end: an admin builds a small scorecard, QA fills and
 * submits it on a recorded call's page (/calls/[callId], the panel in its
 * evaluation slot) with a comment anchored to the moment being played, whose time
 * link seeks the player back there; a manager finds the score on the QA dashboard
 * and drills down to the evaluation. Expected figures are worked out here by hand
 * or read from the store by SQL, never from the code under test.
 */

const TENANT = process.env.TENANT_ID ?? "demo";
const NAME = `E2E form ${randomBytes(3).toString("hex")}`;
/** greet "yes" (1 point, weight 1) and tone 4 on 1..5 ((4 - 1) / 4 = 0.75, weight 1): (1 + 0.75) / 2 = 87.5 %. */
const EXPECTED = "87.5 %";

test("an admin builds a scorecard, QA evaluates a call with it, a manager sees the score on the dashboard", async ({ page, request }) => {
  // A recorded agent leg from the last day, over a minute long: the dashboard's 30 days hold its call.
  const [found] = await sql<{ recording_id: string; the_call: string; the_agent: string }>(
    request,
    `SELECT recording_id, max(call_id) AS the_call, max(agent_id) AS the_agent FROM recordings WHERE tenant_id = '${TENANT}' GROUP BY recording_id
     HAVING max(duration_ms) > 90000 AND the_agent != '' AND max(started_at) > now() - INTERVAL 1 DAY ORDER BY max(started_at) DESC LIMIT 1`,
  );
  if (!found) throw new Error("no recorded call in the last day");
  const call = { recording_id: found.recording_id, call_id: found.the_call, agent_id: found.the_agent };
  const callPage = (t: number) => `/calls/${encodeURIComponent(call.call_id)}?recording=${encodeURIComponent(call.recording_id)}&t=${t}`;

  // 1. The admin builds the form: one section, a yes/no question and a 1..5 scale.
  await signIn(page, "admin");
  // A bad form is a 400 that names the field.
  const bad = await page.request.post("/api/qa/scorecards", { data: { name: "x", sections: [] } });
  expect(bad.status()).toBe(400);
  expect(((await bad.json()) as { error: string }).error).toMatch(/^sections: a scorecard needs at least one section/);
  await page.goto("/qa/scorecards");
  await page.getByLabel("Scorecard name").fill(NAME);
  await page.getByLabel("Section 1 title").fill("Call handling");
  await page.getByLabel("Question 1.1 text").fill("Greeted the caller");
  await page.getByRole("button", { name: "Add question to section 1" }).click();
  await page.getByLabel("Question 1.2 text").fill("Tone");
  await page.getByLabel("Question 1.2 type").selectOption("scale");
  await page.getByRole("button", { name: "Save scorecard" }).click();
  await expect(page.getByTestId("scorecard-status")).toHaveText(`Saved "${NAME}" as version 1.`);
  await expect(page.getByTestId("scorecard-list")).toContainText(`${NAME} v1`);
  await page.screenshot({ path: test.info().outputPath("scorecard.png"), fullPage: true });

  // 2. QA evaluates the call on its page, the player at 1:05.
  await page.context().clearCookies();
  await signIn(page, "qa");
  await page.goto(callPage(65));
  const slot = page.locator('[data-slot="evaluation"]');
  await slot.getByLabel("Scorecard").selectOption({ label: `${NAME} (v1)` });
  await slot.getByRole("button", { name: "Start evaluation" }).click();
  const form = slot.getByTestId("evaluation-form");
  await expect(form).toHaveAttribute("data-status", "draft");
  await expect(slot.getByTestId("auto-checks").locator("[data-check]")).toHaveCount(5);
  await form.getByRole("radiogroup", { name: "Greeted the caller" }).getByLabel("Yes").check();
  await form.getByRole("radiogroup", { name: "Tone" }).getByLabel("4").check();
  await expect(form.getByTestId("live-score")).toContainText(EXPECTED);
  await form.getByLabel("Comment").fill("Warm greeting, used the caller's name");
  await expect(form.getByLabel("Anchor")).toContainText("At 1:05");
  await form.getByRole("button", { name: "Add comment" }).click();
  await form.getByRole("button", { name: "Save draft" }).click();
  await expect(slot.getByTestId("comments")).toContainText("Warm greeting");
  await expect(form.getByRole("button", { name: "Save draft" })).toBeEnabled();

  // Back at the start of the recording, the saved comment's time link seeks the player to 1:05.
  await page.goto(callPage(0));
  await expect(page.getByTestId("moment-link")).toHaveAttribute("href", /[?&]t=0(&|$)/);
  await slot.getByRole("button", { name: "Play from 1:05" }).click();
  await expect(page.getByTestId("moment-link")).toHaveAttribute("href", /[?&]t=65(&|$)/);

  await slot.getByRole("button", { name: "Submit evaluation" }).click();
  await expect(slot.getByTestId("evaluation-form")).toHaveAttribute("data-status", "submitted");
  await expect(slot.getByTestId("live-score")).toContainText(EXPECTED);
  await page.screenshot({ path: test.info().outputPath("evaluation.png"), fullPage: true });

  // 3. A manager sees it on the QA dashboard; the agent's mean is what the store holds for that agent.
  await page.context().clearCookies();
  await signIn(page, "manager");
  await page.goto("/qa");
  const [oracle] = await sql<{ mean: number; n: number }>(
    request,
    `SELECT avg(score) AS mean, count() AS n FROM qa_evaluations FINAL WHERE tenant_id = '${TENANT}' AND status = 'submitted' AND calibration_id = '' AND agent_id = '${call.agent_id}' AND call_at > now() - INTERVAL 29 DAY`,
  );
  if (!oracle || Number(oracle.n) < 1) throw new Error("the evaluation is not in the store");
  const expectedMean = `${(Math.round(Number(oracle.mean) * 10) / 10).toFixed(1)} %`;
  const row = page.getByTestId("qa-by-agent").locator(`tr[data-key="${call.agent_id}"]`);
  await expect(row.locator('[data-col="score"]')).toHaveText(expectedMean);
  await row.getByRole("button").click();
  await page.getByTestId("qa-drill").getByRole("link").first().click();
  await expect(page.getByTestId("evaluation-score")).toHaveText(EXPECTED);
  await expect(page.getByTestId("evaluation-view")).toContainText("Warm greeting, used the caller's name");
  // The agent and the scorecard by name, as every page says them.
  const [agent] = await sql<{ name: string }>(request, `SELECT name FROM agents FINAL WHERE tenant_id = '${TENANT}' AND agent_id = '${call.agent_id}'`);
  await expect(page.getByRole("heading", { name: `agent ${agent?.name || call.agent_id}` })).toBeVisible();
  await expect(page.getByTestId("evaluation-view")).toContainText(`scorecard ${NAME} v1`);
  await page.screenshot({ path: test.info().outputPath("dashboard-drill.png"), fullPage: true });

  // Every step is in the audit log.
  const evaluationId = decodeURIComponent(new URL(page.url()).pathname.split("/").pop() ?? "");
  const actions = await sql<{ action: string }>(
    request,
    `SELECT action FROM audit_log WHERE tenant_id = '${TENANT}' AND target = 'evaluation:${evaluationId}' ORDER BY at`,
  );
  expect(actions.map((a) => a.action)).toEqual(["qa.evaluation.create", "qa.evaluation.update", "qa.evaluation.submit"]);
  const saves = await sql<{ n: number }>(
    request,
    `SELECT count() AS n FROM audit_log WHERE tenant_id = '${TENANT}' AND action = 'qa.scorecard.save' AND position(details, '${NAME}') > 0`,
  );
  expect(Number(saves[0]?.n)).toBe(1);
});
