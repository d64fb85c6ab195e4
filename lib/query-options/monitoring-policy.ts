import type { MonitoringPolicy, QueueMonitoringPolicy } from "@/lib/monitoring-policy/policy";
import { apiSend } from "./api-send";

/** An admin saves a queue's monitoring policy with the version the page shows (a 409 says someone changed it meanwhile). */
export const saveMonitoringPolicy = (queueId: string, policy: MonitoringPolicy, expectedVersion: number) =>
  apiSend<QueueMonitoringPolicy>("PUT", `/api/monitor/policy/${encodeURIComponent(queueId)}`, { ...policy, expectedVersion });
