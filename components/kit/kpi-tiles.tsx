"use client";

import { useMemo } from "react";
import type { KpiSeries, KpiSummary } from "@/lib/kpi";
import { kpiDefinition, type KpiId, type SlVariant } from "@/lib/kpi/definitions";
import type { QueueInfo } from "@/lib/directory/list-queues";
import { prepareDelta } from "@/components/kit/delta-model";
import { prepareExplain, type ExplainScope } from "@/components/kit/explain-model";
import { KpiTile } from "@/components/kit/kpi-tile";
import { SlVariantSelect } from "@/components/kit/sl-variant-select";
import { prepareSparkline } from "@/components/kit/sparkline-model";
import { tileContext, type TileSpec } from "@/components/kit/tile-specs";
import { TargetBadge } from "@/components/kit/target-badge";
import { sharedTarget } from "@/lib/targets/rag";

type Props = {
  tiles: readonly TileSpec[];
  summary: KpiSummary | undefined;
  /** The previous equal period's summary, for each tile's change. */
  previous: KpiSummary | undefined;
  /** What `previous` covers, in words ("yesterday"). */
  against: string;
  series: KpiSeries | undefined;
  now: number;
  updating: boolean;
  variant: SlVariant;
  impliedVariant: SlVariant;
  /** Absent when the variant is not the viewer's to choose (a queue's own page). */
  onVariantChange?: (v: SlVariant | undefined) => void;
  scope: ExplainScope;
  /** The queues the numbers cover, with their current settings. */
  queues: readonly QueueInfo[];
  /** Context lines that replace the default ones (an agent's "of 60 offers"). */
  contextFor?: Partial<Record<KpiId, string>>;
};

/** The threshold line: one queue's own T, or a reminder that each queue uses its own. */
function thresholdText(queues: readonly QueueInfo[]): string {
  const thresholds = new Set(queues.map((q) => q.slThresholdS));
  const [only] = thresholds;
  return queues.length > 0 && thresholds.size === 1 && only !== undefined ? `within ${only} s` : "within queue thresholds";
}

/** Service level against the queues' target: one shared target is judged; differing ones are named, each queue's page judges its own. */
function serviceLevelBadge(value: number | null | undefined, queues: readonly QueueInfo[]) {
  if (value === undefined || queues.length === 0) return undefined;
  const target = sharedTarget(queues.map((q) => q.slTargetPct));
  if (target === null)
    return (
      <span className="rag" data-rag="none">
        Targets differ per queue: see each queue
      </span>
    );
  return <TargetBadge valuePct={value === null ? null : value * 100} targetPct={target} />;
}

/** Headline KPIs as tiles: value, change against the previous period, sparkline, context and explain. */
export function KpiTiles({ tiles, summary, previous, against, series, now, updating, variant, impliedVariant, onVariantChange, scope, queues, contextFor }: Props) {
  const threshold = thresholdText(queues);
  const shownVariant = summary?.variant ?? variant;
  const past = useMemo(() => series?.points.filter((p) => p.start <= now) ?? [], [series, now]);
  return (
    <section aria-labelledby="kpi-heading" className="tiles">
      <h2 id="kpi-heading" className="sr-only">
        Key performance indicators
      </h2>
      {tiles.map(({ id, title, polarity }) => {
        const definition = kpiDefinition(id, shownVariant);
        const value = summary?.kpis[id];
        const sparkline =
          series && !value?.notApplicable
            ? prepareSparkline(
                past.map((p) => p.kpis[id].value),
                { zeroBased: definition.unit === "count" },
              )
            : undefined;
        return (
          <KpiTile
            key={id}
            definition={definition}
            title={title}
            value={value}
            updating={updating}
            context={summary ? (contextFor?.[id] ?? tileContext(id, summary.counts, summary.kpis, threshold)) : undefined}
            delta={summary && previous ? prepareDelta(summary.kpis[id].value, previous.kpis[id].value, definition.unit, polarity, against) : undefined}
            against={against}
            sparkline={sparkline}
            explain={prepareExplain({ definition, value, counts: summary?.counts, scope, queues, variant: shownVariant })}
            badge={id === "service_level" ? serviceLevelBadge(value?.value, queues) : undefined}
            explainExtra={id === "service_level" && onVariantChange ? <SlVariantSelect value={variant} implied={impliedVariant} onChange={onVariantChange} /> : undefined}
          />
        );
      })}
    </section>
  );
}
