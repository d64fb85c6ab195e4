import { queryOptions } from "@tanstack/react-query";
import type { DefinitionChange, QueueDefinitionChange, QueueDefinitionUpdate } from "@/lib/kpi";
import { ApiError, fetchJson } from "./fetch-json";
import type { QueueInfo } from "./queue-list";

export type DefinitionsResponse = { queues: QueueInfo[]; changes: DefinitionChange[] };

/** The queues' KPI settings and the latest changes to them (admins only). */
export const definitionsQueryOptions = () =>
  queryOptions({
    queryKey: ["definitions"],
    queryFn: ({ signal }) => fetchJson<DefinitionsResponse>("/api/definitions", signal),
  });

/** PUT one queue's settings; the server's message comes back as the error's text. */
export async function saveQueueDefinition(queueId: string, change: QueueDefinitionChange): Promise<QueueDefinitionUpdate> {
  const res = await fetch(`/api/definitions/${encodeURIComponent(queueId)}`, {
    method: "PUT",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(change),
  });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const message = body && typeof body === "object" && "error" in body && typeof body.error === "string" ? body.error : `request failed (${res.status})`;
    throw new ApiError(res.status, message);
  }
  return body as QueueDefinitionUpdate;
}
