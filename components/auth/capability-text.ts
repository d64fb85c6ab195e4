import { CAPABILITIES, type Capability, type Role } from "@/lib/auth/roles";

const DESCRIPTIONS: Record<Capability, string> = {
  overview: "the KPI overview",
  dashboards: "detailed dashboards and drill-down",
  contacts: "the contact list",
  wallboard: "the live floor",
  monitor: "acting on the floor: monitoring calls, setting agents' states",
  recordings: "recordings, transcripts and evaluations",
  qaDashboard: "the quality dashboard (evaluation scores)",
  evaluate: "evaluating calls against scorecards",
  admin: "users, KPI definitions and thresholds",
};

const ROLE_LABELS: Record<Role, string> = { admin: "Admin", manager: "Manager", supervisor: "Supervisor", qa: "Quality analyst" };

export const capabilityDescription = (c: Capability): string => DESCRIPTIONS[c];
export const roleLabel = (r: Role): string => ROLE_LABELS[r];

export function isCapability(value: string): value is Capability {
  return Object.hasOwn(CAPABILITIES, value);
}
