"use client";

import { useEffect, useRef } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { backfillProgress, healthQueryOptions } from "@/lib/query-options/health";
import { formatCount } from "@/components/kit/format-kpi";

/**
 * Shown while the simulator fills the history: numbers are still growing, and a
 * viewer must not mistake a half-filled day for a quiet one. When the fill ends,
 * the KPI queries are refetched so the page settles on final numbers.
 */
export function BackfillBanner() {
  const health = useQuery(healthQueryOptions());
  const queryClient = useQueryClient();
  const state = health.data?.backfill?.state;
  const previous = useRef(state);

  useEffect(() => {
    if (previous.current === "running" && state === "done") void queryClient.invalidateQueries({ queryKey: ["kpi"] });
    previous.current = state;
  }, [state, queryClient]);

  const b = health.data?.backfill;
  if (b?.state === "failed") {
    return (
      <div className="banner banner-error" role="alert">
        Filling the simulated history failed: {b.error}. The numbers below cover only what was stored before it stopped.
      </div>
    );
  }
  const progress = backfillProgress(health.data);
  if (progress === null || b?.state !== "running") return null;
  const pct = Math.floor(progress * 100);
  return (
    <div className="banner banner-info" role="status" data-testid="backfill-banner">
      <div className="banner-text">
        <strong>Filling the history.</strong> The simulator is generating past calls ({pct}% done, {formatCount(b.events)} events so far); numbers will grow until it
        finishes.
      </div>
      <progress className="banner-progress" max={100} value={pct} aria-label="History filled">
        {pct}%
      </progress>
    </div>
  );
}
