import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { queryRows } from "@/lib/store/query-rows";
import type { StoreCallOptions } from "@/lib/store/store-call";

/**
 * Agents', queues' and teams' names, so every page says "Olivia Smith", "Support"
 * and "Blue team" where the data holds ids. The three tables are small dimensions
 * (one row per agent, queue or team), read whole in one query rather than joined
 * to every row; an id the directory has no name for is shown as itself.
 */
export const DIRECTORY_NAMES_SQL = `
SELECT 'agent' AS kind, agent_id AS id, name FROM agents FINAL WHERE tenant_id = {tenantId:String} AND name != ''
UNION ALL
SELECT 'queue' AS kind, queue_id AS id, name FROM queues FINAL WHERE tenant_id = {tenantId:String} AND name != ''
UNION ALL
SELECT 'team' AS kind, team_id AS id, name FROM teams FINAL WHERE tenant_id = {tenantId:String} AND name != ''`;

const nameRowSchema = z.object({ kind: z.enum(["agent", "queue", "team"]), id: z.string(), name: z.string() });

export type DirectoryNames = { agents: ReadonlyMap<string, string>; queues: ReadonlyMap<string, string>; teams: ReadonlyMap<string, string> };
export const NO_NAMES: DirectoryNames = { agents: new Map(), queues: new Map(), teams: new Map() };

export async function lookupNames(ch: ClickHouseClient, tenantId: string, o: StoreCallOptions = {}): Promise<DirectoryNames> {
  const rows = await queryRows(ch, DIRECTORY_NAMES_SQL, { tenantId }, nameRowSchema, o);
  const names = { agents: new Map<string, string>(), queues: new Map<string, string>(), teams: new Map<string, string>() };
  for (const r of rows) names[`${r.kind}s`].set(r.id, r.name);
  return names;
}

/** Names as a response carries them: only those of the ids it mentions, by id (a missing id is shown as itself). */
export type NameLabels = { agents: Record<string, string>; queues: Record<string, string>; teams: Record<string, string> };

export function labelsFor(names: DirectoryNames, ids: { agents?: Iterable<string>; queues?: Iterable<string>; teams?: Iterable<string> }): NameLabels {
  const pick = (all: ReadonlyMap<string, string>, wanted: Iterable<string> = []) => {
    const out: Record<string, string> = {};
    for (const id of wanted) {
      const name = all.get(id);
      if (name !== undefined) out[id] = name;
    }
    return out;
  };
  return { agents: pick(names.agents, ids.agents), queues: pick(names.queues, ids.queues), teams: pick(names.teams, ids.teams) };
}
