import { describe, expect, it } from "vitest";
import { scorecardSchema, type ScorecardInput } from "@/lib/qa/scorecards/scorecard-schema";
import { answersProblems, scoreEvaluation } from "@/lib/qa/scorecards/scoring";

/** Every expected score below is worked out by hand in the comment beside it. */
const card = scorecardSchema.parse({
  name: "Support calls",
  sections: [
    {
      id: "open",
      title: "Opening",
      questions: [
        { id: "greet", text: "Greeted the caller", type: "yesno", weight: 1 },
        { id: "id", text: "Checked identity", type: "yesno", weight: 2, critical: true, allowNa: true },
      ],
    },
    {
      id: "body",
      title: "Handling",
      questions: [
        { id: "empathy", text: "Empathy", type: "scale", min: 1, max: 5, weight: 3, allowNa: true },
        { id: "hold", text: "Asked before holding", type: "yesno", weight: 4, allowNa: true },
      ],
    },
  ],
} satisfies ScorecardInput);

describe("scoring an evaluation", () => {
  it("weights each question's points: yes 1, no 0, scale (v - min) / (max - min)", () => {
    // greet yes 1x1, id yes 2x1, empathy 4 on 1..5 = 0.75 x3 = 2.25, hold no 4x0: (1 + 2 + 2.25 + 0) / 10 = 52.5 %
    const r = scoreEvaluation(card, { greet: "yes", id: "yes", empathy: 4, hold: "no" });
    expect(r.score).toBeCloseTo(52.5, 10);
    expect(r.failed).toBe(false);
    // Opening (1 + 2) / 3 = 100; Handling 2.25 / 7 = 32.142857...
    expect(r.sections).toEqual([
      { sectionId: "open", score: 100 },
      { sectionId: "body", score: (100 * 2.25) / 7 },
    ]);
    expect(r.missing).toEqual([]);
  });

  it("removes an N/A question's weight from both sums", () => {
    // hold N/A: (1 + 2 + 2.25) / (1 + 2 + 3) = 5.25 / 6 = 87.5 %
    expect(scoreEvaluation(card, { greet: "yes", id: "yes", empathy: 4, hold: "na" }).score).toBeCloseTo(87.5, 10);
    // empathy at its lowest (1 -> 0 points) and hold N/A: (1 + 2 + 0) / 6 = 50 %
    expect(scoreEvaluation(card, { greet: "yes", id: "yes", empathy: 1, hold: "na" }).score).toBeCloseTo(50, 10);
  });

  it("fails the whole evaluation on a critical no, keeping what the answers would have earned", () => {
    // id no: raw (1 + 0 + 3 + 4) / 10 = 80 %, score 0
    const r = scoreEvaluation(card, { greet: "yes", id: "no", empathy: 5, hold: "yes" });
    expect(r).toMatchObject({ score: 0, failed: true, failedBy: ["id"] });
    expect(r.rawScore).toBeCloseTo(80, 10);
  });

  it("does not fail on a critical question answered N/A", () => {
    // id N/A: (1 + 3 + 4) / 8 = 100 %
    expect(scoreEvaluation(card, { greet: "yes", id: "na", empathy: 5, hold: "yes" })).toMatchObject({ score: 100, failed: false });
  });

  it("has no score when nothing is scorable, and lists unanswered questions", () => {
    const r = scoreEvaluation(card, { id: "na", empathy: "na" });
    expect(r.score).toBeNull();
    expect(r.missing).toEqual(["greet", "hold"]);
  });
});

describe("checking answers", () => {
  it("names the question and what is wrong", () => {
    expect(answersProblems(card, { greet: "na", empathy: 7, hold: 1, nope: "yes", id: "yes" })).toEqual([
      "answers.greet: N/A is not allowed for this question",
      "answers.empathy: must be from 1 to 5",
      'answers.hold: must be "yes" or "no"',
      "answers.nope: no such question in this scorecard version",
    ]);
  });
});

describe("a scorecard form", () => {
  it("refuses a critical scale question (only yes/no may fail an evaluation)", () => {
    const bad = scorecardSchema.safeParse({
      name: "x",
      sections: [{ id: "s", title: "S", questions: [{ id: "c", text: "C", type: "scale", min: 1, max: 5, weight: 1, critical: true }] }],
    });
    expect(bad.error?.issues.map((i) => i.path.join("."))).toEqual(["sections.0.questions.0.critical"]);
  });

  it("refuses repeated ids and an empty range once the shapes are right", () => {
    const bad = scorecardSchema.safeParse({
      name: "x",
      sections: [
        {
          id: "s",
          title: "S",
          questions: [
            { id: "a", text: "A", type: "scale", min: 3, max: 3, weight: 1 },
            { id: "a", text: "B", type: "yesno", weight: 1 },
          ],
        },
      ],
    });
    expect(bad.error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`)).toEqual([
      "sections.0.questions.0.max: must be above min",
      'sections.0.questions.1.id: question id "a" is used twice',
    ]);
  });
});
