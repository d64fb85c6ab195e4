import { queueInScope, type ScopeAccess } from "@/lib/auth/scope-access";
import type { ThresholdsResponse } from "./store/threshold-settings";

/** The thresholds form with only the scope's queues (the default row stays: it is no queue's data). */
export function scopeThresholds<T extends ThresholdsResponse>(form: T, access: ScopeAccess): T {
  return { ...form, queues: form.queues.filter((q) => queueInScope(access, q.id)) };
}
