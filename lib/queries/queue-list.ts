import { z } from "zod";
import { queryOptions } from "@tanstack/react-query";
import { fetchJson } from "./fetch-json";

/** One queue as /api/queues returns it: its name and the thresholds its KPIs use. */
export const queueInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  slThresholdS: z.number(),
  slVariant: z.string(),
  shortAbandonS: z.number(),
  definitionVersion: z.number(),
});
export type QueueInfo = z.infer<typeof queueInfoSchema>;
export type QueuesResponse = { queues: QueueInfo[] };

/** Queues change rarely (an admin edits them), so they stay fresh for minutes. */
export const queuesQueryOptions = () =>
  queryOptions({
    queryKey: ["queues"],
    queryFn: ({ signal }) => fetchJson<QueuesResponse>("/api/queues", signal),
    staleTime: 5 * 60_000,
  });
