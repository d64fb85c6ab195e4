import { z } from "zod";

/**
 * A sampling rule: which calls of a period are eligible (queues, outcomes, talk
 * time) and how many each agent should have evaluated, shared among evaluators.
 * The selection itself is select-sample.ts.
 */

export const CALL_OUTCOMES = ["agent_released", "caller_released", "system_released", "transferred"] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

const DAY_MS = 86_400_000;

export const samplingRuleSchema = z
  .object({
    from: z.number().int().positive("must be epoch milliseconds"),
    to: z.number().int().positive("must be epoch milliseconds"),
    queues: z.array(z.string().min(1)).max(200).default([]),
    outcomes: z.array(z.enum(CALL_OUTCOMES)).max(CALL_OUTCOMES.length).default([]),
    minTalkS: z.number().int().min(0, "must be 0 or more").max(86_400).optional(),
    maxTalkS: z.number().int().min(1, "must be 1 or more").max(86_400).optional(),
    perAgent: z.number().int().min(1, "must be at least 1").max(50, "must be at most 50"),
    evaluators: z.array(z.string().min(1)).min(1, "name at least one evaluator").max(100),
    seed: z.string().max(100).optional(),
  })
  .superRefine((r, ctx) => {
    if (r.to <= r.from) ctx.addIssue({ code: "custom", path: ["to"], message: "must be after from" });
    if (r.to - r.from > 93 * DAY_MS) ctx.addIssue({ code: "custom", path: ["to"], message: "a sampling period may be at most 93 days" });
    if (r.minTalkS !== undefined && r.maxTalkS !== undefined && r.maxTalkS < r.minTalkS)
      ctx.addIssue({ code: "custom", path: ["maxTalkS"], message: "must not be below minTalkS" });
    if (new Set(r.evaluators).size !== r.evaluators.length) ctx.addIssue({ code: "custom", path: ["evaluators"], message: "names an evaluator twice" });
  });
export type SamplingRule = z.infer<typeof samplingRuleSchema>;

/** One answered agent leg of the period, as the rule sees it. */
export type Candidate = { callId: string; legId: string; agentId: string; queueId: string; teamId: string; talkMs: number; outcome: CallOutcome; at: number };

export function eligible(rule: SamplingRule, c: Candidate): boolean {
  if (c.at < rule.from || c.at >= rule.to) return false;
  if (rule.queues.length > 0 && !rule.queues.includes(c.queueId)) return false;
  if (rule.outcomes.length > 0 && !rule.outcomes.includes(c.outcome)) return false;
  if (rule.minTalkS !== undefined && c.talkMs < rule.minTalkS * 1000) return false;
  if (rule.maxTalkS !== undefined && c.talkMs > rule.maxTalkS * 1000) return false;
  return true;
}
