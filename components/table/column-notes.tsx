import { KPI_DEFINITIONS, kpiDefinition, type SlVariant } from "@/lib/kpi/definitions";
import type { Column } from "@/lib/tables/table";
import { splitFormula } from "@/components/kit/explain-model";

/** "About these columns": each KPI column's formula in words and its definition version. */
export function ColumnNotes<R>({ columns, variant }: { columns: readonly Column<R>[]; variant?: SlVariant }) {
  const kpiColumns = columns.filter((c) => c.kpi);
  if (kpiColumns.length === 0) return null;
  return (
    <details className="column-notes">
      <summary>About these columns</summary>
      <dl>
        {kpiColumns.map((c) => {
          const id = c.kpi ?? "offered";
          // Without a view variant (each queue its own), the general service-level text names every variant.
          const d = variant ? kpiDefinition(id, variant) : KPI_DEFINITIONS[id];
          return (
            <div key={c.id}>
              <dt>
                {c.header} <span className="muted">(definition v{d.version})</span>
              </dt>
              <dd>{splitFormula(d.formula)[0]}</dd>
            </div>
          );
        })}
      </dl>
    </details>
  );
}
