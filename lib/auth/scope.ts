import { z } from "zod";

export const scopeSchema = z.object({ teams: z.array(z.string().min(1)).default([]), queues: z.array(z.string().min(1)).default([]) });
export type Scope = z.infer<typeof scopeSchema>;
