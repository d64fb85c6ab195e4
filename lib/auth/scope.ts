import { z } from "zod";

/**
 * What part of the centre a user may see: some teams and/or some queues. Absent
 * means the whole centre. Set per user in the users file, or from an OIDC claim.
 */
export const scopeSchema = z.object({ teams: z.array(z.string().min(1)).default([]), queues: z.array(z.string().min(1)).default([]) });
export type Scope = z.infer<typeof scopeSchema>;
