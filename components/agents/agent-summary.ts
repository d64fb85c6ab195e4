import type { AgentKpis, KpiSummary } from "@/lib/kpi";
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
