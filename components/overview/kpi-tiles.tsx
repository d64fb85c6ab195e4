"use client";

import { kpiDefinition, type KpiId, type SlVariant } from "@/lib/kpi/definitions";
import type { KpiSummary } from "@/lib/kpi";
import type { QueueInfo } from "@/lib/queries/queue-list";
import { formatCount } from "./format-kpi";
import { KpiTile } from "./kpi-tile";
import { SlVariantSelect } from "./sl-variant-select";

/** The overview's headline KPIs, in the order a supervisor reads them. */
const TILES: readonly { id: KpiId; title: string }[] = [
  { id: "offered", title: "Offered" },
  { id: "answered", title: "Answered" },
  { id: "abandon_rate", title: "Abandon rate" },
  { id: "asa", title: "ASA" },
  { id: "aht", title: "AHT" },
  { id: "service_level", title: "Service level" },
];

type Props = {
  summary: KpiSummary | undefined;
  updating: boolean;
  variant: SlVariant;
  impliedVariant: SlVariant;
  onVariantChange: (v: SlVariant | undefined) => void;
  /** The queues in view, when exactly known (for the threshold the service level uses). */
  selectedQueues: readonly QueueInfo[];
};

/** One line of context under a number; nothing when there is nothing to say. */
function context(id: KpiId, s: KpiSummary | undefined, threshold: string): string | undefined {
  if (!s) return undefined;
  const c = s.counts;
  const k = s.kpis[id];
  switch (id) {
    case "offered":
      return `${formatCount(c.abandoned)} abandoned · ${formatCount(c.timedOut)} timed out`;
    case "answered":
      return c.offered > 0 ? `of ${formatCount(c.offered)} offered` : undefined;
    case "abandon_rate":
      return c.offered > 0 ? `${formatCount(c.abandoned)} of ${formatCount(c.offered)} offered` : "no calls offered";
    case "asa":
      return c.answered > 0 ? `mean wait, ${formatCount(c.answered)} answered` : "no calls answered";
    case "aht":
      return c.handled > 0 ? `talk + hold + ACW, ${formatCount(c.handled)} handled` : "no calls handled";
    case "service_level":
      return k.denominator ? `${formatCount(k.numerator ?? 0)} of ${formatCount(k.denominator)} ${threshold}` : threshold;
    default:
      return undefined;
  }
}

/** The threshold line: one queue's own T, or a reminder that each queue uses its own. */
function thresholdText(queues: readonly QueueInfo[]): string {
  const thresholds = new Set(queues.map((q) => q.slThresholdS));
  const [only] = thresholds;
  return queues.length > 0 && thresholds.size === 1 && only !== undefined ? `within ${only} s` : "within queue thresholds";
}

export function KpiTiles({ summary, updating, variant, impliedVariant, onVariantChange, selectedQueues }: Props) {
  const threshold = thresholdText(selectedQueues);
  return (
    <section aria-labelledby="kpi-heading" className="tiles">
      <h2 id="kpi-heading" className="sr-only">
        Key performance indicators
      </h2>
      {TILES.map(({ id, title }) => (
        <KpiTile
          key={id}
          definition={kpiDefinition(id, summary?.variant ?? variant)}
          title={title}
          value={summary?.kpis[id]}
          updating={updating}
          context={context(id, summary, threshold)}
          explainExtra={
            id === "service_level" ? (
              <SlVariantSelect value={variant} implied={impliedVariant} onChange={onVariantChange} />
            ) : undefined
          }
        />
      ))}
    </section>
  );
}
