import type { Answer } from "../scorecards/scoring";

/**
 * How far apart evaluators are on each question of a calibration. Pure.
 *
 * - points: each answer's points as a fraction of 1 (scoring.ts), N/A left out;
 * - min, max, mean and the population standard deviation of those points (the
 *   evaluators are the whole group, not a sample of one), null with no points;
 * - agreement: the share of evaluators who gave the most common answer, N/A
 *   counting as an answer (two saying N/A where one says "no" disagree). 1 is
 *   unanimous; with k evaluators the lowest possible is 1/k.
 */
export type CalibrationEntry = {
  evaluator: string;
  score: number | null;
  answers: Record<string, Answer>;
  questions: readonly { id: string; text: string; points: number | null }[];
};

export type Stats = { n: number; min: number | null; max: number | null; mean: number | null; stdDev: number | null };
export type QuestionSpread = Stats & { questionId: string; text: string; agreement: number | null; answers: { evaluator: string; answer: Answer | null }[] };

export function stats(values: readonly number[]): Stats {
  const n = values.length;
  if (n === 0) return { n, min: null, max: null, mean: null, stdDev: null };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / n;
  return { n, min: Math.min(...values), max: Math.max(...values), mean, stdDev: Math.sqrt(variance) };
}

export function agreement(answers: readonly (Answer | null)[]): number | null {
  const given = answers.filter((a): a is Answer => a !== null);
  if (given.length === 0) return null;
  const counts = new Map<string, number>();
  for (const a of given) counts.set(String(a), (counts.get(String(a)) ?? 0) + 1);
  return Math.max(...counts.values()) / given.length;
}

export function calibrationSpread(entries: readonly CalibrationEntry[]): { score: Stats; questions: QuestionSpread[] } {
  const order: { id: string; text: string }[] = [];
  for (const e of entries) for (const q of e.questions) if (!order.some((o) => o.id === q.id)) order.push({ id: q.id, text: q.text });
  const questions = order.map(({ id, text }) => {
    const points = entries.flatMap((e) => {
      const p = e.questions.find((q) => q.id === id)?.points;
      return p === null || p === undefined ? [] : [p];
    });
    const answers = entries.map((e) => ({ evaluator: e.evaluator, answer: e.answers[id] ?? null }));
    return { questionId: id, text, ...stats(points), agreement: agreement(answers.map((a) => a.answer)), answers };
  });
  return { score: stats(entries.flatMap((e) => (e.score === null ? [] : [e.score]))), questions };
}
