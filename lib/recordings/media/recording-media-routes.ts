import type { ClickHouseClient } from "@clickhouse/client";
import type { Actor } from "@/lib/audit/write-audit";
import type { ScopeAccess } from "@/lib/auth/scope-access";
import { Gone, NotFound, Unavailable } from "@/lib/errors/domain-errors";
import { auditRecording, RECORDING_AUDIT } from "./audit-recording";
import { retentionDays } from "@/lib/recordings/retention/retention-job";
import { ensureMedia } from "./ensure-media";
import { readMediaRow, type MediaRow } from "./media-row";
import { recordingInScope } from "./recording-access";
import type { RecordingRow } from "./recording-row";
import { serveObject } from "./serve-object";
import { recordingServices, type RecordingServices } from "./services";

/** What the recording routes know of their caller. */
export type RecordingCaller = { ch: ClickHouseClient; tenantId: string; access: ScopeAccess; actor: Actor; request?: Request; services?: RecordingServices };

/** The recording (in scope) and its media, rendered on first open; 404 without audio, 410 past retention. */
async function servedMedia(c: RecordingCaller, recordingId: string): Promise<{ recording: RecordingRow; media: MediaRow; services: RecordingServices }> {
  const services = c.services ?? recordingServices();
  const recording = await recordingInScope(c.ch, c.tenantId, c.access, recordingId);
  // A recording rendered on first open is past its queue's retention before it ever had audio: not rendered now.
  if (!(await readMediaRow(c.ch, c.tenantId, recordingId)) && (await pastRetention(c, recording))) {
    throw new Gone("the audio of this recording is past its queue's retention and was not kept; its details and audit history are kept");
  }
  const media = await ensureMedia({ ch: c.ch, tenantId: c.tenantId, services }, recording);
  if (!media) throw new NotFound("recording audio");
  if (media.deletedAt !== null) {
    throw new Gone(`the audio of this recording was deleted on ${new Date(media.deletedAt).toISOString()} (${media.deletedReason}); its details and audit history are kept`);
  }
  if (media.storage !== services.store.kind) throw new Unavailable(`this recording's audio is in the ${media.storage} store, and this server is configured for ${services.store.kind}`);
  return { recording, media, services };
}

const tagOf = (m: MediaRow, which: string) => JSON.stringify([m.recordingId, m.version, which]);

/** GET /api/recordings/{id}/audio: Range answered with 206; each playback (no range, or one from byte 0) and each download audited. */
export async function recordingAudio(c: RecordingCaller, recordingId: string, o: { download: boolean }): Promise<Response> {
  const { media, services } = await servedMedia(c, recordingId);
  const { response, isFirstRead } = await serveObject(
    services.store,
    { key: media.audioKey, size: media.bytes, contentType: "audio/webm", tag: tagOf(media, "audio") },
    c.request?.headers,
    o.download ? { downloadName: `recording-${recordingId}.webm` } : {},
  );
  if (o.download || isFirstRead) {
    await auditRecording(c.ch, c.tenantId, c.actor, o.download ? RECORDING_AUDIT.download : RECORDING_AUDIT.play, recordingId, {
      callId: media.callId,
      version: media.version,
    });
  }
  return response;
}

/** GET /api/recordings/{id}/peaks: the waveform JSON (see peaks.ts). */
export async function recordingPeaks(c: RecordingCaller, recordingId: string): Promise<Response> {
  const { media, services } = await servedMedia(c, recordingId);
  const size = (await services.store.head(media.peaksKey))?.size;
  if (size === undefined) throw new NotFound("recording peaks");
  const { response } = await serveObject(services.store, { key: media.peaksKey, size, contentType: "application/json", tag: tagOf(media, "peaks") }, undefined);
  return response;
}

/** GET /api/recordings/{id}/original: the audio as it was before redaction, when kept (admins only; audited). */
export async function recordingOriginal(c: RecordingCaller, recordingId: string): Promise<Response> {
  const { media, services } = await servedMedia(c, recordingId);
  if (media.originalKey === "") throw new NotFound("original audio");
  const size = (await services.store.head(media.originalKey))?.size;
  if (size === undefined) throw new NotFound("original audio");
  const { response, isFirstRead } = await serveObject(
    services.store,
    { key: media.originalKey, size, contentType: "audio/webm", tag: tagOf(media, "original") },
    c.request?.headers,
  );
  if (isFirstRead) await auditRecording(c.ch, c.tenantId, c.actor, RECORDING_AUDIT.playOriginal, recordingId, { callId: media.callId, version: media.version });
  return response;
}

async function pastRetention(c: RecordingCaller, recording: RecordingRow): Promise<boolean> {
  if (recording.queueId === "") return false;
  const days = await retentionDays(c.ch, c.tenantId, recording.queueId);
  return days > 0 && recording.startedAt < Date.now() - days * 86_400_000;
}
