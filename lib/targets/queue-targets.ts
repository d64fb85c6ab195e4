import type { QueueInfo } from "@/lib/directory/list-queues";
import { TARGET_AMBER_BAND_PTS } from "./rag";

/** What GET /api/targets answers: each queue's service-level target at its threshold T, and the amber band. */
export type QueueTargets = {
  /** Percentage points below a target that still count as amber (lib/targets/rag.ts). */
  amberBandPts: number;
  queues: { queueId: string; name: string; targetPct: number; thresholdS: number; slVariant: string; definitionVersion: number }[];
};

/** The targets of the given queues (already narrowed to the caller's scope). */
export function queueTargets(queues: readonly QueueInfo[]): QueueTargets {
  return {
    amberBandPts: TARGET_AMBER_BAND_PTS,
    queues: queues.map((q) => ({
      queueId: q.id,
      name: q.name,
      targetPct: q.slTargetPct,
      thresholdS: q.slThresholdS,
      slVariant: q.slVariant,
      definitionVersion: q.definitionVersion,
    })),
  };
}
