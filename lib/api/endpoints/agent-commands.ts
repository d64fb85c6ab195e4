import { z } from "zod";
import { setAgentState } from "@/lib/telephony/set-agent-state";
import { actorOf } from "../actor";
import { defineEndpoint } from "../endpoint";

/** Reason codes as platforms carry them (Asterisk's QueuePause reason, queue_log PAUSE): short, no separators that break a log line. */
const reason = z
  .string()
  .trim()
  .min(1, "say why the agent is not ready")
  .max(40, "at most 40 characters")
  .regex(/^[\p{L}\p{N} _.-]+$/u, "letters, digits, spaces, _ . - only");

const agentStateBody = z.discriminatedUnion("state", [
  z.object({ state: z.literal("ready") }).strict(),
  z.object({ state: z.literal("not_ready"), reason }).strict(),
  z.object({ state: z.literal("logged_out") }).strict(),
]);

/** A supervisor makes an agent ready, not ready with a reason, or logs them out, through the platform (docs/telephony.md). */
export const setAgentStateEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/agents/[agentId]/state",
  capability: "monitor",
  scope: { agent: "agentId" },
  params: z.object({ agentId: z.string().min(1).max(80) }),
  body: agentStateBody,
  bodyHint: '{"state": "ready"} | {"state": "not_ready", "reason": "coaching"} | {"state": "logged_out"}',
  run: async (ctx, p, body) => setAgentState(ctx.ch, ctx.tenantId, actorOf(ctx), { ...body, agentId: p.agentId }),
});
