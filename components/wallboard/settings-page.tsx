"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import type { UseQueryResult } from "@tanstack/react-query";
import { ErrorState } from "@/components/ui/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import styles from "./wallboard.module.css";

/** An admin page of wallboard settings: title, a way back to the board, and the form once its data is in. */
export function SettingsPage<T>({
  title,
  subtitle,
  query,
  what,
  children,
}: {
  title: string;
  subtitle: string;
  query: UseQueryResult<T>;
  /** For the error message: "The thresholds could not be loaded." */
  what: string;
  children: (data: T) => ReactNode;
}) {
  return (
    <div className={styles.board}>
      <div className={styles.header}>
        <div>
          <h1 className={styles.title}>{title}</h1>
          <p className={styles.subtitle}>{subtitle}</p>
        </div>
        <Link className="button" href="/wallboard">
          Back to the wallboard
        </Link>
      </div>
      {query.isError ? (
        <ErrorState title={`${what} could not be loaded.`} error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data === undefined ? (
        <Skeleton height="240px" width="100%" />
      ) : (
        children(query.data)
      )}
    </div>
  );
}
