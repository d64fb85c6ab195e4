import type { ClickHouseClient } from "@clickhouse/client";
import { NotFound } from "@/lib/errors/domain-errors";
import { listQueues } from "@/lib/directory/list-queues";
import { DEFAULT_QUEUE_KEY, DEFAULT_THRESHOLDS, thresholdsFor, type QueueThresholds } from "../thresholds";
import type { ThresholdsUpdate } from "../thresholds-schema";
import { loadThresholds, saveThresholds } from "./thresholds-store";
import { getLiveFloor } from "../registry";

export type ThresholdsResponse = {
  /** What a queue without its own row uses. */
  default: { thresholds: QueueThresholds; custom: boolean };
  queues: { id: string; name: string; thresholds: QueueThresholds; custom: boolean }[];
  builtIn: QueueThresholds;
};

/** The admin form's data: the tenant default and every queue's thresholds in force. */
export async function readThresholdSettings(ch: ClickHouseClient, tenantId: string): Promise<ThresholdsResponse> {
  const [settings, queues] = await Promise.all([loadThresholds(ch, tenantId), listQueues(ch, tenantId)]);
  return {
    default: { thresholds: settings.get(DEFAULT_QUEUE_KEY) ?? DEFAULT_THRESHOLDS, custom: settings.has(DEFAULT_QUEUE_KEY) },
    queues: queues.map((q) => ({ id: q.id, name: q.name, thresholds: thresholdsFor(settings, q.id), custom: settings.has(q.id) })),
    builtIn: DEFAULT_THRESHOLDS,
  };
}

/** Saves one row, then hands the new settings to this process's floor so open wallboards recolour at once. */
export async function updateThresholdSettings(
  ch: ClickHouseClient,
  tenantId: string,
  update: ThresholdsUpdate,
  actor: { id: string; name: string; role: string },
): Promise<ThresholdsResponse> {
  if (update.queueId !== DEFAULT_QUEUE_KEY && !(await listQueues(ch, tenantId)).some((q) => q.id === update.queueId)) {
    throw new NotFound(`queue "${update.queueId}"`);
  }
  const before = thresholdsFor(await loadThresholds(ch, tenantId), update.queueId);
  await saveThresholds(ch, tenantId, update, actor, before);
  getLiveFloor()?.setThresholds(await loadThresholds(ch, tenantId));
  return readThresholdSettings(ch, tenantId);
}
