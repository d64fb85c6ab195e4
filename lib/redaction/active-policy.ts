import { DEFAULT_REDACTION_POLICY, type RedactionPolicy } from "./kinds";

/**
 * The redaction policy the ingest pipeline applies, per tenant, in this process. The
 * runtime loads it from the stored settings at start and after each admin change
 * (redaction-settings.ts); until then, and for a tenant never configured, the default
 * applies: every kind masked, originals kept as REDACTION_KEEP_ORIGINAL says. Kept on
 * globalThis because Next.js may load this module twice in one process.
 */

const KEY = Symbol.for("cc-supervisor.redaction-policy");
type Holder = { [KEY]?: { byTenant: Map<string, RedactionPolicy>; fallback: RedactionPolicy } };

function state() {
  const holder = globalThis as Holder;
  holder[KEY] ??= { byTenant: new Map(), fallback: DEFAULT_REDACTION_POLICY };
  return holder[KEY];
}

export function activeRedactionPolicy(tenantId: string): RedactionPolicy {
  const s = state();
  return s.byTenant.get(tenantId) ?? s.fallback;
}

export function setActiveRedactionPolicy(tenantId: string, policy: RedactionPolicy): void {
  state().byTenant.set(tenantId, policy);
}

/** The policy of tenants never configured (the settings' version 0). */
export function setDefaultRedactionPolicy(policy: RedactionPolicy): void {
  state().fallback = policy;
}
