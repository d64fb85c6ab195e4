/** Bounds of a queue's KPI settings, shared by the admin form and the server's validation. */
export const QUEUE_DEFINITION_LIMITS = {
  slThresholdS: { min: 1, max: 3600 },
  shortAbandonS: { min: 0, max: 600 },
  maxWaitS: { min: 0, max: 86_400 },
  slTargetPct: { min: 0, max: 100 },
} as const;
