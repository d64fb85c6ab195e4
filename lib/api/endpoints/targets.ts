import { z } from "zod";
import { queueInScope } from "@/lib/auth/scope-access";
import { listQueues } from "@/lib/directory/list-queues";
import { queueTargets } from "@/lib/targets/queue-targets";
import { defineEndpoint } from "../endpoint";

/** Each queue's service-level target (percent within its threshold T) and the amber band: what dashboards colour by. */
export const targets = defineEndpoint({
  method: "GET",
  path: "/api/targets",
  capability: "overview",
  scope: { results: "only the scope's queues" },
  params: z.object({}),
  run: async ({ ch, tenantId, access }) => queueTargets((await listQueues(ch, tenantId)).filter((q) => queueInScope(access, q.id))),
});
