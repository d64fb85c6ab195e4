import { z } from "zod";
import { getEnv } from "@/lib/env";
import { requireLiveFloor } from "@/lib/live/registry";
import { replayParamsSchema } from "../replay-params";
import { replayView } from "@/lib/live/store/replay-view";
import { HEARTBEAT_MS, liveStream, SSE_HEADERS } from "@/lib/live/sse";
import { liveStreamSlots } from "@/lib/live/stream-slots";
import { watchSession } from "@/lib/auth/sessions/watch-session";
import { scopedFeed } from "@/lib/live/scoped-subscription";
import { scopeView } from "@/lib/live/scope-view";
import { scopeThresholds } from "@/lib/live/scope-thresholds";
import { thresholdsUpdateSchema } from "@/lib/live/thresholds-schema";
import { readThresholdSettings, updateThresholdSettings } from "@/lib/live/store/threshold-settings";
import { alertSettingsUpdateSchema } from "@/lib/live/alert-settings-schema";
import { alertSettingsForm, updateAlertSettings } from "@/lib/live/store/alert-settings-record";
import { actorOf } from "../actor";
import { defineEndpoint } from "../endpoint";

/**
 * The live floor as server-sent events (snapshot, then patches; see lib/live/sse.ts): 429 past the
 * open-stream limits (stream-slots.ts), and it ends when the caller's session stops allowing it.
 */
export const liveStreamEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/live/stream",
  capability: "wallboard",
  scope: { results: "each connection gets only the scope's queues, calls and agents (lib/live/scoped-subscription.ts)" },
  params: z.object({}),
  run: async ({ signal, user, access }) => {
    const feed = scopedFeed(requireLiveFloor(), access);
    const release = liveStreamSlots().acquire(user.id || user.name);
    return new Response(liveStream(feed, watchSession(user, "wallboard", signal), HEARTBEAT_MS, release), { headers: SSE_HEADERS });
  },
});

/** The wallboard as it was at an instant (`at`: epoch ms or ISO time; `tz`: whose "today", the centre's by default). */
export const liveReplay = defineEndpoint({
  method: "GET",
  path: "/api/live/replay",
  capability: "wallboard",
  scope: { results: "the scope's queues, calls and agents (lib/live/scope-view.ts)" },
  params: replayParamsSchema(Date.now),
  run: async ({ ch, tenantId, access }, p) => scopeView(await replayView(ch, tenantId, p.tz ?? getEnv().centreTimeZone, p.at), access),
});

/** Wallboard colour thresholds, the default and per queue. */
export const thresholds = defineEndpoint({
  method: "GET",
  path: "/api/admin/thresholds",
  capability: "admin",
  scope: { results: "the scope's queues only" },
  params: z.object({}),
  run: async ({ ch, tenantId, access }) => scopeThresholds(await readThresholdSettings(ch, tenantId), access),
});

/** Sets one queue's colours (queueId "*" is the default). */
export const updateThresholds = defineEndpoint({
  method: "PUT",
  path: "/api/admin/thresholds",
  capability: "admin",
  scope: { bodyQueue: "queueId", results: "the scope's queues only" },
  params: z.object({}),
  body: thresholdsUpdateSchema,
  bodyHint: '{"queueId": "...", "thresholds": {...}}',
  run: async (ctx, _p, update) => scopeThresholds(await updateThresholdSettings(ctx.ch, ctx.tenantId, update, actorOf(ctx)), ctx.access),
});

/** The wallboard's alert limits (the whole centre's: they name no queue's data). */
export const alertSettings = defineEndpoint({
  method: "GET",
  path: "/api/admin/wallboard-alerts",
  capability: "admin",
  scope: { unscoped: "centre-wide limits, no queue's or agent's data" },
  params: z.object({}),
  run: async ({ ch, tenantId }) => alertSettingsForm(ch, tenantId),
});

/** Sets the alert limits as their next version; 409 when expectedVersion is stale. */
export const updateAlertSettingsEndpoint = defineEndpoint({
  method: "PUT",
  path: "/api/admin/wallboard-alerts",
  capability: "admin",
  scope: { unscoped: "centre-wide limits, no queue's or agent's data" },
  params: z.object({}),
  body: alertSettingsUpdateSchema,
  bodyHint: '{"settings": {"notReadyMaxS": 900, "afterCallWorkMaxS": 120, "waitingMaxS": 120, "targetBreach": true}, "expectedVersion": 0}',
  run: async (ctx, _p, update) => updateAlertSettings(ctx.ch, ctx.tenantId, update, actorOf(ctx)),
});
