import type { QueueDefinitionChange, QueueDefinitionUpdate } from "@/lib/queue-settings/update-queue-definition";
import { apiSend } from "./api-send";

/** PUT one queue's settings; the server's message comes back as the error's text. */
export function saveQueueDefinition(queueId: string, change: QueueDefinitionChange): Promise<QueueDefinitionUpdate> {
  return apiSend<QueueDefinitionUpdate>("PUT", `/api/definitions/${encodeURIComponent(queueId)}`, change);
}
