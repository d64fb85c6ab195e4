import type { ReactNode } from "react";
import type { KpiValue } from "@/lib/kpi";
import type { KpiDefinition } from "@/lib/kpi/definitions";
import { Skeleton } from "@/components/ui/skeleton";
import { ExplainPopover } from "./explain-popover";
import { formatInput, formatKpi } from "./format-kpi";

export type KpiTileProps = {
  definition: KpiDefinition;
  /** Short name on the tile; the definition's label can be long (service level names its variant). */
  title: string;
  value: KpiValue | undefined;
  /** True while a newer value is on its way (the shown one is from the previous view). */
  updating: boolean;
  /** One line under the number, e.g. "of 1,234 offered". */
  context?: string;
  /** Extra controls inside the explain panel (the service-level variant choice). */
  explainExtra?: ReactNode;
};

/** One headline number with its "explain": the formula, the definition version and the inputs. */
export function KpiTile({ definition, title, value, updating, context, explainExtra }: KpiTileProps) {
  const shown = value === undefined ? null : formatKpi(value.value, definition.unit);
  const [formula, notes] = splitFormula(definition.formula);
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
      {shown === null ? (
        <Skeleton className="tile-value-skeleton" />
      ) : (
        <p className={`tile-value${updating ? " is-updating" : ""}`} data-testid="kpi-value">
          {shown}
          {value?.value === null && <span className="sr-only"> (no data to compute it from)</span>}
        </p>
      )}
      <p className="tile-context">{context ?? "\u00a0"}</p>
      <ExplainPopover label={title}>
        <p className="explain-heading">{definition.label}</p>
        <p className="explain-formula">{formula}</p>
        {notes && <p className="explain-notes">{notes}</p>}
        {value && (value.numerator !== undefined || value.denominator !== undefined) && (
          <dl className="explain-inputs">
            {value.numerator !== undefined && (
              <>
                <dt>Numerator</dt>
                <dd data-part="numerator">{formatInput(value.numerator, definition.unit, "numerator")}</dd>
              </>
            )}
            {value.denominator !== undefined && (
              <>
                <dt>Denominator</dt>
                <dd data-part="denominator">{formatInput(value.denominator, definition.unit, "denominator")}</dd>
              </>
            )}
          </dl>
        )}
        {explainExtra}
        <p className="explain-version">
          Definition <span data-part="version">v{value?.version ?? definition.version}</span> · {definition.id}
        </p>
      </ExplainPopover>
    </article>
  );
}

/**
 * The formula's first sentence, then its conventions. A sentence ends at ". "
 * before a capital or a quote, so "i.e. sum" does not end one.
 */
export function splitFormula(text: string): [string, string | undefined] {
  const m = /^(.+?\.)\s+(?=["A-Z])([\s\S]*)$/.exec(text);
  return m && m[1] && m[2] ? [m[1], m[2]] : [text, undefined];
}
