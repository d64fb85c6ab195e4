"use client";

import { formatDuration } from "@/lib/time/format-duration";
import { levelAtLeast, levelOfTarget, worstLevel, type Level } from "@/lib/live/thresholds";
import { ragStatus } from "@/lib/targets/rag";
import type { QueueCard as QueueCardModel } from "@/lib/live/view-types";
import { useBoardNow } from "./board-clock";
import { percent, reasonLabel } from "./labels";
import { RecentServiceLevel } from "./recent-service-level";
import { TargetBadge } from "@/components/kit/target-badge";
import styles from "./wallboard.module.css";
import summary from "./floor-summary.module.css";

/** Colour is never the only signal: the level is also said in words. */
function LevelText({ level }: { level: Level }) {
  return level === "normal" ? null : <span className="sr-only"> ({level})</span>;
}

function Metric({ label, value, note, level, testId }: { label: string; value: string; note?: string; level: Level; testId: string }) {
  return (
    <div className={styles.metric} data-level={level} data-testid={testId}>
      <div className={styles.metricLabel}>{label}</div>
      <p className={styles.metricValue}>
        {value}
        <LevelText level={level} />
      </p>
      {note && <div className={styles.metricNote}>{note}</div>}
    </div>
  );
}

/** One queue: what is waiting now (the longest wait ticks), who can take it, and how today went. */
export function QueueCard({ queue }: { queue: QueueCardModel }) {
  const now = useBoardNow();
  const t = queue.thresholds;
  const waitMs = queue.oldestQueuedAt === null ? null : Math.max(0, now - queue.oldestQueuedAt);
  const sl = queue.serviceLevel;
  const levels = {
    waiting: levelAtLeast(queue.waiting, t.waiting),
    wait: levelAtLeast(waitMs === null ? null : waitMs / 1000, t.longestWaitS),
    sl: levelOfTarget(ragStatus(sl.value === null ? null : sl.value * 100, queue.targetPct)),
  };
  const a = queue.agents;
  const reasons = Object.entries(a.notReadyByReason).sort(([x], [y]) => x.localeCompare(y));
  const abandonRate = queue.offered > 0 ? queue.abandoned / queue.offered : null;
  const headingId = `queue-${queue.id}`;
  return (
    <li className={styles.queue} data-queue-id={queue.id} data-level={worstLevel([levels.waiting, levels.wait, levels.sl])} aria-labelledby={headingId}>
      <h3 className={styles.queueName} id={headingId}>
        {queue.name}
      </h3>
      <div className={styles.metrics}>
        <Metric label="Waiting" value={String(queue.waiting)} level={levels.waiting} testId="waiting" />
        <Metric label="Longest wait" value={waitMs === null ? "–" : formatDuration(waitMs)} level={levels.wait} testId="longest-wait" />
        <Metric
          label="Service level"
          value={percent(sl.value)}
          note={`${sl.numerator}/${sl.denominator} within ${sl.thresholdS} s`}
          level={levels.sl}
          testId="service-level"
        />
      </div>
      <div className={summary.queueTarget}>
        <TargetBadge valuePct={sl.value === null ? null : sl.value * 100} targetPct={queue.targetPct} />
        <RecentServiceLevel windows={queue.recentServiceLevel} label={`${queue.name} service level lately`} />
      </div>
      <dl className={styles.agentCounts} aria-label="Agents">
        <div className={styles.agentCount}>
          <dt>Ready</dt>
          <dd data-testid="agents-ready">{a.ready}</dd>
        </div>
        <div className={styles.agentCount}>
          <dt>On call</dt>
          <dd data-testid="agents-busy">{a.busy}</dd>
        </div>
        <div className={styles.agentCount}>
          <dt>ACW</dt>
          <dd data-testid="agents-acw">{a.afterCallWork}</dd>
        </div>
        <div className={styles.agentCount}>
          <dt>Not ready</dt>
          <dd data-testid="agents-not-ready">{a.notReady}</dd>
        </div>
      </dl>
      <p className={styles.reasons}>{reasons.length === 0 ? "Nobody away" : `Away: ${reasons.map(([r, n]) => `${reasonLabel(r)} ${n}`).join(" · ")}`}</p>
      <p className={styles.today} data-testid="today">
        Today {queue.offered} offered · {queue.answered} answered · {queue.abandoned} abandoned ({percent(abandonRate)})
      </p>
    </li>
  );
}
