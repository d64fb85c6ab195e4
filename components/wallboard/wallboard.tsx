"use client";

import Link from "next/link";
import { useEffect, useMemo, useState, useSyncExternalStore } from "react";
import { Skeleton } from "@/components/ui/skeleton";
import { BoardClockProvider } from "./board-clock";
import { Board } from "./board";
import { ConnectionStatus } from "./connection-status";
import { LiveFeed, type FeedState } from "./live-feed";
import { MonitorProvider } from "./monitor/monitor-context";
import type { MonitorMedia } from "./monitor/monitor-controller";
import type { MonitorMode } from "@/lib/telephony/capabilities";
import { TvStage } from "./tv-stage";
import { TvStatus } from "./tv-status";
import styles from "./wallboard.module.css";

const STREAM_URL = "/api/live/stream";

function useLiveFeed(): FeedState {
  const [feed] = useState(() => new LiveFeed(STREAM_URL));
  useEffect(() => {
    feed.start();
    return () => feed.stop();
  }, [feed]);
  return useSyncExternalStore(feed.subscribe, feed.getSnapshot, feed.getSnapshot);
}

function dayCaption(dayStart: number, timeZone: string): string {
  const day = new Intl.DateTimeFormat("en-GB", { timeZone, weekday: "long", day: "numeric", month: "long" }).format(dayStart);
  return `Today (${day}, ${timeZone}) · counters since local midnight`;
}

/**
 * The live wallboard: pushed by the server (never polled), counters ticking here.
 * In TV mode it covers the screen, in large type and without controls.
 */
export function Wallboard({
  tv,
  canEditThresholds,
  canSetAgentState = false,
  monitorModes = [],
  monitorMedia,
  tvPageSeconds = 15,
  staleSeconds = 10,
}: {
  tv: boolean;
  /** TV mode: seconds each page of sections shows (WALLBOARD_TV_PAGE_SECONDS), and seconds without news before "stale" (WALLBOARD_STALE_SECONDS). */
  tvPageSeconds?: number;
  staleSeconds?: number;
  canEditThresholds: boolean;
  canSetAgentState?: boolean;
  /** The modes this viewer may monitor calls in: the platform's, for a role with `monitor`; none in TV mode. */
  monitorModes?: readonly MonitorMode[];
  /** Where the supervisor hears a monitored call: this page (default), or their own phone (FreeSWITCH). */
  monitorMedia?: MonitorMedia;
}) {
  const feed = useLiveFeed();
  const { status, view, clockOffset, problem } = feed;
  const clock = useMemo(() => ({ kind: "live" as const, offset: clockOffset }), [clockOffset]);
  return (
    // Around the whole board, so monitoring survives the feed reconnecting (the board shows a skeleton meanwhile).
    <MonitorProvider modes={tv ? [] : monitorModes} {...(monitorMedia ? { media: monitorMedia } : {})}>
      <div className={tv ? `${styles.board} ${styles.tv}` : styles.board} data-tv={tv || undefined} data-connection={status}>
        <div className={styles.header}>
          <div>
            <h1 className={styles.title}>Wallboard</h1>
            <p className={styles.subtitle}>{view ? dayCaption(view.meta.dayStart, view.meta.timeZone) : "The live floor, pushed as it changes"}</p>
          </div>
          <div className={styles.headerSide}>
            {tv && <TvStatus feed={feed} staleSeconds={staleSeconds} />}
            <ConnectionStatus status={status} problem={problem} />
            {!tv && (
              <nav className={styles.links} aria-label="Wallboard">
                <Link className="button" href="/wallboard?tv=1">
                  TV mode
                </Link>
                <Link className="button" href="/wallboard/replay">
                  Replay
                </Link>
                {canEditThresholds && (
                  <>
                    <Link className="button" href="/wallboard/thresholds">
                      Thresholds
                    </Link>
                    <Link className="button" href="/wallboard/alerts">
                      Alert limits
                    </Link>
                  </>
                )}
              </nav>
            )}
          </div>
        </div>
        {view ? (
          <BoardClockProvider clock={clock}>
            {tv ? (
              <TvStage pageSeconds={tvPageSeconds}>
                <Board view={view} />
              </TvStage>
            ) : (
              <Board view={view} canSetAgentState={canSetAgentState} controls />
            )}
          </BoardClockProvider>
        ) : (
          <div aria-busy="true" aria-label="Loading the live floor">
            <Skeleton height="180px" width="100%" />
          </div>
        )}
      </div>
    </MonitorProvider>
  );
}
