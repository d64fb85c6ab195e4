import { computeKpis, ZERO_COUNTS, type KpiCounts, type QueueKpis, type AgentKpis, type SeriesPoint } from "@/lib/kpi";

/** Small hand-made engine outputs for the web layer's pure steps. */

export function counts(over: Partial<KpiCounts>): KpiCounts {
  return { ...ZERO_COUNTS, ...over };
}

export function queueRow(queueId: string, c: Partial<KpiCounts>, over: Partial<QueueKpis> = {}): QueueKpis {
  const full = counts(c);
  return {
    queueId,
    name: queueId.toUpperCase(),
    configured: true,
    slThresholdS: 20,
    shortAbandonS: 5,
    slVariant: "answered_within_over_answered",
    slVariantRecognised: true,
    slTargetPct: 80,
    definitionVersion: 1,
    counts: full,
    kpis: computeKpis(full),
    ...over,
  };
}

export function agentRow(agentId: string, c: Partial<KpiCounts>, reasons: Record<string, number> = {}, ringNoAnswer = 0): AgentKpis {
  const full = counts(c);
  const kpis = computeKpis(full, undefined, "agent");
  const offers = full.answered + ringNoAnswer;
  return {
    agentId,
    name: `Agent ${agentId}`,
    teamId: "blue",
    teamName: "Blue",
    offers,
    answered: full.answered,
    ringNoAnswer,
    answerRate: offers > 0 ? full.answered / offers : null,
    handled: full.handled,
    transferred: full.transferred,
    transferRate: kpis.transfer_rate.value,
    ahtMs: kpis.aht.value,
    ahtSplit: null,
    stateMs: { ready: full.stateReadyMs, busy: full.stateBusyMs, after_call_work: full.stateAcwMs, not_ready: Object.values(reasons).reduce((a, b) => a + b, 0) },
    notReadyMsByReason: reasons,
    occupancy: kpis.occupancy.value,
    counts: full,
    kpis,
  };
}

export function point(start: number, end: number, c: Partial<KpiCounts>): SeriesPoint {
  const full = counts(c);
  return { start, end, counts: full, kpis: computeKpis(full) };
}
