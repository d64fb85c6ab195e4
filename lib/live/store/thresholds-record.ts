import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import type { Actor } from "@/lib/audit/write-audit";
import { editRecord, type EditResult } from "@/lib/records/edit-record";
import type { RecordKind } from "@/lib/records/record-kind";
import { DEFAULT_QUEUE_KEY, thresholdsFor, type QueueThresholds } from "../thresholds";
import type { ThresholdsUpdate } from "../thresholds-schema";
import { loadThresholdRows, writeThresholdsRow } from "./thresholds-store";

/**
 * One queue's wallboard thresholds (or the default's, `*`) as an edited record
 * (lib/records). A queue without its own row is version 0 with the thresholds it
 * inherits; its first save gives it its own row, version 1.
 */

export const THRESHOLDS_AUDIT_ACTION = "wallboard_thresholds.update";

const band = z.object({ warning: z.number(), critical: z.number() });
// Versions saved before migration 0033 also hold serviceLevelPct: parsing drops it.
const storedSchema = z.object({ longestWaitS: band, waiting: band });

const sameBand = (a: QueueThresholds["waiting"], b: QueueThresholds["waiting"]) => a.warning === b.warning && a.critical === b.critical;

export const THRESHOLDS_RECORD: RecordKind<QueueThresholds> = {
  kind: "wallboard_thresholds",
  describe: (queueId) => (queueId === DEFAULT_QUEUE_KEY ? "the default thresholds" : `the thresholds of queue "${queueId}"`),
  stateSchema: storedSchema,
  sameState: (a, b) => sameBand(a.longestWaitS, b.longestWaitS) && sameBand(a.waiting, b.waiting),
  async readProjection(ch, key) {
    const rows = await loadThresholdRows(ch, key.tenantId);
    const own = rows.get(key.recordId);
    if (own) return { version: own.version, at: own.at, state: own.thresholds };
    const inherited = thresholdsFor(new Map([...rows].map(([id, r]) => [id, r.thresholds])), key.recordId);
    return { version: 0, at: 0, state: inherited };
  },
  async writeProjection(ch, key, v, actor) {
    await writeThresholdsRow(ch, key.tenantId, key.recordId, { thresholds: v.state, version: v.version, at: v.at }, actor.id || actor.name);
  },
  audit: {
    action: THRESHOLDS_AUDIT_ACTION,
    target: (queueId) => `queue:${queueId}`,
    details: (before, after) => ({ before: before.state, after: after.state, version: after.version }),
  },
};

/** Saves one queue's (or the default's) thresholds as the next version; Conflict when `expectedVersion` is not current. */
export function saveThresholds(ch: ClickHouseClient, tenantId: string, update: ThresholdsUpdate, actor: Actor): Promise<EditResult<QueueThresholds>> {
  return editRecord(ch, THRESHOLDS_RECORD, {
    tenantId,
    recordId: update.queueId,
    expectedVersion: update.expectedVersion,
    actor,
    change: () => update.thresholds,
  });
}
