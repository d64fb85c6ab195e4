import { z } from "zod";
import { queueDefinitionChangeSchema, updateQueueDefinition } from "@/lib/queue-settings/update-queue-definition";
import { listDefinitionChanges } from "@/lib/audit/definition-changes";
import { listQueues } from "@/lib/directory/list-queues";
import { actorOf } from "../actor";
import { queueInScope } from "@/lib/auth/scope-access";
import { defineEndpoint } from "../endpoint";

/** Every queue's KPI settings and the latest 20 changes (admins only). */
export const definitions = defineEndpoint({
  method: "GET",
  path: "/api/definitions",
  capability: "admin",
  scope: { results: "the scope's queues and their changes only" },
  params: z.object({}),
  run: async ({ ch, tenantId, access }) => {
    const [queues, changes] = await Promise.all([listQueues(ch, tenantId), listDefinitionChanges(ch, { tenantId, limit: 20 })]);
    return { queues: queues.filter((q) => queueInScope(access, q.id)), changes: changes.filter((c) => queueInScope(access, c.queueId)) };
  },
});

/** An admin sets one queue's KPI settings; 409 when expectedVersion is stale. */
export const updateDefinition = defineEndpoint({
  method: "PUT",
  path: "/api/definitions/[queueId]",
  capability: "admin",
  scope: { queue: "queueId" },
  params: z.object({ queueId: z.string() }),
  body: queueDefinitionChangeSchema,
  bodyHint: '{"slThresholdS": 20, "slVariant": "...", "shortAbandonS": 5}',
  run: (ctx, p, change) => updateQueueDefinition(ctx.ch, { tenantId: ctx.tenantId, queueId: p.queueId, change, actor: actorOf(ctx) }),
});
