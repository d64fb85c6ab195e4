import { z } from "zod";
import { getEnv } from "@/lib/env";
import { readOriginalSegments } from "@/lib/redaction/read-originals";
import { readRedactionSettings, redactionSettingsChangeSchema, updateRedactionSettings } from "@/lib/redaction/settings-record";
import { assertRecordingInScope } from "@/lib/speech/recording-in-scope";
import { statusForViewer, transcriptionStatus } from "@/lib/speech/status";
import { actorOf } from "../actor";
import { defineEndpoint } from "../endpoint";

/** A recording's transcription: queued, "transcribing, 40 %", done, failed, or "no recogniser set up". */
export const transcription = defineEndpoint({
  method: "GET",
  path: "/api/transcriptions/[recordingId]",
  capability: "recordings",
  scope: { results: "a recording outside the scope answers 404, like an unknown one (recording-in-scope.ts)" },
  params: z.object({ recordingId: z.string().min(1).max(128) }),
  run: async ({ ch, tenantId, access, user }, p) => {
    await assertRecordingInScope(ch, tenantId, p.recordingId, access);
    return statusForViewer(await transcriptionStatus(ch, tenantId, p.recordingId), user.role === "admin");
  },
});

/** What redaction masks, and whether originals are kept (admins only). */
export const redactionSettings = defineEndpoint({
  method: "GET",
  path: "/api/admin/redaction",
  capability: "admin",
  scope: { wholeCentre: "the settings apply to every queue's transcripts" },
  params: z.object({}),
  run: ({ ch, tenantId }) => readRedactionSettings(ch, tenantId, getEnv().REDACTION_KEEP_ORIGINAL),
});

/** An admin changes them; 409 when expectedVersion is stale. Audited like every settings change. */
export const updateRedactionSettingsEndpoint = defineEndpoint({
  method: "PUT",
  path: "/api/admin/redaction",
  capability: "admin",
  scope: { wholeCentre: "the settings apply to every queue's transcripts" },
  params: z.object({}),
  body: redactionSettingsChangeSchema,
  bodyHint: '{"kinds": {"card_number": true, "security_code": true, "expiry": true}, "keepOriginal": false, "expectedVersion": 1}',
  run: (ctx, _p, change) => updateRedactionSettings(ctx.ch, ctx.tenantId, change, actorOf(ctx), getEnv().REDACTION_KEEP_ORIGINAL),
});

/** A recording's transcript as it was before masking, where the settings kept it; each read is audited. */
export const transcriptOriginals = defineEndpoint({
  method: "GET",
  path: "/api/admin/transcript-originals/[recordingId]",
  capability: "admin",
  scope: { wholeCentre: "unmasked transcripts hold card numbers: for admins who see the whole centre only" },
  params: z.object({ recordingId: z.string().min(1).max(128) }),
  run: async (ctx, p) => ({ segments: await readOriginalSegments(ctx.ch, ctx.tenantId, p.recordingId, actorOf(ctx)) }),
});
