import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import type { Actor } from "@/lib/audit/write-audit";
import type { ScopeAccess } from "@/lib/auth/scope-access";
import { InvalidInput, NotFound } from "@/lib/errors/domain-errors";
import { auditRecording, RECORDING_AUDIT } from "@/lib/recordings/media/audit-recording";
import type { ChannelRole } from "@/lib/recordings/media/pcm";
import { legInScope } from "@/lib/recordings/media/recording-access";
import type { RecordingServices } from "@/lib/recordings/media/services";
import { collectBytes } from "@/lib/recordings/storage/object-store";
import { contentHash, storeImportedRecording } from "./store-imported";
import { decodeWav } from "./wav";

/** Which party is on which channel of an uploaded file. */
export const CHANNEL_LAYOUTS = ["agent,caller", "caller,agent", "mono"] as const;
export type ChannelLayout = (typeof CHANNEL_LAYOUTS)[number];

export const uploadParamsSchema = z.object({
  callId: z.string().min(1).max(128),
  legId: z.string().min(1).max(128).optional(),
  layout: z.enum(CHANNEL_LAYOUTS),
});
export type UploadParams = z.output<typeof uploadParamsSchema>;

/** The largest file accepted: an hour of 8 kHz stereo 16-bit PCM is 115 MB. */
export const UPLOAD_MAX_BYTES = 256 * 1024 * 1024;

export function rolesOf(layout: ChannelLayout, channels: number): ChannelRole[] {
  const roles: ChannelRole[] = layout === "mono" ? ["mixed"] : layout === "agent,caller" ? ["agent", "caller"] : ["caller", "agent"];
  if (roles.length !== channels) throw new InvalidInput(`layout: "${layout}" needs ${roles.length} channel(s), the file has ${channels}`);
  return roles;
}

/**
 * POST /api/recordings: a platform's recording of a call (WAV: 16-bit PCM, µ-law or
 * A-law; mono or stereo; any rate), decoded and resampled here, stored as Opus in
 * WebM with peaks, and made known through recording.* events (source "upload").
 * The call must be stored already (its events name the leg, queue and agent) and in
 * the caller's scope (404 otherwise). Audited.
 */
export async function uploadRecording(
  ctx: { ch: ClickHouseClient; tenantId: string; access: ScopeAccess; actor: Actor; services: RecordingServices },
  params: UploadParams,
  body: Uint8Array,
): Promise<{ recordingId: string; created: boolean; durationMs: number; sampleRate: number; channels: number }> {
  if (body.length === 0) throw new InvalidInput("body: the audio file is missing (send the WAV bytes as the request body)");
  const wav = decodeWav(body);
  const roles = rolesOf(params.layout, wav.channels.length);
  const r = await storeImportedRecording(
    ctx,
    {
      tenantId: ctx.tenantId,
      callId: params.callId,
      ...(params.legId ? { legId: params.legId } : {}),
      pcm: { sampleRate: wav.sampleRate, channels: wav.channels, channelRoles: roles },
      source: "upload",
      contentHash: contentHash(body),
    },
    async (leg) => {
      if (!(await legInScope(ctx.ch, ctx.tenantId, ctx.access, leg))) throw new NotFound("call");
    },
  );
  await auditRecording(ctx.ch, ctx.tenantId, ctx.actor, RECORDING_AUDIT.upload, r.recordingId, {
    callId: params.callId,
    legId: r.leg.legId,
    layout: params.layout,
    encoding: wav.encoding,
    created: r.created,
  });
  return { recordingId: r.recordingId, created: r.created, durationMs: r.media.durationMs, sampleRate: r.media.sampleRate, channels: r.media.channels };
}

/** The request body, refused past `max` bytes without reading the rest. */
export async function readBodyLimited(request: Request | undefined, max: number): Promise<Uint8Array> {
  if (!request?.body) return new Uint8Array(0);
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > max) throw new InvalidInput(`body: ${declared} bytes, more than the ${max} accepted`);
  return collectBytes(request.body as unknown as AsyncIterable<Uint8Array>, max, () => new InvalidInput(`body: more than the ${max} bytes accepted`));
}
