import type { ClickHouseClient } from "@clickhouse/client";
import { redactionSpansForRecording } from "@/lib/redaction/spans-for-recording";
import type { Actor } from "@/lib/audit/write-audit";
import type { ScopeAccess } from "@/lib/auth/scope-access";
import { Gone, NotFound, Unavailable } from "@/lib/errors/domain-errors";
import { auditRecording, RECORDING_AUDIT } from "./audit-recording";
import { contactInScope } from "@/lib/auth/scope-access";
import { ensureMedia } from "./ensure-media";
import type { MediaRow } from "./media-row";
import type { RecordingRow } from "./recording-row";
import { readStartsPlayback } from "./playback-reads";
import { sendsBytes, serveObject } from "./serve-object";
import { restoreMedia } from "./redact-media";
import { holdUntilRedacted } from "./redaction-hold";
import { readServedRecording } from "./served-recording";
import { recordingServices, type RecordingServices } from "./services";

/** What the recording routes know of their caller. */
export type RecordingCaller = { ch: ClickHouseClient; tenantId: string; access: ScopeAccess; actor: Actor; request?: Request; services?: RecordingServices };

/**
 * The recording (in scope: its queue, and its agent's team; unknown and out of
 * scope are the same 404) and its media, rendered on first open; 404 without
 * audio, 410 past retention. Checked on every request, from facts read in one
 * query and kept a few seconds (served-recording.ts).
 */
async function servedMedia(c: RecordingCaller, recordingId: string): Promise<{ recording: RecordingRow; media: MediaRow; services: RecordingServices }> {
  const services = c.services ?? recordingServices();
  const { served, recording } = await recordingInScope(c, recordingId);
  let media = served.media;
  if (!media) {
    // A recording rendered on first open that is already past its queue's retention is not rendered now.
    if (served.retentionDays > 0 && recording.startedAt < Date.now() - served.retentionDays * 86_400_000) {
      throw new Gone("the audio of this recording is past its queue's retention and was not kept; its details and audit history are kept");
    }
    // What redaction masked in the transcript is silent in the first rendering too (lib/redaction).
    media = await ensureMedia({ ch: c.ch, tenantId: c.tenantId, services }, recording, { redactions: await redactionSpansForRecording(c.ch, c.tenantId, recordingId) });
  }
  if (!media) throw new NotFound("recording audio");
  if (media.deletedAt !== null) {
    throw new Gone(
      `the audio of this recording was deleted on ${new Date(media.deletedAt).toISOString()} (${media.deletedReason}); its details and audit history are kept`,
    );
  }
  if (!(services.renderer?.canRender(recording) ?? false)) await holdUntilRedacted(c.ch, c.tenantId, recordingId, c.actor);
  if (media.storage !== services.store.kind)
    throw new Unavailable(`this recording's audio is in the ${media.storage} store, and this server is configured for ${services.store.kind}`);
  return { recording, media, services };
}

/** The recording's served facts, when it is in the caller's scope (its queue, and its agent's team); else the same 404 as an unknown one. */
async function recordingInScope(c: RecordingCaller, recordingId: string) {
  const served = await readServedRecording(c.ch, c.tenantId, recordingId);
  const recording = served?.recording;
  const agent = recording?.agentId ? { teamId: served?.teamId ?? null } : null;
  if (!served || !recording || !contactInScope(c.access, { queueId: recording.queueId === "" ? null : recording.queueId, agent })) throw new NotFound("recording");
  return { served, recording };
}

const tagOf = (m: MediaRow, which: string) => JSON.stringify([m.recordingId, m.version, which]);

/** GET /api/recordings/{id}/audio: Range answered with 206; each new playback and each download audited. */
export async function recordingAudio(c: RecordingCaller, recordingId: string, o: { download: boolean }): Promise<Response> {
  const { media, services } = await servedMedia(c, recordingId);
  const headers = c.request?.headers;
  const object = { key: media.audioKey, size: media.bytes, contentType: "audio/webm", tag: tagOf(media, "audio") };
  // Audited: every download read that sends bytes (a resumed download too: an audit must not be evaded by
  // skipping the first byte), and each new playback (playback-reads.ts): not a 304, not a read of a playback
  // this user is in the middle of.
  const audited = sendsBytes(object, headers) && (o.download || readStartsPlayback(`${c.tenantId}/${c.actor.id}`, object.tag));
  // The audit row and the store's first bytes are awaited together: both must be done before the answer goes.
  const audit = audited
    ? auditRecording(c.ch, c.tenantId, c.actor, o.download ? RECORDING_AUDIT.download : RECORDING_AUDIT.play, recordingId, {
        callId: media.callId,
        version: media.version,
      })
    : undefined;
  const answer = serveObject(services.store, object, headers, { signal: c.request?.signal, ...(o.download ? { downloadName: `recording-${recordingId}.webm` } : {}) });
  return answerAfterAudit(answer, audit);
}

/** An answer that goes only once its audit is written; when the audit fails, the read the answer opened is closed. */
async function answerAfterAudit(answer: Promise<Response>, audit: Promise<unknown> | undefined): Promise<Response> {
  const [served, audited] = await Promise.allSettled([answer, audit]);
  if (served.status === "rejected") throw served.reason;
  if (audited.status === "rejected") {
    await served.value.body?.cancel();
    throw audited.reason;
  }
  return served.value;
}

/** GET /api/recordings/{id}/peaks: the waveform JSON (see peaks.ts). */
export async function recordingPeaks(c: RecordingCaller, recordingId: string): Promise<Response> {
  const { media, services } = await servedMedia(c, recordingId);
  const size = (await services.store.head(media.peaksKey))?.size;
  if (size === undefined) throw new NotFound("recording peaks");
  return serveObject(services.store, { key: media.peaksKey, size, contentType: "application/json", tag: tagOf(media, "peaks") }, undefined, {
    signal: c.request?.signal,
  });
}

/** GET /api/recordings/{id}/original: the audio as it was before redaction, when kept (admins only; audited). */
export async function recordingOriginal(c: RecordingCaller, recordingId: string): Promise<Response> {
  const { media, services } = await servedMedia(c, recordingId);
  if (media.originalKey === "") throw new NotFound("original audio");
  const size = (await services.store.head(media.originalKey))?.size;
  if (size === undefined) throw new NotFound("original audio");
  const object = { key: media.originalKey, size, contentType: "audio/webm", tag: tagOf(media, "original") };
  // Every read that sends bytes of the unredacted audio is audited: no range may read it unrecorded.
  const audit = sendsBytes(object, c.request?.headers)
    ? auditRecording(c.ch, c.tenantId, c.actor, RECORDING_AUDIT.playOriginal, recordingId, { callId: media.callId, version: media.version })
    : undefined;
  return answerAfterAudit(serveObject(services.store, object, c.request?.headers, { signal: c.request?.signal }), audit);
}

/**
 * POST /api/recordings/{id}/restore (admins who see the whole centre): a redaction judged wrong is undone,
 * the kept original served again as a new version (restoreMedia, under the recording's media lock;
 * audited as recording.restore). 404 when no original was kept, 410 past retention.
 */
export async function restoreRecording(c: RecordingCaller, recordingId: string): Promise<{ recordingId: string; version: number; redactedSpans: number }> {
  await recordingInScope(c, recordingId);
  const media = await restoreMedia({ ch: c.ch, tenantId: c.tenantId, services: c.services ?? recordingServices(), actor: c.actor }, recordingId);
  return { recordingId, version: media.version, redactedSpans: media.redactedSpans };
}
