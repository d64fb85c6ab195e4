import type { ClickHouseClient } from "@clickhouse/client";
import type { Actor } from "@/lib/audit/write-audit";
import { NotFound } from "@/lib/errors/domain-errors";
import { outsideRequest } from "@/lib/store/request-signal";
import { listQueues, type QueueInfo } from "@/lib/directory/list-queues";
import { DEFAULT_QUEUE_KEY, DEFAULT_THRESHOLDS, thresholdsFor, type QueueThresholds } from "../thresholds";
import type { ThresholdsUpdate } from "../thresholds-schema";
import { loadThresholdRows, thresholdSettings, type ThresholdsRow } from "./thresholds-store";
import { saveThresholds } from "./thresholds-record";
import { getLiveFloor } from "../registry";

export type ThresholdsResponse = {
  /** What a queue without its own row uses. `version` is what a save sends as `expectedVersion` (0: never saved). */
  default: { thresholds: QueueThresholds; custom: boolean; version: number };
  queues: { id: string; name: string; thresholds: QueueThresholds; custom: boolean; version: number }[];
  builtIn: QueueThresholds;
};

/** A save's answer: the form's data again, plus the saved row's version and whether anything changed. */
export type ThresholdsSaveResponse = ThresholdsResponse & { queueId: string; version: number; changed: boolean };

/** The admin form's data: the tenant default and every queue's thresholds in force. */
export async function readThresholdSettings(ch: ClickHouseClient, tenantId: string): Promise<ThresholdsResponse> {
  const [rows, queues] = await Promise.all([loadThresholdRows(ch, tenantId), listQueues(ch, tenantId)]);
  return formData(rows, queues);
}

/** Saves one row as its next version, then hands the new settings to this process's floor so open wallboards recolour at once. */
export async function updateThresholdSettings(ch: ClickHouseClient, tenantId: string, update: ThresholdsUpdate, actor: Actor): Promise<ThresholdsSaveResponse> {
  if (update.queueId !== DEFAULT_QUEUE_KEY && !(await listQueues(ch, tenantId)).some((q) => q.id === update.queueId)) {
    throw new NotFound(`queue "${update.queueId}"`);
  }
  const saved = await saveThresholds(ch, tenantId, update, actor);
  // One read after the save serves both the live floor and the form's answer; it finishes even if the
  // editor's request has gone, or this process's wallboards would keep the old colours.
  const [rows, queues] = await outsideRequest(() => Promise.all([loadThresholdRows(ch, tenantId), listQueues(ch, tenantId)]));
  getLiveFloor()?.setThresholds(thresholdSettings(rows));
  return { ...formData(rows, queues), queueId: update.queueId, version: saved.after.version, changed: saved.changed };
}

function formData(rows: Map<string, ThresholdsRow>, queues: readonly QueueInfo[]): ThresholdsResponse {
  const settings = thresholdSettings(rows);
  const dflt = rows.get(DEFAULT_QUEUE_KEY);
  return {
    default: { thresholds: dflt?.thresholds ?? DEFAULT_THRESHOLDS, custom: dflt !== undefined, version: dflt?.version ?? 0 },
    queues: queues.map((q) => ({ id: q.id, name: q.name, thresholds: thresholdsFor(settings, q.id), custom: rows.has(q.id), version: rows.get(q.id)?.version ?? 0 })),
    builtIn: DEFAULT_THRESHOLDS,
  };
}
