import { randomBytes } from "node:crypto";
import { test, expect, signIn, sql } from "./support";

/**
 * Quality management end to end: an admin builds a small scorecard, QA fills and
 * submits it for a stored call while moving through the recording (comment
 * anchored to a moment, its link seeks back there), and a manager finds the
 * score on the QA dashboard and drills down to the evaluation. The call page
 * (/calls/[callId]) is another helper's; until it is merged the panel is used on
 * QA's own evaluation page for a call, /qa/evaluate/[callId], with a position
 * control standing in for the player. Expected figures are worked out here by
 * hand or read from the store by SQL, never from the code under test.
 */

const TENANT = process.env.TENANT_ID ?? "demo";
const NAME = `E2E form ${randomBytes(3).toString("hex")}`;
/** greet "yes" (1 point, weight 1) and tone 4 on 1..5 ((4 - 1) / 4 = 0.75, weight 1): (1 + 0.75) / 2 = 87.5 %. */
const EXPECTED = "87.5 %";

test("an admin builds a scorecard, QA evaluates a call with it, a manager sees the score on the dashboard", async ({ page, request }) => {
  // A finished, answered call from the last day: the dashboard's 30 days hold it.
  const [call] = await sql<{ call_id: string; agent_id: string }>(
    request,
    `SELECT call_id, agent_id FROM contact_segments FINAL WHERE tenant_id = '${TENANT}' AND agent_id != '' AND talk_ms > 30000 AND queued_at > now() - INTERVAL 1 DAY AND toUnixTimestamp64Milli(cleared_at) > 0 ORDER BY queued_at DESC LIMIT 1`,
  );
  if (!call) throw new Error("no answered call in the last day");

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

  // 2. QA evaluates the call.
  await page.context().clearCookies();
  await signIn(page, "qa");
  await page.goto(`/qa/evaluate/${encodeURIComponent(call.call_id)}`);
  await page.getByLabel("Scorecard").selectOption({ label: `${NAME} (v1)` });
  await page.getByRole("button", { name: "Start evaluation" }).click();
  const form = page.getByTestId("evaluation-form");
  await expect(form).toHaveAttribute("data-status", "draft");
  await expect(page.getByTestId("auto-checks").locator("[data-check]")).toHaveCount(5);
  await form.getByRole("radiogroup", { name: "Greeted the caller" }).getByLabel("Yes").check();
  await form.getByRole("radiogroup", { name: "Tone" }).getByLabel("4").check();
  await expect(page.getByTestId("live-score")).toContainText(EXPECTED);

  const position = page.getByLabel(/Position in the recording/);
  await position.fill("65000");
  await expect(page.getByText("Position in the recording: 1:05")).toBeVisible();
  await form.getByLabel("Comment").fill("Warm greeting, used the caller's name");
  await form.getByRole("button", { name: "Add comment" }).click();
  await position.fill("0");
  await expect(page.getByText("Position in the recording: 0:00")).toBeVisible();
  // The comment's time link seeks the player (here, the stand-in) back to its moment.
  await form.getByRole("button", { name: "Play from 1:05" }).click();
  await expect(page.getByText("Position in the recording: 1:05")).toBeVisible();

  await form.getByRole("button", { name: "Submit evaluation" }).click();
  await expect(page.getByTestId("evaluation-form")).toHaveAttribute("data-status", "submitted");
  await expect(page.getByTestId("live-score")).toContainText(EXPECTED);
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
  await page.screenshot({ path: test.info().outputPath("dashboard-drill.png"), fullPage: true });

  // Every step is in the audit log.
  const evaluationId = decodeURIComponent(new URL(page.url()).pathname.split("/").pop() ?? "");
  const actions = await sql<{ action: string }>(
    request,
    `SELECT action FROM audit_log WHERE tenant_id = '${TENANT}' AND target = 'evaluation:${evaluationId}' ORDER BY at`,
  );
  expect(actions.map((a) => a.action)).toEqual(["qa.evaluation.create", "qa.evaluation.submit"]);
  const saves = await sql<{ n: number }>(
    request,
    `SELECT count() AS n FROM audit_log WHERE tenant_id = '${TENANT}' AND action = 'qa.scorecard.save' AND position(details, '${NAME}') > 0`,
  );
  expect(Number(saves[0]?.n)).toBe(1);
});
