import type { AgentKpis, KpiSummary } from "@/lib/kpi";
import { formatCount, formatPercent } from "@/lib/tables/format";
import { KPI_DEFINITIONS, KPI_IDS, QUEUE_DEFAULTS, type KpiId } from "@/lib/kpi/definitions";

/**
 * An agent's row as the summary shape the KPI tiles read, with each KPI's
 * definition version. Service level is not shown per agent, so the default
 * variant is only a placeholder.
 */
export function agentSummary(agent: AgentKpis, scope: { from: number; to: number; queueIds: readonly string[] }): KpiSummary {
  const kpis = {} as KpiSummary["kpis"];
  for (const id of KPI_IDS as readonly KpiId[]) kpis[id] = { ...agent.kpis[id], version: KPI_DEFINITIONS[id].version };
  return { from: scope.from, to: scope.to, queueIds: [...scope.queueIds], variant: QUEUE_DEFAULTS.slVariant, kpis, counts: agent.counts };
}

/** "Answered 56 of 60 offers (answer rate 93.3%); 4 rang, not answered": offers count the rings the agent let pass. */
export function offersText(a: { offers: number; answered: number; ringNoAnswer: number; answerRate: number | null }): string {
  if (a.offers === 0) return "No calls offered";
  const rate = a.answerRate === null ? "" : ` (answer rate ${formatPercent(a.answerRate)})`;
  return `Answered ${formatCount(a.answered)} of ${formatCount(a.offers)} offers${rate}; ${formatCount(a.ringNoAnswer)} rang, not answered`;
}
