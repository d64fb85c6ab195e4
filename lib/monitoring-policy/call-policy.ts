import type { ClickHouseClient } from "@clickhouse/client";
import { getLiveFloor } from "@/lib/live/registry";
import type { MonitoringPolicy } from "./policy";
import { policyOf } from "./policy-store";

export type CallPolicy = { queueId: string; queueName: string; policy: MonitoringPolicy };

/**
 * The policy that governs monitoring a live call: its queue's, by the live floor (the call's
 * current queue: a call transferred to another queue is under that one's). Undefined for a
 * call the floor does not know, which the monitoring service then refuses by its own rules.
 */
export async function livePolicyOf(ch: ClickHouseClient, tenantId: string, callId: string): Promise<CallPolicy | undefined> {
  const view = getLiveFloor()?.currentView();
  const queueId = view?.calls[callId]?.queueId;
  if (!view || !queueId) return undefined;
  return { queueId, queueName: view.queues[queueId]?.name ?? queueId, policy: await policyOf(ch, tenantId, queueId) };
}
