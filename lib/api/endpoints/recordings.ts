import { z } from "zod";
import { recordingAudio, recordingOriginal, recordingPeaks, restoreRecording } from "@/lib/recordings/media/recording-media-routes";
import { recordingServices } from "@/lib/recordings/media/services";
import { readBodyLimited, UPLOAD_MAX_BYTES, uploadParamsSchema, uploadRecording } from "@/lib/recordings/import/upload";
import { listQueueRetention, retentionChangeSchema, setQueueRetention } from "@/lib/recordings/retention/retention-settings";
import { queueInScope } from "@/lib/auth/scope-access";
import { actorOf } from "../actor";
import { defineEndpoint, type ScopedContext } from "../endpoint";

const SCOPE = { results: "the recording's queue and its agent's team (lib/recordings/media/recording-access.ts); out of scope is the same 404 as unknown" };
const idParams = z.object({ recordingId: z.string().min(1).max(128) });
const caller = (ctx: ScopedContext) => ({
  ch: ctx.ch,
  tenantId: ctx.tenantId,
  access: ctx.access,
  actor: actorOf(ctx),
  ...(ctx.request ? { request: ctx.request } : {}),
});

/** A recording's audio (Opus in WebM), HTTP Range answered with 206; `download=1` as an attachment. */
export const recordingAudioEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/recordings/[recordingId]/audio",
  capability: "recordings",
  scope: SCOPE,
  params: idParams.extend({ download: z.enum(["1", "0"]).optional() }),
  run: (ctx, p) => recordingAudio(caller(ctx), p.recordingId, { download: p.download === "1" }),
});

/** The waveform: peaks per 20 ms per channel. */
export const recordingPeaksEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/recordings/[recordingId]/peaks",
  capability: "recordings",
  scope: SCOPE,
  params: idParams,
  run: (ctx, p) => recordingPeaks(caller(ctx), p.recordingId),
});

/** The audio before redaction, where a redaction kept it (admins only). */
export const recordingOriginalEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/recordings/[recordingId]/original",
  capability: "admin",
  scope: { wholeCentre: "unredacted audio holds card numbers: for admins who see the whole centre only, like the kept transcripts" },
  params: idParams,
  run: (ctx, p) => recordingOriginal(caller(ctx), p.recordingId),
});

/**
 * Undoes a redaction judged wrong: the kept original is served again (a new media version). Audited
 * (recording.restore). Whole-centre admins only, like reading the original: the restored audio holds
 * what the redaction silenced, and everyone who may play the recording then hears it.
 */
export const restoreRecordingEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/recordings/[recordingId]/restore",
  capability: "admin",
  scope: {
    wholeCentre: "the restored audio holds the card numbers the redaction silenced, served to everyone who may play it: for admins who see the whole centre only",
  },
  params: idParams,
  run: (ctx, p) => restoreRecording(caller(ctx), p.recordingId),
});

/**
 * A platform's recording of a call: the WAV file as the body, the call (and
 * optionally its leg) and which party is on which channel in the query string.
 * Admins only: the product has no service accounts yet, so an integration signs in
 * as an admin; a capability held by no role would add nothing until it does.
 */
export const uploadRecordingEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/recordings",
  capability: "admin",
  scope: { results: "the call's leg must be in the caller's scope (its queue and its agent's team), else 404" },
  params: uploadParamsSchema,
  run: async (ctx, p) => uploadRecording({ ...caller(ctx), services: recordingServices() }, p, await readBodyLimited(ctx.request, UPLOAD_MAX_BYTES)),
});

/** Every queue's recording retention that has been set (a queue not listed keeps its audio). */
export const recordingRetention = defineEndpoint({
  method: "GET",
  path: "/api/recordings/retention",
  capability: "admin",
  scope: { results: "the scope's queues only" },
  params: z.object({}),
  run: async ({ ch, tenantId, access }) => ({ queues: (await listQueueRetention(ch, tenantId)).filter((q) => queueInScope(access, q.queueId)) }),
});

/** An admin sets how many days a queue keeps recording audio (0 keeps it); 409 when expectedVersion is stale. Audited. */
export const updateRecordingRetention = defineEndpoint({
  method: "PUT",
  path: "/api/recordings/retention/[queueId]",
  capability: "admin",
  scope: { queue: "queueId" },
  params: z.object({ queueId: z.string().min(1).max(128) }),
  body: retentionChangeSchema,
  bodyHint: '{"days": 90}',
  run: (ctx, p, change) => setQueueRetention(ctx.ch, ctx.tenantId, p.queueId, change, actorOf(ctx)),
});
