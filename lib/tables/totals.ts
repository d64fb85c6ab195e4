import type { AgentKpis, AgentsReport, QueueKpis, TeamKpis } from "@/lib/kpi";
import { QUEUE_DEFAULTS, type SlVariant } from "@/lib/kpi/definitions";
import { computeKpis } from "@/lib/kpi/formulas";
import { sumCounts } from "@/lib/kpi/kpi-counts";
import type { PeopleScope } from "@/lib/kpi/not-applicable";
import type { QueueRow } from "./queue-table";

/**
 * Totals rows. Counts and sums add up; every rate and mean is computed again from
 * the summed numerator and denominator (a total service level is all answered
 * within T over all answered, never a sum or mean of the queues' percentages).
 * People's totals come summed from the server (AgentsReport.total), which holds
 * the state-time arithmetic; this module stays free of store code for the browser.
 */

/** The variant every queue uses, else the default: the rule for queues shown together. */
export function sharedVariant(queues: readonly QueueKpis[]): SlVariant {
  const set = new Set(queues.map((q) => q.slVariant));
  const [only] = set;
  return set.size === 1 && only !== undefined ? only : QUEUE_DEFAULTS.slVariant;
}

export function queueTotals(queues: readonly QueueKpis[], scope: PeopleScope | null): QueueRow {
  const counts = sumCounts(queues.map((q) => q.counts));
  const slVariant = sharedVariant(queues);
  return {
    total: true,
    queueId: "",
    name: "Total",
    configured: true,
    slThresholdS: QUEUE_DEFAULTS.slThresholdS,
    shortAbandonS: QUEUE_DEFAULTS.shortAbandonS,
    // Not shown (the totals row has no target column value), but the row's type has one.
    slTargetPct: QUEUE_DEFAULTS.slTargetPct,
    slVariant,
    slVariantRecognised: true,
    definitionVersion: 0,
    counts,
    kpis: computeKpis(counts, slVariant, scope),
  };
}

export function agentTotals(report: AgentsReport): AgentKpis {
  return { agentId: "", name: "Total", teamId: "", teamName: "", ...report.total };
}

export function teamTotals(report: AgentsReport): TeamKpis {
  return { teamId: "", teamName: "Total", agentCount: report.teams.reduce((n, t) => n + t.agentCount, 0), ...report.total };
}
