"use client";

import type { FeedStatus } from "./live-feed";
import styles from "./wallboard.module.css";

const TEXT: Record<FeedStatus, string> = {
  connecting: "Connecting…",
  live: "Live",
  reconnecting: "Connection lost, reconnecting…",
};

/** Says whether what is on screen is current; announced politely to screen readers when it changes. */
export function ConnectionStatus({ status, problem }: { status: FeedStatus; problem?: string | null }) {
  return (
    <span className={styles.statusGroup} role="status" aria-live="polite">
      <span className={styles.status} data-status={status} data-testid="live-status">
        <span className={styles.dot} aria-hidden="true" />
        {TEXT[status]}
      </span>
      {problem && status !== "live" && (
        <span className={styles.problem} data-testid="live-problem">
          {problem}
        </span>
      )}
    </span>
  );
}
