import { z } from "zod";
import { listQueues } from "@/lib/directory/list-queues";
import { listTeams } from "@/lib/directory/list-teams";
import { defineEndpoint } from "../endpoint";

const noParams = z.object({});

/** The tenant's queues, names and KPI thresholds (for filters and explain). */
export const queues = defineEndpoint({
  method: "GET",
  path: "/api/queues",
  capability: "overview",
  params: noParams,
  run: async ({ ch, tenantId }) => ({ queues: await listQueues(ch, tenantId) }),
});

/** Teams that have agents. */
export const teams = defineEndpoint({
  method: "GET",
  path: "/api/teams",
  capability: "overview",
  params: noParams,
  run: async ({ ch, tenantId }) => ({ teams: await listTeams(ch, tenantId) }),
});
