"use client";

import { resolveSort, type Column, type SortState } from "@/lib/tables/table";
import { useView } from "@/components/kit/use-view";

/** A table's sort in the URL (`sort`/`dir`, or prefixed keys for a page's second table). */
export function useTableSort<R>(columns: readonly Column<R>[], fallback: SortState, prefix = ""): [SortState, (s: SortState) => void] {
  const { param, setParams } = useView();
  const state = resolveSort(columns, param(`${prefix}sort`), param(`${prefix}dir`), fallback);
  const set = (s: SortState) => setParams({ [`${prefix}sort`]: s.id, [`${prefix}dir`]: s.dir });
  return [state, set];
}
