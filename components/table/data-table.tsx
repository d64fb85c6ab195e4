"use client";

import Link from "next/link";
import { useMemo } from "react";
import { findColumn, forTarget, pageCell, sortRows, type CellValue, type Column, type SortState, type TableContext } from "@/lib/tables/table";
import { ScrollRegion } from "@/components/table/scroll-region";

export type TableSort<R> = {
  state: SortState;
  onSort: (next: SortState) => void;
  /** Rows arrive sorted (by the store); only the header state is shown here. */
  server?: boolean;
  /** Columns that can be sorted; all when absent. */
  sortable?: (column: Column<R>) => boolean;
};

type Props<R> = {
  caption: string;
  columns: readonly Column<R>[];
  rows: readonly R[];
  ctx: TableContext;
  rowKey: (row: R) => string;
  /** Makes the first cell a link (to the row's own page). */
  rowHref?: (row: R) => string;
  sort?: TableSort<R>;
  testId?: string;
  /** A totals row under the rows (rates recomputed from summed counts, never summed). */
  totals?: R;
};

function raw(v: CellValue): string {
  return v === null ? "" : String(v);
}

/**
 * A table rendered from column definitions (lib/tables), the same ones the CSV
 * export writes. Sortable headers are buttons that announce the order through
 * aria-sort; each cell carries its raw value in data-value for exact checks.
 */
export function DataTable<R>({ caption, columns: all, rows, ctx, rowKey, rowHref, sort, testId, totals }: Props<R>) {
  const columns = useMemo(() => forTarget(all, "page"), [all]);
  const shown = useMemo(() => (sort && !sort.server ? sortRows(rows, findColumn(columns, sort.state.id), sort.state.dir) : [...rows]), [rows, columns, sort]);
  return (
    <ScrollRegion label={caption} className="table-scroll table-wide">
      <table className="data-table" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => {
              const active = sort?.state.id === c.id;
              const canSort = sort && (sort.sortable ? sort.sortable(c) : true);
              const ariaSort = active ? (sort.state.dir === "asc" ? "ascending" : "descending") : undefined;
              return (
                <th key={c.id} scope="col" aria-sort={ariaSort} data-col={c.id} data-kind={c.kind} className={c.kind === "text" ? "col-text" : undefined}>
                  {canSort ? (
                    <button
                      type="button"
                      className="sort-button"
                      onClick={() =>
                        sort.onSort({
                          id: c.id,
                          dir: active && sort.state.dir === "asc" ? "desc" : active ? "asc" : c.kind === "text" || c.kind === "time" ? "asc" : "desc",
                        })
                      }
                    >
                      {c.header}
                      <span aria-hidden="true" className="sort-mark">
                        {active ? (sort.state.dir === "asc" ? " ▲" : " ▼") : ""}
                      </span>
                    </button>
                  ) : (
                    c.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => (
            <Row key={rowKey(row)} rowId={rowKey(row)} row={row} columns={columns} ctx={ctx} href={rowHref?.(row)} />
          ))}
        </tbody>
        {totals !== undefined && (
          <tfoot>
            <Row rowId="total" row={totals} columns={columns} ctx={ctx} className="totals-row" />
          </tfoot>
        )}
      </table>
    </ScrollRegion>
  );
}

function Row<R>({
  rowId,
  row,
  columns,
  ctx,
  href,
  className,
}: {
  rowId: string;
  row: R;
  columns: readonly Column<R>[];
  ctx: TableContext;
  href?: string;
  className?: string;
}) {
  return (
    <tr data-row={rowId} className={className}>
      {columns.map((c, i) => {
        const { text, value, notApplicable } = pageCell(c, row, ctx);
        const shown = notApplicable ? (
          <span title={notApplicable} data-na="true">
            {text}
            <span className="sr-only"> ({notApplicable})</span>
          </span>
        ) : (
          text
        );
        if (i === 0)
          return (
            <th key={c.id} scope="row" data-col={c.id} data-value={raw(value)}>
              {href ? <Link href={href}>{shown}</Link> : shown}
            </th>
          );
        return (
          <td key={c.id} data-col={c.id} data-value={raw(value)} data-tone={c.tone?.(row)} className={c.kind === "text" ? "col-text" : undefined}>
            {shown}
          </td>
        );
      })}
    </tr>
  );
}
