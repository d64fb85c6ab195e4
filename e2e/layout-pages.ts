import { can, type Capability, type Role } from "../lib/auth/roles";

/** Ids for the detail pages, found in the running product's data. */
export type DetailIds = { queueId: string; agentId: string; callId: string | null; evaluationId: string | null; calibrationId: string | null };

/** Every signed-in page and the capability it needs (as each page's requirePageUser says), so a role's list follows the access rules. */
const PAGES: readonly { path: (ids: DetailIds) => string | null; capability: Capability }[] = [
  { path: () => "/", capability: "overview" },
  { path: () => "/trends", capability: "dashboards" },
  { path: () => "/queues", capability: "dashboards" },
  { path: (ids) => `/queues/${ids.queueId}`, capability: "dashboards" },
  { path: () => "/agents", capability: "dashboards" },
  { path: (ids) => `/agents/${ids.agentId}`, capability: "dashboards" },
  { path: () => "/contacts", capability: "contacts" },
  { path: () => "/callbacks", capability: "dashboards" },
  { path: () => "/search", capability: "recordings" },
  { path: (ids) => (ids.callId === null ? null : `/calls/${ids.callId}`), capability: "recordings" },
  { path: () => "/wallboard", capability: "wallboard" },
  { path: () => "/wallboard/replay", capability: "wallboard" },
  { path: () => "/wallboard/thresholds", capability: "admin" },
  { path: () => "/qa", capability: "qaDashboard" },
  { path: () => "/qa/work", capability: "evaluate" },
  { path: () => "/qa/calibrations", capability: "evaluate" },
  { path: (ids) => (ids.calibrationId === null ? null : `/qa/calibrations/${ids.calibrationId}`), capability: "evaluate" },
  { path: (ids) => (ids.evaluationId === null ? null : `/qa/evaluations/${ids.evaluationId}`), capability: "qaDashboard" },
  { path: () => "/qa/scorecards", capability: "admin" },
  { path: () => "/definitions", capability: "admin" },
  { path: () => "/admin/users", capability: "admin" },
  { path: () => "/admin/audit", capability: "admin" },
  { path: () => "/admin/redaction", capability: "admin" },
  { path: () => "/admin/monitoring", capability: "admin" },
];

export function pagesFor(role: Role, ids: DetailIds): string[] {
  return PAGES.filter((p) => can(role, p.capability))
    .map((p) => p.path(ids))
    .filter((p): p is string => p !== null);
}
