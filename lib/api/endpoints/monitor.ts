import { z } from "zod";
import type { MonitorActor } from "@/lib/telephony/monitor-sessions";
import { changeMonitorMode, monitorTicket, myMonitorSessions, startMonitoring, stopMonitoring } from "@/lib/telephony/monitor-api";
import { actorOf } from "../actor";
import { defineEndpoint, type EndpointContext } from "../endpoint";

/** Listen, whisper or barge from the browser (docs/telephony.md, "Monitoring from the browser"). */
const mode = z.enum(["listen", "whisper", "barge"], { error: 'mode must be "listen", "whisper" or "barge"' });
const sessionParams = z.object({ sessionId: z.string().min(1).max(80) });
const ownSessions = "a session is its owner's: the service refuses anyone else (admins may stop one); the call's scope was checked at the start";

function monitorActor(ctx: Pick<EndpointContext, "user" | "from">): MonitorActor {
  return { ...actorOf(ctx), sessionId: ctx.user.sessionId ?? "", ...(ctx.user.extension ? { extension: ctx.user.extension } : {}) };
}

export const startMonitorEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/monitor/sessions",
  capability: "monitor",
  scope: { results: "the call must be on the live floor and in the caller's scope, by the wallboard's rule (lib/live/call-in-scope.ts); 404 otherwise" },
  params: z.object({}),
  body: z.object({ callId: z.string().min(1).max(120), mode, follow: z.boolean().optional() }).strict(),
  bodyHint: '{"callId": "<call id>", "mode": "listen" | "whisper" | "barge", "follow": true (optional: stay with the agent from call to call)}',
  run: async (ctx, _p, body) => startMonitoring(monitorActor(ctx), ctx.user, ctx.access, body),
});

export const myMonitorSessionsEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/monitor/sessions",
  capability: "monitor",
  scope: { results: "the caller's own sessions only" },
  params: z.object({}),
  run: async (ctx) => myMonitorSessions(monitorActor(ctx)),
});

export const changeMonitorModeEndpoint = defineEndpoint({
  method: "PATCH",
  path: "/api/monitor/sessions/[sessionId]",
  capability: "monitor",
  scope: { results: `${ownSessions}; a mode change checks it again` },
  params: sessionParams,
  body: z.object({ mode }).strict(),
  bodyHint: '{"mode": "listen" | "whisper" | "barge"}',
  run: async (ctx, p, body) => changeMonitorMode(monitorActor(ctx), ctx.access, p.sessionId, body.mode),
});

export const stopMonitorEndpoint = defineEndpoint({
  method: "DELETE",
  path: "/api/monitor/sessions/[sessionId]",
  capability: "monitor",
  scope: { results: ownSessions },
  params: sessionParams,
  run: async (ctx, p) => stopMonitoring(monitorActor(ctx), p.sessionId),
});

export const monitorTokenEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/monitor/sessions/[sessionId]/token",
  capability: "monitor",
  scope: { results: ownSessions },
  params: sessionParams,
  run: async (ctx, p) => monitorTicket(monitorActor(ctx), ctx.user, p.sessionId),
});
