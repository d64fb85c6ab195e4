"use client";

import { useSyncExternalStore } from "react";
import type { FeedState } from "./live-feed";
import { clockNow, subscribeClock } from "./shared-clock";
import { freshness } from "./tv-freshness";
import styles from "./wallboard.module.css";

const serverNow = () => 0;

function timeOfDay(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" }).format(at);
}

/**
 * TV mode's corner: the centre's clock (server-corrected), when the newest event
 * on screen happened, and a warning when the figures may be out of date, so a
 * wall screen never shows old numbers as if they were live.
 */
export function TvStatus({ feed, staleSeconds }: { feed: FeedState; staleSeconds: number }) {
  const now = useSyncExternalStore(subscribeClock, clockNow, serverNow);
  const meta = feed.view?.meta;
  if (now === 0 || !meta) return null;
  const fresh = freshness(feed, now, staleSeconds * 1000);
  return (
    <div className={styles.tvStatus}>
      <p className={styles.tvClock} data-testid="tv-clock">
        <time dateTime={new Date(now + feed.clockOffset).toISOString()}>{timeOfDay(now + feed.clockOffset, meta.timeZone)}</time>
        <span className={styles.tvZone}>{meta.timeZone}</span>
      </p>
      <p className={styles.tvAsOf} data-testid="tv-as-of">
        {meta.eventClock > 0 ? `as of ${timeOfDay(meta.eventClock, meta.timeZone)} (last event)` : "no event yet today"}
      </p>
      {fresh.stale && (
        <p className={styles.tvStale} role="alert" data-testid="tv-stale">
          {fresh.reason === "down" ? "Stale: the live connection is down" : "Stale: no update"}
          {fresh.forSeconds !== null && ` for ${fresh.forSeconds} s`}; figures may be out of date
        </p>
      )}
    </div>
  );
}
