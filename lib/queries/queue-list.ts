import { queryOptions } from "@tanstack/react-query";
import { fetchJson } from "./fetch-json";

/**
 * One queue as /api/queues returns it: its name and the thresholds its KPIs use.
 * A plain type: the server validates rows (server/list-queues.ts), and keeping
 * zod out of browser modules keeps it out of every page's script.
 */
export type QueueInfo = {
  id: string;
  name: string;
  slThresholdS: number;
  slVariant: string;
  shortAbandonS: number;
  definitionVersion: number;
};
export type QueuesResponse = { queues: QueueInfo[] };

/** Queues change rarely (an admin edits them), so they stay fresh for minutes. */
export const queuesQueryOptions = () =>
  queryOptions({
    queryKey: ["queues"],
    queryFn: ({ signal }) => fetchJson<QueuesResponse>("/api/queues", signal),
    staleTime: 5 * 60_000,
  });
