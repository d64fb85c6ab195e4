import { z } from "zod";
import { queueInScope } from "@/lib/auth/scope-access";
import { listCallbacks } from "@/lib/callbacks/list-callbacks";
import { placeCallback } from "@/lib/telephony/place-callback";
import { actorOf } from "../actor";
import { defineEndpoint } from "../endpoint";
import { checkRange, periodParams } from "../params";

// No team filter: a missed caller was answered by nobody, so belongs to no team (CONVENTIONS.team).
const callbacksParamsSchema = z.object({ from: periodParams.from, to: periodParams.to, queue: periodParams.queue }).superRefine(checkRange);

/** The period's abandoned and timed-out callers, one row per number, with where each stands (lib/callbacks/callback-list.ts). */
export const callbacks = defineEndpoint({
  method: "GET",
  path: "/api/callbacks",
  capability: "dashboards",
  scope: { queue: "queue" },
  params: callbacksParamsSchema,
  run: ({ ch, tenantId, signal, access }, p) =>
    listCallbacks(ch, { tenantId, from: p.from, to: p.to, queueIds: p.queue, visibleQueue: (q) => queueInScope(access, q) }, { signal }),
});

const placeBody = z
  .object({
    callId: z.string().trim().min(1, "name the missed call").max(128),
    missedAt: z.number().int().min(0).max(7_258_118_400_000),
    agentId: z.string().trim().min(1).max(128).optional(),
    first: z.enum(["agent", "supervisor"], { error: 'first must be "agent" or "supervisor"' }).optional(),
  })
  .strict()
  .refine((b) => !(b.first === "supervisor" && b.agentId !== undefined), {
    message: "a supervisor-first callback rings your own phone: name no agent",
    path: ["agentId"],
  });

/** Calls a missed caller back through the platform, agent first or the supervisor's own phone first (docs/telephony.md, "Callbacks"). */
export const placeCallbackEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/callbacks",
  capability: "monitor",
  scope: { results: "the missed call's queue, and the agent's team when one is named, must be in scope (placeCallback checks both, 404 otherwise)" },
  params: z.object({}),
  body: placeBody,
  bodyHint:
    '{"callId": "<the missed call>", "missedAt": <its queue exit, epoch ms>, "agentId": "<optional>", "first": "agent" (default) | "supervisor" (your own phone first)}',
  run: async (ctx, _p, body) =>
    placeCallback(ctx.ch, ctx.tenantId, { ...actorOf(ctx), ...(ctx.user.extension ? { extension: ctx.user.extension } : {}) }, ctx.access, body),
});
