import type { DirectoryNames } from "@/lib/directory/names";
import type { ContactSort } from "./contact-sorts";

/**
 * Sorting the contacts list by agent or by queue orders it by the names the list
 * shows ("Olivia Smith", "Support"), not by the ids behind them, which would look
 * unordered to its reader. The names are the directory's (contact-names.ts), read
 * before the page and handed to the query as two arrays, which ClickHouse's
 * transform() maps each id through; an id without a name sorts as itself, as it
 * is shown. An unanswered contact has no agent and sorts as "".
 */

export type NameSort = Extract<ContactSort, "queue_id" | "agent_id">;

export function isNameSort(sort: ContactSort): sort is NameSort {
  return sort === "queue_id" || sort === "agent_id";
}

/** The sort key's SQL over the contacts query's columns. */
export const NAME_SORT_SQL: Record<NameSort, string> = {
  queue_id: "transform(queueId, {sortQueueIds:Array(String)}, {sortQueueNames:Array(String)}, queueId)",
  agent_id: "transform(agentId, {sortAgentIds:Array(String)}, {sortAgentNames:Array(String)}, agentId)",
};

/** The arrays NAME_SORT_SQL reads. */
export function nameSortParams(names: DirectoryNames): Record<string, string[]> {
  return {
    sortQueueIds: [...names.queues.keys()],
    sortQueueNames: [...names.queues.values()],
    sortAgentIds: [...names.agents.keys()],
    sortAgentNames: [...names.agents.values()],
  };
}

/** A row's sort key as NAME_SORT_SQL computes it: an export's cursor carries it to the next page. */
export function nameSortValue(sort: NameSort, row: { queueId: string; agentId: string }, names: DirectoryNames): string {
  return sort === "queue_id" ? (names.queues.get(row.queueId) ?? row.queueId) : (names.agents.get(row.agentId) ?? row.agentId);
}
