"use client";

import type { ReactNode } from "react";
import type { UseQueryResult } from "@tanstack/react-query";
import { ErrorState } from "@/components/ui/error-state";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { CsvLink } from "./csv-link";

/** A table's card: title, CSV download, and the loading, error and empty states around the table. */
export function TableCard<T>({
  id,
  title,
  subtitle,
  query,
  isEmpty,
  empty,
  csvHref,
  children,
}: {
  id: string;
  title: string;
  subtitle?: ReactNode;
  query: UseQueryResult<T>;
  isEmpty: (data: T) => boolean;
  /** What to do about an empty table. */
  empty: { title: string; hint: ReactNode };
  csvHref?: string;
  children: (data: T) => ReactNode;
}) {
  const data = query.data;
  return (
    <section className="card" aria-labelledby={`${id}-title`} aria-busy={query.isPending || query.isPlaceholderData}>
      <div className="card-header card-header-row">
        <div>
          <h2 className="card-title" id={`${id}-title`}>
            {title}
          </h2>
          {subtitle && <p className="card-subtitle">{subtitle}</p>}
        </div>
        {csvHref && data !== undefined && !isEmpty(data) && <CsvLink href={csvHref} />}
      </div>
      {query.isError && data === undefined ? (
        <ErrorState title={`The ${title.toLowerCase()} could not be loaded.`} error={query.error} onRetry={() => void query.refetch()} />
      ) : data === undefined ? (
        <Skeleton className="table-skeleton" />
      ) : isEmpty(data) ? (
        <EmptyState title={empty.title}>{empty.hint}</EmptyState>
      ) : (
        <div className={query.isPlaceholderData ? "is-updating" : undefined}>{children(data)}</div>
      )}
    </section>
  );
}
