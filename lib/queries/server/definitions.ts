import type { ClickHouseClient } from "@clickhouse/client";
import { listDefinitionChanges } from "@/lib/kpi";
import type { DefinitionsResponse } from "../definitions";
import { listQueues } from "./list-queues";

/** The definitions page's data: every queue's settings and the latest 20 changes. */
export async function getDefinitions(ch: ClickHouseClient, tenantId: string): Promise<DefinitionsResponse> {
  const [queues, changes] = await Promise.all([listQueues(ch, tenantId), listDefinitionChanges(ch, { tenantId, limit: 20 })]);
  return { queues, changes };
}
