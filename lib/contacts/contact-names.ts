import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { queryRows } from "@/lib/store/query-rows";
import type { StoreCallOptions } from "@/lib/store/store-call";

/**
 * Agent and queue names for a page of contacts, so the list says "Olivia Smith"
 * and "Support" as every other page does. Both tables are small dimensions (one
 * row per agent or queue), read whole per page rather than joined to every contact.
 */
export const CONTACT_NAMES_SQL = `
SELECT 'agent' AS kind, agent_id AS id, name FROM agents FINAL WHERE tenant_id = {tenantId:String} AND name != ''
UNION ALL
SELECT 'queue' AS kind, queue_id AS id, name FROM queues FINAL WHERE tenant_id = {tenantId:String} AND name != ''`;

const nameRowSchema = z.object({ kind: z.enum(["agent", "queue"]), id: z.string(), name: z.string() });

export type ContactNames = { agents: ReadonlyMap<string, string>; queues: ReadonlyMap<string, string> };
export const NO_NAMES: ContactNames = { agents: new Map(), queues: new Map() };

export async function lookupContactNames(ch: ClickHouseClient, tenantId: string, o: StoreCallOptions = {}): Promise<ContactNames> {
  const rows = await queryRows(ch, CONTACT_NAMES_SQL, { tenantId }, nameRowSchema, o);
  const agents = new Map<string, string>();
  const queues = new Map<string, string>();
  for (const r of rows) (r.kind === "agent" ? agents : queues).set(r.id, r.name);
  return { agents, queues };
}
