import { z } from "zod";
import { queueInScope, teamInScope } from "@/lib/auth/scope-access";
import { listAgents } from "@/lib/directory/list-agents";
import { listQueues } from "@/lib/directory/list-queues";
import { listTeams } from "@/lib/directory/list-teams";
import { defineEndpoint } from "../endpoint";

const noParams = z.object({});

/** The tenant's queues, names and KPI thresholds (for filters and explain). */
export const queues = defineEndpoint({
  method: "GET",
  path: "/api/queues",
  capability: "overview",
  scope: { results: "only the scope's queues" },
  params: noParams,
  run: async ({ ch, tenantId, access }) => ({ queues: (await listQueues(ch, tenantId)).filter((q) => queueInScope(access, q.id)) }),
});

/** Teams that have agents. */
export const teams = defineEndpoint({
  method: "GET",
  path: "/api/teams",
  capability: "overview",
  scope: { results: "only the scope's teams" },
  params: noParams,
  run: async ({ ch, tenantId, access }) => ({ teams: (await listTeams(ch, tenantId)).filter((t) => teamInScope(access, t.id)) }),
});

/** The directory's agents with their names and teams (filter chips, the address's agent filter). */
export const agents = defineEndpoint({
  method: "GET",
  path: "/api/agents",
  capability: "overview",
  scope: { results: "only the agents of the scope's teams" },
  params: noParams,
  run: async ({ ch, tenantId, access }) => ({ agents: (await listAgents(ch, tenantId)).filter((a) => teamInScope(access, a.teamId)) }),
});
