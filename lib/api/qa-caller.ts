import type { Caller } from "@/lib/qa/evaluations/evaluation-actions";
import { actorOf } from "./actor";
import type { ScopedContext } from "./endpoint";

/** The QA lib's view of a request: tenant, who (for the audit log), their role and scope. */
export function callerOf(ctx: ScopedContext): Caller {
  return { tenantId: ctx.tenantId, actor: actorOf(ctx), role: ctx.user.role, access: ctx.access };
}
