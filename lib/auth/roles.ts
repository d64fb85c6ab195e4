import { z } from "zod";

export const ROLES = ["admin", "manager", "supervisor", "qa"] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/**
 * What each role may do. The overview is everyone's landing page; detailed
 * dashboards are for managers, supervisors and admins; the live floor for them
 * too (managers read-only), its monitoring controls for supervisors and admins; recordings for QA, supervisors
 * and admins; settings and users for admins only.
 */
export const CAPABILITIES = {
  overview: ["admin", "manager", "supervisor", "qa"],
  dashboards: ["admin", "manager", "supervisor"],
  // The contact list is where QA picks calls to review (each row opens the call page), so QA has
  // it without the KPI dashboards; its CSV export stays with `dashboards`.
  contacts: ["admin", "manager", "supervisor", "qa"],
  // Watching the floor (managers too: a read-only view; acting on it is `monitor`).
  wallboard: ["admin", "manager", "supervisor"],
  // Acting on the floor: listen / whisper / barge, setting an agent's state, callbacks (docs/telephony.md).
  // Separate from viewing the wallboard, so a role may watch the floor without touching it.
  monitor: ["admin", "supervisor"],
  recordings: ["admin", "supervisor", "qa"],
  // Quality management (docs/qa.md): scores are read by managers too; evaluating is QA's and the
  // supervisors' (in their scope); scorecard forms are built by admins (the `admin` capability).
  qaDashboard: ["admin", "manager", "supervisor", "qa"],
  evaluate: ["admin", "supervisor", "qa"],
  admin: ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Capability = keyof typeof CAPABILITIES;

export function can(role: Role, capability: Capability): boolean {
  return (CAPABILITIES[capability] as readonly Role[]).includes(role);
}
