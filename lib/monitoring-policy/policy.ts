import type { MonitorMode } from "@/lib/telephony/capabilities";

/**
 * What supervisors may do on one queue's calls. Monitoring may be off altogether (a queue
 * for a service whose callers were promised privacy); listening is then the least it
 * allows, whisper and barge each on top. `notifyAgent`: the agent hears a short tone when a
 * supervisor starts monitoring them. `bargeTone`: both parties hear one when a supervisor
 * barges in (where the law expects the caller to know a third party has joined).
 */
export type MonitoringPolicy = { monitoring: boolean; whisper: boolean; barge: boolean; notifyAgent: boolean; bargeTone: boolean };

/** A queue's policy as stored, with the version an edit must name. Version 0: the defaults, never saved. */
export type QueueMonitoringPolicy = MonitoringPolicy & { queueId: string; version: number };

/**
 * Coaching is what the product is for, so everything is allowed, and nobody is told beyond what
 * the centre's own announcement ("calls may be monitored") says: a notice is a queue's choice,
 * and one the platform cannot play refuses the monitoring it would go with (monitor-sessions.ts).
 */
export const DEFAULT_MONITORING_POLICY: MonitoringPolicy = Object.freeze({ monitoring: true, whisper: true, barge: true, notifyAgent: false, bargeTone: false });

/** Pure: the sentence refusing `mode` on the queue, or null when the policy allows it. */
export function policyRefusal(policy: MonitoringPolicy, mode: MonitorMode, queueName: string): string | null {
  if (!policy.monitoring) return `monitoring is not allowed on ${queueName}'s calls`;
  if (mode === "whisper" && !policy.whisper) return `whispering is not allowed on ${queueName}'s calls`;
  if (mode === "barge" && !policy.barge) return `barging in is not allowed on ${queueName}'s calls`;
  return null;
}

/** Pure: the modes of `modes` the policy allows. */
export function allowedModes(policy: MonitoringPolicy, modes: readonly MonitorMode[]): MonitorMode[] {
  return modes.filter((m) => policyRefusal(policy, m, "") === null);
}
