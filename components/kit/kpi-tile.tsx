import type { ReactNode } from "react";
import type { KpiDefinition } from "@/lib/kpi/definitions";
import { Skeleton } from "@/components/ui/skeleton";
import type { DeltaModel } from "@/components/kit/delta-model";
import { ExplainPanel } from "@/components/kit/explain-panel";
import type { ExplainModel } from "@/components/kit/explain-model";
import { ExplainPopover } from "@/components/kit/explain-popover";
import { formatKpi } from "@/components/kit/format-kpi";
import { Sparkline } from "@/components/kit/sparkline";
import type { SparklineModel } from "@/components/kit/sparkline-model";

export type KpiTileProps = {
  definition: KpiDefinition;
  /** Short name on the tile; the definition's label can be long (service level names its variant). */
  title: string;
  value: { value: number | null; notApplicable?: { reason: string } } | undefined;
  /** True while a newer value is on its way (the shown one is from the previous view). */
  updating: boolean;
  /** One line under the number, e.g. "of 1,234 offered". */
  context?: string;
  delta?: DeltaModel | null;
  /** What the change is measured against, e.g. "yesterday". */
  against?: string;
  sparkline?: SparklineModel | null;
  explain?: ExplainModel;
  /** Extra controls inside the explain panel (the service-level variant choice). */
  explainExtra?: ReactNode;
  /** Under the number: the value against its target (service level). */
  badge?: ReactNode;
};

/** One headline number with its change, its trend and its "explain". */
export function KpiTile({ definition, title, value, updating, context, delta, against, sparkline, explain, explainExtra, badge }: KpiTileProps) {
  const na = value?.notApplicable;
  const shown = value === undefined ? null : na ? "Not applicable" : formatKpi(value.value, definition.unit);
  return (
    <article
      className="tile"
      data-kpi={definition.id}
      data-value={value?.value ?? ""}
      aria-busy={value === undefined || updating}
      aria-labelledby={`kpi-${definition.id}-title`}
    >
      <h3 className="tile-title" id={`kpi-${definition.id}-title`}>
        {title}
      </h3>
      <div className="tile-main">
        {shown === null ? (
          <Skeleton className="tile-value-skeleton" />
        ) : (
          <p className={`tile-value${na ? " tile-value-na" : ""}${updating ? " is-updating" : ""}`} data-testid="kpi-value" data-na={na ? "true" : undefined}>
            {shown}
            {value?.value === null && !na && <span className="sr-only"> (no data to compute it from)</span>}
          </p>
        )}
        {sparkline && <Sparkline model={sparkline} />}
      </div>
      {badge && <p className="tile-target">{badge}</p>}
      {delta !== undefined && !na && (
        <p className="tile-delta" data-testid="kpi-delta">
          {delta ? (
            <>
              <span className={`delta delta-${delta.tone}`} aria-hidden="true">
                {delta.direction === "up" ? "▲ " : delta.direction === "down" ? "▼ " : ""}
                {delta.text}
              </span>
              <span className="delta-against" aria-hidden="true">
                {" "}
                vs {against}
              </span>
              <span className="sr-only">{delta.description}</span>
            </>
          ) : (
            <span className="delta-against">no comparison{against ? ` with ${against}` : ""}</span>
          )}
        </p>
      )}
      <p className="tile-context" data-testid={na ? "kpi-na-reason" : undefined}>
        {na ? na.reason : (context ?? "\u00a0")}
      </p>
      <ExplainPopover label={title}>{explain ? <ExplainPanel model={explain} extra={explainExtra} /> : <p>Loading…</p>}</ExplainPopover>
    </article>
  );
}
