import { bucketStart } from "@/lib/time/buckets";
import type { Evaluation } from "../evaluations/evaluation-schema";

/**
 * The QA dashboard's figures from submitted evaluations. Pure. Every group's
 * score is the plain mean of its evaluations' scores (each evaluation counts
 * once; evaluations with no score, all N/A, are counted but not averaged), its
 * fail rate the share failed on a critical question. A question's figure is the
 * mean of its points (0..1, N/A left out) as a percentage. Days are the viewer's
 * local days.
 */

export type Group = { key: string; evaluations: number; scored: number; meanScore: number | null; failed: number; failRate: number | null };
export type QuestionGroup = { questionId: string; text: string; answered: number; meanPct: number | null };
export type QaScores = { total: Group; byAgent: Group[]; byTeam: Group[]; byQueue: Group[]; byDay: Group[]; byQuestion: QuestionGroup[] };

type Scored = Pick<Evaluation, "agentId" | "teamId" | "queueId" | "callAt" | "score" | "failed" | "questions">;

function group(key: string, list: readonly Scored[]): Group {
  const scores = list.flatMap((e) => (e.score === null ? [] : [e.score]));
  const failed = list.filter((e) => e.failed).length;
  return {
    key,
    evaluations: list.length,
    scored: scores.length,
    meanScore: scores.length === 0 ? null : scores.reduce((a, b) => a + b, 0) / scores.length,
    failed,
    failRate: list.length === 0 ? null : failed / list.length,
  };
}

function groupBy(list: readonly Scored[], keyOf: (e: Scored) => string): Group[] {
  const m = new Map<string, Scored[]>();
  for (const e of list) m.set(keyOf(e), [...(m.get(keyOf(e)) ?? []), e]);
  return [...m].map(([k, l]) => group(k, l)).sort((a, b) => a.key.localeCompare(b.key));
}

export function aggregateScores(list: readonly Scored[], tz: string): QaScores {
  const questions = new Map<string, { text: string; points: number[]; answered: number }>();
  for (const e of list) {
    for (const q of e.questions) {
      const entry = questions.get(q.id) ?? { text: q.text, points: [], answered: 0 };
      if (q.points !== null) {
        entry.points.push(q.points);
        entry.answered += 1;
      }
      questions.set(q.id, entry);
    }
  }
  return {
    total: group("all", list),
    byAgent: groupBy(list, (e) => e.agentId),
    byTeam: groupBy(list, (e) => e.teamId),
    byQueue: groupBy(list, (e) => e.queueId),
    byDay: groupBy(list, (e) => String(bucketStart(e.callAt, "day", tz))),
    byQuestion: [...questions]
      .map(([questionId, q]) => ({
        questionId,
        text: q.text,
        answered: q.answered,
        meanPct: q.points.length === 0 ? null : (100 * q.points.reduce((a, b) => a + b, 0)) / q.points.length,
      }))
      .sort((a, b) => (a.meanPct ?? 101) - (b.meanPct ?? 101) || a.questionId.localeCompare(b.questionId)),
  };
}
