import type { QueueKpis } from "@/lib/kpi";
import { SL_VARIANT_DEFINITIONS } from "@/lib/kpi/definitions";
import { ragStatus, RAG_ICONS, RAG_LABELS, type RagStatus } from "@/lib/targets/rag";
import { withKpiNotApplicable, type Column } from "./table";

/** A queue's row, or the totals row (no queue settings of its own). */
export type QueueRow = QueueKpis & { total?: boolean };

/** The queue's service level against its own target. */
export function serviceLevelRag(q: QueueKpis): RagStatus {
  const v = q.kpis.service_level.value;
  return ragStatus(v === null ? null : v * 100, q.slTargetPct);
}

const ragText = (s: RagStatus): string => `${RAG_ICONS[s]} ${RAG_LABELS[s]}`;

/** Mean per handled contact of one part of AHT; the three parts add up to AHT. */
export function perHandled(sum: number, handled: number): number | null {
  return handled > 0 ? sum / handled : null;
}

/** The queues page's table: one row per queue, every KPI by the queue's own settings. */
export const QUEUE_COLUMNS: readonly Column<QueueRow>[] = withKpiNotApplicable<QueueRow>([
  { id: "queue", header: "Queue", kind: "text", value: (q) => q.name },
  { id: "offered", header: "Offered", kind: "count", kpi: "offered", value: (q) => q.counts.offered },
  { id: "answered", header: "Answered", kind: "count", kpi: "answered", value: (q) => q.counts.answered },
  { id: "abandoned", header: "Abandoned", kind: "count", kpi: "abandoned", value: (q) => q.counts.abandoned },
  { id: "abandon_rate", header: "Abandon rate", kind: "ratio", kpi: "abandon_rate", value: (q) => q.kpis.abandon_rate.value },
  { id: "short_abandoned", header: "Short abandons", kind: "count", kpi: "short_abandoned", value: (q) => q.counts.shortAbandoned },
  { id: "timed_out", header: "Timed out", kind: "count", kpi: "timed_out", value: (q) => q.counts.timedOut },
  { id: "asa", header: "ASA", kind: "duration", kpi: "asa", value: (q) => q.kpis.asa.value },
  { id: "avg_wait", header: "Avg wait", kind: "duration", kpi: "avg_wait", value: (q) => q.kpis.avg_wait.value },
  { id: "longest_wait", header: "Longest wait", kind: "duration", kpi: "longest_wait", value: (q) => q.kpis.longest_wait.value },
  { id: "service_level", header: "Service level", kind: "ratio", kpi: "service_level", value: (q) => q.kpis.service_level.value },
  { id: "sl_target", header: "SL target", kind: "ratio", value: (q) => (q.total ? null : q.slTargetPct / 100) },
  {
    id: "sl_against_target",
    header: "Against target",
    kind: "text",
    // Words and a symbol, not colour alone; the page colours the cell by the same status (tone). The totals
    // row has no target of its own (queues may differ), so it is judged nowhere.
    value: (q) => (q.total ? null : ragText(serviceLevelRag(q))),
    tone: (q) => (q.total ? undefined : serviceLevelRag(q)),
  },
  { id: "sl_threshold", header: "SL threshold (s)", kind: "count", value: (q) => (q.total ? null : q.slThresholdS) },
  { id: "sl_variant", header: "SL variant", kind: "text", value: (q) => SL_VARIANT_DEFINITIONS[q.slVariant].label },
  { id: "aht", header: "AHT", kind: "duration", kpi: "aht", value: (q) => q.kpis.aht.value },
  { id: "talk", header: "Talk", kind: "duration", kpi: "avg_talk", value: (q) => perHandled(q.counts.talkMsSum, q.counts.handled) },
  { id: "hold", header: "Hold", kind: "duration", value: (q) => perHandled(q.counts.holdMsSum, q.counts.handled) },
  { id: "acw", header: "ACW", kind: "duration", kpi: "avg_acw", value: (q) => perHandled(q.counts.acwMsSum, q.counts.handled) },
  { id: "transfer_rate", header: "Transfer rate", kind: "ratio", kpi: "transfer_rate", value: (q) => q.kpis.transfer_rate.value },
  { id: "settings_version", header: "Settings version", kind: "count", value: (q) => (q.total ? null : q.definitionVersion) },
]);

export const QUEUE_DEFAULT_SORT = { id: "queue", dir: "asc" } as const;
