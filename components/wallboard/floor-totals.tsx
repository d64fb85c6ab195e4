"use client";

import { useMemo } from "react";
import { formatDuration } from "@/lib/time/format-duration";
import { sharedTarget } from "@/lib/targets/rag";
import { floorTotals } from "@/lib/live/totals";
import type { WallboardView } from "@/lib/live/view-types";
import { TargetBadge } from "@/components/kit/target-badge";
import { useBoardNow } from "./board-clock";
import { percent } from "./labels";
import { RecentServiceLevel } from "./recent-service-level";
import board from "./wallboard.module.css";
import styles from "./floor-summary.module.css";

function Total({ label, value, testId, children }: { label: string; value: string; testId: string; children?: React.ReactNode }) {
  return (
    <li className={styles.total} data-testid={testId}>
      <span className={board.metricLabel}>{label}</span>
      <p className={board.metricValue} data-testid={`${testId}-value`}>
        {value}
      </p>
      {children}
    </li>
  );
}

/** The whole centre (or the viewer's scope) at a glance: callers waiting, agents by state, today's outcomes and service level. */
export function FloorTotals({ view }: { view: Pick<WallboardView, "queues" | "agents"> }) {
  const now = useBoardNow();
  const t = useMemo(() => floorTotals(view), [view]);
  const target = sharedTarget(Object.values(view.queues).map((q) => q.targetPct));
  const sl = t.serviceLevel;
  const a = t.agents;
  return (
    <ul className={styles.totals} aria-label="Centre totals">
      <Total label="Waiting" value={String(t.waiting)} testId="total-waiting" />
      <Total label="Longest wait" value={t.oldestQueuedAt === null ? "–" : formatDuration(Math.max(0, now - t.oldestQueuedAt))} testId="total-longest-wait" />
      <Total label="Agents logged on" value={String(a.loggedOn)} testId="total-agents">
        <span className={styles.totalNote} data-testid="total-agents-by-state">
          {a.ready} ready · {a.busy} on call · {a.afterCallWork} ACW · {a.notReady} not ready
        </span>
      </Total>
      <Total label="Answered today" value={String(t.answered)} testId="total-answered">
        <span className={styles.totalNote}>of {t.offered} offered</span>
      </Total>
      <Total label="Abandoned today" value={String(t.abandoned)} testId="total-abandoned">
        <span className={styles.totalNote}>{percent(t.offered > 0 ? t.abandoned / t.offered : null)} of offered</span>
      </Total>
      <Total label="Service level today" value={percent(sl.value)} testId="total-service-level">
        <span className={styles.totalNote}>
          {sl.numerator}/{sl.denominator} within each queue&apos;s threshold
        </span>
        {target !== null && <TargetBadge valuePct={sl.value === null ? null : sl.value * 100} targetPct={target} />}
        <RecentServiceLevel windows={t.recentServiceLevel} label="Centre service level lately" />
      </Total>
    </ul>
  );
}
