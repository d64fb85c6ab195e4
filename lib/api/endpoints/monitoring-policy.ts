import { z } from "zod";
import { queueInScope } from "@/lib/auth/scope-access";
import { listQueues } from "@/lib/directory/list-queues";
import { queuePolicies, savePolicy } from "@/lib/monitoring-policy/policy-store";
import { policyStateSchema } from "@/lib/monitoring-policy/policy-record";
import { actorOf } from "../actor";
import { defineEndpoint } from "../endpoint";

/** Every queue's monitoring policy (docs/telephony.md, "Monitoring policy"): what the wallboard offers on its calls, and what admins edit. */
export const monitoringPolicies = defineEndpoint({
  method: "GET",
  path: "/api/monitor/policy",
  capability: "monitor",
  scope: { results: "the queues of the caller's scope only" },
  params: z.object({}),
  run: async ({ ch, tenantId, access }) => {
    const ids = (await listQueues(ch, tenantId)).map((q) => q.id).filter((id) => queueInScope(access, id));
    return { policies: [...(await queuePolicies(ch, tenantId, ids)).values()] };
  },
});

export const updateMonitoringPolicy = defineEndpoint({
  method: "PUT",
  path: "/api/monitor/policy/[queueId]",
  capability: "admin",
  scope: { queue: "queueId" },
  params: z.object({ queueId: z.string().min(1).max(128) }),
  body: policyStateSchema.extend({ expectedVersion: z.number().int().min(0).optional() }).strict(),
  bodyHint: '{"monitoring": true, "whisper": true, "barge": false, "notifyAgent": false, "bargeTone": true, "expectedVersion": 0}',
  run: async (ctx, p, body) => {
    const { expectedVersion, ...policy } = body;
    return savePolicy(ctx.ch, ctx.tenantId, p.queueId, { policy, ...(expectedVersion !== undefined ? { expectedVersion } : {}) }, actorOf(ctx));
  },
});
