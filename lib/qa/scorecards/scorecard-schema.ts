import { z } from "zod";

/**
 * A scorecard form as an admin builds it: sections of questions. A question is
 * yes/no or a scale over a whole-number range, with a weight, whether N/A may be
 * answered, and whether it is critical (a "no" fails the whole evaluation). The
 * rules that turn answers into a score are in scoring.ts (and docs/qa.md).
 */

const id = z
  .string()
  .trim()
  .min(1, "is empty")
  .max(60, "is longer than 60 characters")
  .regex(/^[A-Za-z0-9_-]+$/, "may hold only letters, digits, - and _");

const base = {
  id,
  text: z.string().trim().min(1, "is empty").max(300, "is longer than 300 characters"),
  /** Relative importance; a question's share of the score is its weight over the sum of the answered questions' weights. */
  weight: z.number().positive("must be above 0").max(100, "must be at most 100"),
  allowNa: z.boolean().default(false),
};

export const yesNoQuestionSchema = z.object({ ...base, type: z.literal("yesno"), critical: z.boolean().default(false) });
export const scaleQuestionSchema = z.object({
  ...base,
  type: z.literal("scale"),
  min: z.number().int("must be a whole number").min(0, "must be at least 0").max(10, "must be at most 10"),
  max: z.number().int("must be a whole number").min(1, "must be at least 1").max(10, "must be at most 10"),
  // Only a yes/no question may be critical: "failed" must mean one clear thing.
  critical: z.literal(false).default(false),
});
export const questionSchema = z.discriminatedUnion("type", [yesNoQuestionSchema, scaleQuestionSchema]);

export const sectionSchema = z.object({
  id,
  title: z.string().trim().min(1, "is empty").max(120, "is longer than 120 characters"),
  questions: z.array(questionSchema).min(1, "a section needs at least one question").max(50, "at most 50 questions"),
});

const scorecardShape = z.object({
  name: z.string().trim().min(1, "is empty").max(120, "is longer than 120 characters"),
  description: z.string().trim().max(1000, "is longer than 1000 characters").default(""),
  archived: z.boolean().default(false),
  sections: z.array(sectionSchema).min(1, "a scorecard needs at least one section").max(20, "at most 20 sections"),
});

/** A form as stored: validated when it was saved; a form never saved (version 0) is empty (no name, no sections). */
export const storedScorecardSchema = z.object({ name: z.string(), description: z.string(), archived: z.boolean(), sections: z.array(sectionSchema) });

export const scorecardSchema = scorecardShape.superRefine((card, ctx) => {
  const seen = new Set<string>();
  const sections = new Set<string>();
  card.sections.forEach((s, si) => {
    if (sections.has(s.id)) ctx.addIssue({ code: "custom", path: ["sections", si, "id"], message: `section id "${s.id}" is used twice` });
    sections.add(s.id);
    s.questions.forEach((q, qi) => {
      if (seen.has(q.id)) ctx.addIssue({ code: "custom", path: ["sections", si, "questions", qi, "id"], message: `question id "${q.id}" is used twice` });
      seen.add(q.id);
      if (q.type === "scale" && q.min >= q.max) ctx.addIssue({ code: "custom", path: ["sections", si, "questions", qi, "max"], message: "must be above min" });
    });
  });
});

export type Scorecard = z.infer<typeof scorecardSchema>;
export type ScorecardInput = z.input<typeof scorecardSchema>;
export type Question = z.infer<typeof questionSchema>;
export type Section = z.infer<typeof sectionSchema>;

/** Every question of a scorecard in form order. */
export function questionsOf(card: Scorecard): Question[] {
  return card.sections.flatMap((s) => s.questions);
}
