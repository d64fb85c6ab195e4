import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { test, expect, signIn, sql } from "./support";

/**
 * Calibration end to end: QA starts one on a recorded call, and QA and a supervisor
 * each score it blind on the call's page; neither sees the other's answers before
 * submitting their own, and afterwards both see the spread per question. An admin,
 * who runs calibrations, sees it without scoring. The expected spread is worked out
 * here by hand from the answers given, never read from the code under test.
 */

const TENANT = process.env.TENANT_ID ?? "demo";
const NAME = `E2E calibration form ${randomBytes(3).toString("hex")}`;
const CARD = {
  name: NAME,
  sections: [
    {
      id: "handling",
      title: "Call handling",
      questions: [
        { id: "greet", text: "Greeted the caller", type: "yesno", weight: 1 },
        { id: "tone", text: "Tone", type: "scale", min: 1, max: 5, weight: 1 },
      ],
    },
  ],
};

// Points per answer: yes 1, no 0; a scale answer s on 1..5 is (s - 1) / 4. Score: the weighted mean, in percent.
// QA: yes, 4 -> (1 + 0.75) / 2 = 87.5 %. Supervisor: no, 2 -> (0 + 0.25) / 2 = 12.5 %.
// Spread (population, the evaluators are the whole group): scores 12.5..87.5, mean 50, deviation 37.5 points;
// greet points 0 and 1: deviation 0.5; tone 0.25 and 0.75: deviation 0.25; each question split 1:1, agreement 50 %.
const QA_ANSWERS = { greet: "Yes", tone: "4" };
const SUPERVISOR_ANSWERS = { greet: "No", tone: "2" };

async function scoreBlind(page: Page, calibrationPath: string, answers: { greet: string; tone: string }, othersScore: string) {
  await page.goto(calibrationPath);
  const spread = page.getByTestId("calibration-spread");
  await expect(spread).toContainText("The others' answers stay hidden until you submit your own evaluation in this calibration.");
  // Blind: no one else's score is on the page.
  await expect(spread).not.toContainText(othersScore);
  await spread.getByRole("link", { name: "score it" }).click();
  await expect(page).toHaveURL(/[?&]calibration=/);
  const slot = page.locator('[data-slot="evaluation"]');
  await expect(slot).toContainText("This calibration fixes the scorecard.");
  await slot.getByRole("button", { name: "Start evaluation" }).click();
  const form = slot.getByTestId("evaluation-form");
  await expect(form).toHaveAttribute("data-status", "draft");
  await form.getByRole("radiogroup", { name: "Greeted the caller" }).getByLabel(answers.greet).check();
  await form.getByRole("radiogroup", { name: "Tone" }).getByLabel(answers.tone, { exact: true }).check();
  await slot.getByRole("button", { name: "Submit evaluation" }).click();
  await expect(form).toHaveAttribute("data-status", "submitted");
}

test("two evaluators score a call blind in a calibration, then each sees the spread per question; an admin sees it without scoring", async ({ page, request }) => {
  const [call] = await sql<{ call_id: string; agent_name: string }>(
    request,
    `SELECT r.the_call AS call_id, a.name AS agent_name
     FROM (SELECT max(call_id) AS the_call, max(agent_id) AS the_agent, max(started_at) AS the_at FROM recordings WHERE tenant_id = '${TENANT}' AND agent_id != ''
           GROUP BY recording_id HAVING max(duration_ms) > 60000) AS r
     JOIN (SELECT agent_id, name FROM agents FINAL WHERE tenant_id = '${TENANT}' AND name != '') AS a ON a.agent_id = r.the_agent
     ORDER BY r.the_at DESC LIMIT 1`,
  );
  if (!call) throw new Error("no recorded call of a named agent");

  // The admin builds the form (the scorecard builder's own test is qa.spec.ts).
  await signIn(page, "admin");
  const saved = await page.request.post("/api/qa/scorecards", { data: CARD });
  expect(saved.status()).toBe(200);

  // QA starts the calibration on the call, from the calibrations page.
  await page.context().clearCookies();
  await signIn(page, "qa");
  await page.goto("/qa/calibrations");
  await page.getByLabel("Call id").fill(call.call_id);
  await page.getByLabel("Scorecard").selectOption({ label: NAME });
  await page.getByRole("button", { name: "Start" }).click();
  const title = `${NAME} on call ${call.call_id}`;
  const link = page.getByRole("link", { name: title });
  await expect(link).toBeVisible();
  await link.click();
  await expect(page).toHaveURL(/\/qa\/calibrations\/[^/]+$/);
  const calibrationPath = new URL(page.url()).pathname;
  // People's words: the agent and the scorecard by name.
  await expect(page.getByTestId("calibration-spread")).toContainText(`agent ${call.agent_name}`);
  await expect(page.getByTestId("calibration-spread")).toContainText(`scorecard ${NAME} v1`);

  await scoreBlind(page, calibrationPath, QA_ANSWERS, "12.5 %");
  await page.goto(calibrationPath);
  await expect(page.getByTestId("calibration-spread")).toContainText("1 submitted");
  await expect(page.getByTestId("calibration-spread")).toContainText("87.5 %");

  await page.context().clearCookies();
  await signIn(page, "supervisor");
  await scoreBlind(page, calibrationPath, SUPERVISOR_ANSWERS, "87.5 %");

  // Both in: the spread, for the supervisor and then for an admin who scored nothing.
  for (const viewer of ["supervisor", "admin"] as const) {
    if (viewer === "admin") {
      await page.context().clearCookies();
      await signIn(page, "admin");
    }
    await page.goto(calibrationPath);
    const spread = page.getByTestId("calibration-spread");
    await expect(spread).toContainText("2 submitted");
    await expect(spread).toContainText("spread 12.5 % to 87.5 %, standard deviation 37.5 points");
    const greet = spread.locator('tr[data-question="greet"]');
    await expect(greet.locator("td")).toHaveText([/: Yes; .*: No$|: No; .*: Yes$/, "0 %", "100 %", "0.50", "50 %"]);
    const tone = spread.locator('tr[data-question="tone"]');
    await expect(tone.locator("td")).toHaveText([/: 4; .*: 2$|: 2; .*: 4$/, "25 %", "75 %", "0.25", "50 %"]);
  }
  await page.screenshot({ path: test.info().outputPath("calibration-spread.png"), fullPage: true });

  // Practice, not a score: both evaluations are kept with the calibration, out of the dashboard's rows.
  const id = decodeURIComponent(calibrationPath.split("/").pop() ?? "");
  const rows = await sql<{ n: string }>(
    request,
    `SELECT count() AS n FROM qa_evaluations FINAL WHERE tenant_id = '${TENANT}' AND calibration_id = '${id}' AND status = 'submitted'`,
  );
  expect(Number(rows[0]?.n)).toBe(2);
});
