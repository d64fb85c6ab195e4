import { z } from "zod";

/**
 * What part of the centre a user may see: some teams and some queues. Absent means
 * the whole centre. Carried by every SessionUser; enforcing it in each query is a
 * later step (issue 9).
 */
export const scopeSchema = z.object({ teams: z.array(z.string().min(1)).default([]), queues: z.array(z.string().min(1)).default([]) });
export type Scope = z.infer<typeof scopeSchema>;
