import type { CtiEvent } from "@/lib/events";

/**
 * The Kafka key: callId for call-scoped events, agentId for agent events, so each
 * call's (and each agent's) events stay ordered in one partition, and one consumer
 * at a time owns them, which is what makes the store's pre-insert dedup exact.
 */
export function eventKey(e: CtiEvent): string {
  if (e.type.startsWith("agent.")) return e.agentId ?? e.id;
  return e.callId ?? e.agentId ?? e.id;
}
