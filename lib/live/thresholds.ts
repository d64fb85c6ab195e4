import type { RagStatus } from "@/lib/targets/rag";

/**
 * Wallboard colours per queue: when the longest current wait and the number of calls
 * waiting turn a card amber (warning) or red (critical). Admins set them per queue; a
 * queue without its own row uses the tenant default, and with none of those the
 * built-in defaults below. Today's service level is coloured by the queue's target
 * (levelOfTarget), the one rule every screen uses for it.
 */

export const LEVELS = ["normal", "warning", "critical"] as const;
export type Level = (typeof LEVELS)[number];

export type Band = { warning: number; critical: number };

export type QueueThresholds = {
  /** Seconds: at or above `warning` / `critical`. */
  longestWaitS: Band;
  /** Calls waiting: at or above. */
  waiting: Band;
};

/** Wait colours near a 20 s service-level threshold. */
export const DEFAULT_THRESHOLDS: QueueThresholds = {
  longestWaitS: { warning: 30, critical: 90 },
  waiting: { warning: 3, critical: 8 },
};

/** `queueId` "*" is the tenant default for queues without their own row. */
export const DEFAULT_QUEUE_KEY = "*";

/** What the store holds: the default row and per-queue rows. */
export type ThresholdSettings = ReadonlyMap<string, QueueThresholds>;

export function thresholdsFor(settings: ThresholdSettings, queueId: string): QueueThresholds {
  return settings.get(queueId) ?? settings.get(DEFAULT_QUEUE_KEY) ?? DEFAULT_THRESHOLDS;
}

/** Higher is worse (waits, queue length). */
export function levelAtLeast(value: number | null, band: Band): Level {
  if (value === null) return "normal";
  if (value >= band.critical) return "critical";
  if (value >= band.warning) return "warning";
  return "normal";
}

/** A service level's colour from its target's judgement: just below is a warning, further below critical. */
export function levelOfTarget(status: RagStatus): Level {
  return status === "red" ? "critical" : status === "amber" ? "warning" : "normal";
}

export function worstLevel(levels: readonly Level[]): Level {
  return levels.includes("critical") ? "critical" : levels.includes("warning") ? "warning" : "normal";
}
