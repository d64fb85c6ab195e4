import { z } from "zod";

/** Input rules for an admin's thresholds (server side: kept apart so the wallboard's browser code does not load zod). */

const count = z.number().int().min(0).max(100_000);
const seconds = z.number().int().min(0).max(86_400);

export const thresholdsSchema = z
  .object({
    longestWaitS: z.object({ warning: seconds, critical: seconds }),
    waiting: z.object({ warning: count, critical: count }),
  })
  // Strict: service-level bounds (serviceLevelPct) were here once; a client still sending them
  // is told they are gone (the queue's target colours service level) rather than ignored.
  .strict()
  .refine((t) => t.longestWaitS.warning <= t.longestWaitS.critical, { message: "the warning wait must not exceed the critical one", path: ["longestWaitS"] })
  .refine((t) => t.waiting.warning <= t.waiting.critical, { message: "the warning count must not exceed the critical one", path: ["waiting"] });

export const thresholdsUpdateSchema = z.object({
  queueId: z.string().min(1).max(64),
  thresholds: thresholdsSchema,
  /** The version the admin edited; a later one means someone else saved meanwhile (409). */
  expectedVersion: z.number().int().min(0).optional(),
});
export type ThresholdsUpdate = z.infer<typeof thresholdsUpdateSchema>;
