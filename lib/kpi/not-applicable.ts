import { KPI_IDS, QUEUE_DEFAULTS, kpiDefinition, type KpiId, type KpiInputs, type SlVariant } from "./definitions";
import type { KpiResult } from "./formulas";
import type { CountName } from "./kpi-counts";

/**
 * Which KPIs mean nothing when contacts are counted per person. With a team filter
 * (or per agent, or per team) the contacts are those an agent answered; a caller
 * who hung up, timed out, is still waiting or was lost reached nobody, so belongs
 * to no team or agent. A KPI built on any count of such contacts would show a
 * number (an abandon rate of 0.0%) that is not true, so it is "not applicable"
 * instead, with the reason in plain words.
 */

/** Whose contacts are counted: a team's (team filter or a team's row) or one agent's. */
export type PeopleScope = "team" | "agent";

export type NotApplicable = { reason: string };

/**
 * Counts of contacts no agent answered (or of waits they include): they drop out when
 * counting per person. Offered is not among them: per person it is what reached the
 * person, and the convention says so.
 */
export const UNANSWERED_COUNTS: ReadonlySet<CountName> = new Set<CountName>([
  "inProgress",
  "lost",
  "abandoned",
  "shortAbandoned",
  "timedOut",
  "otherExits",
  "abandonedWithin",
  "waitMsSum",
  "waitMsMax",
]);

/** Every count a KPI's value is computed from. */
export function inputCounts(inputs: KpiInputs): CountName[] {
  switch (inputs.kind) {
    case "count":
      return [inputs.value];
    case "max":
      return [inputs.value, inputs.over];
    case "ratio":
      return [...inputs.numerator.plus, ...(inputs.numerator.minus ?? []), ...inputs.denominator.plus, ...(inputs.denominator.minus ?? [])];
  }
}

function reason(id: KpiId, scope: PeopleScope): string {
  const who = scope === "team" ? "team" : "agent";
  const filter = scope === "team" ? "with a team filter" : "for one agent";
  if (id === "service_level")
    return `Not applicable ${filter}: this service-level variant counts abandoned calls, which no agent answered, so they belong to no ${who}. The variant "answered within T / answered" applies.`;
  return `Not applicable ${filter}: abandoned, timed-out, waiting and lost calls were never answered by an agent, so they belong to no ${who}.`;
}

/** Why a KPI is not applicable in this scope, or null when it is. */
export function notApplicable(id: KpiId, variant: SlVariant = QUEUE_DEFAULTS.slVariant, scope: PeopleScope | null = null): NotApplicable | null {
  if (scope === null) return null;
  const uses = inputCounts(kpiDefinition(id, variant).inputs).some((name) => UNANSWERED_COUNTS.has(name));
  return uses ? { reason: reason(id, scope) } : null;
}

/** The KPIs with every not-applicable one's value (and inputs) replaced by its reason. */
export function markNotApplicable<T extends KpiResult>(kpis: Record<KpiId, T>, variant: SlVariant, scope: PeopleScope | null): Record<KpiId, T> {
  if (scope === null) return kpis;
  const out = { ...kpis };
  for (const id of KPI_IDS) {
    const na = notApplicable(id, variant, scope);
    if (!na) continue;
    const marked: T = { ...kpis[id], value: null, notApplicable: na };
    // The inputs left are only the answered part; shown, they would read as the whole.
    delete marked.numerator;
    delete marked.denominator;
    out[id] = marked;
  }
  return out;
}

/** A team filter makes every number a team's. */
export function filterScope(teamIds: readonly string[]): PeopleScope | null {
  return teamIds.length > 0 ? "team" : null;
}
