import { describe, expect, it } from "vitest";
import { agreement, calibrationSpread, stats } from "@/lib/qa/calibration/spread";

describe("calibration spread", () => {
  it("gives min, max, mean and the population standard deviation per question, N/A left out", () => {
    const q = (greet: number | null, tone: number | null) => [
      { id: "greet", text: "Greeted", points: greet },
      { id: "tone", text: "Tone", points: tone },
    ];
    const r = calibrationSpread([
      { evaluator: "A", score: 80, answers: { greet: "yes", tone: 5 }, questions: q(1, 1) },
      { evaluator: "B", score: 60, answers: { greet: "yes", tone: 3 }, questions: q(1, 0.5) },
      { evaluator: "C", score: 40, answers: { greet: "no", tone: "na" }, questions: q(0, null) },
    ]);
    // greet points 1, 1, 0: mean 2/3, variance ((1/3)^2 * 2 + (2/3)^2) / 3 = (2/9 + 4/9) / 3 = 2/9
    const greet = r.questions[0];
    expect(greet).toMatchObject({ questionId: "greet", n: 3, min: 0, max: 1 });
    expect(greet?.mean).toBeCloseTo(2 / 3, 12);
    expect(greet?.stdDev).toBeCloseTo(Math.sqrt(2 / 9), 12);
    expect(greet?.agreement).toBeCloseTo(2 / 3, 12);
    // tone points 1 and 0.5 (C said N/A): mean 0.75, sd 0.25; answers 5, 3, na all differ: agreement 1/3
    expect(r.questions[1]).toMatchObject({ n: 2, min: 0.5, max: 1, mean: 0.75, stdDev: 0.25 });
    expect(r.questions[1]?.agreement).toBeCloseTo(1 / 3, 12);
    // scores 80, 60, 40: mean 60, sd sqrt((400 + 0 + 400) / 3)
    expect(r.score.mean).toBe(60);
    expect(r.score.stdDev).toBeCloseTo(Math.sqrt(800 / 3), 12);
  });

  it("is unanimous at 1 and empty without answers", () => {
    expect(agreement(["yes", "yes"])).toBe(1);
    expect(agreement([null, null])).toBeNull();
    expect(stats([])).toEqual({ n: 0, min: null, max: null, mean: null, stdDev: null });
  });
});
