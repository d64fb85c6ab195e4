import { z } from "zod";
import { questionsOf, type Question, type Scorecard } from "./scorecard-schema";

/**
 * How answers become a score. Pure, and the one place the rules live (docs/qa.md
 * repeats them):
 *
 * - A question's points are a fraction of 1: yes = 1, no = 0; a scale answer v on
 *   [min, max] is (v - min) / (max - min), so the lowest answer is 0 and the
 *   highest 1 whatever the range.
 * - The score is the weighted mean of the answered questions' points, times 100:
 *   sum(weight x points) / sum(weight). N/A removes the question's weight from
 *   both sums, so the other questions share its weight in proportion to theirs.
 *   A section's score is the same mean over its own questions.
 * - A critical question answered "no" fails the evaluation: `failed` is true and
 *   the score is 0; the score the answers would have earned is kept as `rawScore`
 *   so a reviewer sees what the failure cost. A critical question answered N/A
 *   fails nothing.
 * - When every question is N/A there is nothing to score: score and rawScore are null.
 * - A draft may leave questions unanswered (they count as if N/A, for the running
 *   total); `missing` lists them, and submitting requires it to be empty.
 */

export const NA = "na" as const;
export const answerSchema = z.union([z.literal("yes"), z.literal("no"), z.literal(NA), z.number()]);
export type Answer = z.infer<typeof answerSchema>;
export type Answers = Record<string, Answer>;

export type QuestionScore = { questionId: string; points: number | null };
export type ScoreResult = {
  score: number | null;
  rawScore: number | null;
  failed: boolean;
  /** The critical questions answered "no". */
  failedBy: string[];
  sections: { sectionId: string; score: number | null }[];
  questions: QuestionScore[];
  missing: string[];
};

/** What is wrong with one answer to one question, or null when it fits. */
export function answerProblem(q: Question, a: Answer): string | null {
  if (a === NA) return q.allowNa ? null : "N/A is not allowed for this question";
  if (q.type === "yesno") return a === "yes" || a === "no" ? null : 'must be "yes" or "no"';
  if (typeof a !== "number" || !Number.isInteger(a)) return `must be a whole number from ${q.min} to ${q.max}`;
  return a >= q.min && a <= q.max ? null : `must be from ${q.min} to ${q.max}`;
}

/** Points of a valid answer as a fraction of 1; null for N/A. */
export function pointsOf(q: Question, a: Answer): number | null {
  if (a === NA) return null;
  if (q.type === "yesno") return a === "yes" ? 1 : 0;
  return ((a as number) - q.min) / (q.max - q.min);
}

function weightedMean(items: { weight: number; points: number | null }[]): number | null {
  let num = 0;
  let den = 0;
  for (const i of items) {
    if (i.points === null) continue;
    num += i.weight * i.points;
    den += i.weight;
  }
  return den === 0 ? null : (100 * num) / den;
}

/** Scores answers against a scorecard. Answers must have been checked with answerProblem (an unknown question id is ignored). */
export function scoreEvaluation(card: Scorecard, answers: Answers): ScoreResult {
  const questions: QuestionScore[] = [];
  const missing: string[] = [];
  const failedBy: string[] = [];
  const sections = card.sections.map((s) => {
    const items = s.questions.map((q) => {
      const a = answers[q.id];
      if (a === undefined) missing.push(q.id);
      const points = a === undefined ? null : pointsOf(q, a);
      if (q.critical && a === "no") failedBy.push(q.id);
      questions.push({ questionId: q.id, points });
      return { weight: q.weight, points };
    });
    return { sectionId: s.id, score: weightedMean(items) };
  });
  const all = questionsOf(card).map((q, i) => ({ weight: q.weight, points: questions[i]?.points ?? null }));
  const rawScore = weightedMean(all);
  const failed = failedBy.length > 0;
  return { score: failed ? (rawScore === null ? null : 0) : rawScore, rawScore, failed, failedBy, sections, questions, missing };
}

/** Problems with a set of answers, one sentence each, naming the question: unknown ids and answers that do not fit. */
export function answersProblems(card: Scorecard, answers: Answers): string[] {
  const byId = new Map(questionsOf(card).map((q) => [q.id, q]));
  const out: string[] = [];
  for (const [id, a] of Object.entries(answers)) {
    const q = byId.get(id);
    if (!q) {
      out.push(`answers.${id}: no such question in this scorecard version`);
      continue;
    }
    const problem = answerProblem(q, a);
    if (problem) out.push(`answers.${id}: ${problem}`);
  }
  return out;
}
