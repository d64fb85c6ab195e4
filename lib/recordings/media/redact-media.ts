import type { ClickHouseClient } from "@clickhouse/client";
import type { Actor } from "@/lib/audit/write-audit";
import { Gone, InvalidInput, NotFound } from "@/lib/errors/domain-errors";
import { OPUS_RATES, type OpusRate } from "@/lib/recordings/webm-opus";
import { mediaKeys } from "@/lib/recordings/storage/keys";
import { readWhole } from "@/lib/recordings/storage/object-store";
import { auditRecording, RECORDING_AUDIT } from "./audit-recording";
import { decodeWebmOpus } from "./decode-webm-opus";
import { readMediaRow, writeMediaRow, type MediaRow } from "./media-row";
import type { SilenceSpan } from "./pcm";
import { computePeaks } from "./peaks";
import { withMediaLock } from "./media-lock";
import type { RecordingServices } from "./services";
import { channelRoles, storeMedia } from "./store-media";

export type RedactContext = { ch: ClickHouseClient; tenantId: string; services: RecordingServices; actor: Actor };

/**
 * Silences spans of a stored recording (card numbers, CVVs: lib/redaction finds
 * them) and stores the result as a new recording_media version. `spans` is the
 * recording's whole set of redactions: the audio is taken from the kept original
 * when there is one, else from what is served now (whose earlier redactions stay
 * silent). With `keepOriginal` the unredacted audio stays, readable by admins only
 * (/original); without it any original is deleted. Audited.
 */
export async function redactMedia(ctx: RedactContext, recordingId: string, spans: readonly SilenceSpan[], keepOriginal: boolean): Promise<MediaRow> {
  for (const s of spans) if (!(s.startMs >= 0 && s.endMs > s.startMs)) throw new InvalidInput(`redaction span ${s.startMs}..${s.endMs}: needs 0 <= startMs < endMs`);
  // Read, re-encode and write as one step against other writers of this recording's media (retention above all).
  return withMediaLock(ctx.tenantId, recordingId, () => redactLocked(ctx, recordingId, spans, keepOriginal));
}

async function redactLocked(ctx: RedactContext, recordingId: string, spans: readonly SilenceSpan[], keepOriginal: boolean): Promise<MediaRow> {
  const media = await liveMedia(ctx, recordingId);
  const store = ctx.services.store;
  const sourceKey = media.originalKey || media.audioKey;
  const channels = decodeWebmOpus(await readWhole(store, sourceKey), opusRate(media), media.channels, samplesOf(media));
  const originalKey = keepOriginal ? sourceKey : "";
  const next = await storeMedia(ctx.ch, store, {
    tenantId: ctx.tenantId,
    recordingId,
    callId: media.callId,
    version: media.version + 1,
    pcm: { sampleRate: media.sampleRate, channels, channelRoles: channelRoles(media.channelRoles) },
    silence: spans,
    redactedSpans: spans.length,
    originalKey,
  });
  // The replaced objects go once the new row is written (a reader of the old row may still be streaming; files already open stay readable).
  await removeUnused(ctx, [media.audioKey, media.peaksKey, media.originalKey], next);
  await auditRecording(ctx.ch, ctx.tenantId, ctx.actor, RECORDING_AUDIT.redact, recordingId, {
    callId: media.callId,
    spans: spans.map((s) => ({ channel: s.channel, startMs: s.startMs, endMs: s.endMs })),
    keepOriginal,
    version: next.version,
  });
  return next;
}

/** Serves the kept original again (a redaction judged wrong): a new version whose audio is the original, with its own peaks. Audited. */
export async function restoreMedia(ctx: RedactContext, recordingId: string): Promise<MediaRow> {
  return withMediaLock(ctx.tenantId, recordingId, () => restoreLocked(ctx, recordingId));
}

async function restoreLocked(ctx: RedactContext, recordingId: string): Promise<MediaRow> {
  const media = await liveMedia(ctx, recordingId);
  if (media.originalKey === "") throw new NotFound("original audio (it was not kept)");
  const store = ctx.services.store;
  const bytes = await readWhole(store, media.originalKey);
  const channels = decodeWebmOpus(bytes, opusRate(media), media.channels, samplesOf(media));
  const version = media.version + 1;
  const peaksKey = mediaKeys(ctx.tenantId, recordingId, version).peaks;
  const peaks = computePeaks({ sampleRate: media.sampleRate, channels, channelRoles: channelRoles(media.channelRoles) });
  await store.put(peaksKey, new TextEncoder().encode(JSON.stringify(peaks)), "application/json");
  const next: MediaRow = { ...media, version, audioKey: media.originalKey, peaksKey, originalKey: "", bytes: bytes.length, redactedSpans: 0, storedAt: Date.now() };
  await writeMediaRow(ctx.ch, ctx.tenantId, next);
  await removeUnused(ctx, [media.audioKey, media.peaksKey], next);
  await auditRecording(ctx.ch, ctx.tenantId, ctx.actor, RECORDING_AUDIT.restore, recordingId, { callId: media.callId, version });
  return next;
}

async function liveMedia(ctx: RedactContext, recordingId: string): Promise<MediaRow> {
  const media = await readMediaRow(ctx.ch, ctx.tenantId, recordingId);
  if (!media) throw new NotFound("recording audio");
  if (media.deletedAt !== null) throw new Gone("the audio of this recording was deleted by its retention rule");
  return media;
}

async function removeUnused(ctx: RedactContext, keys: readonly string[], kept: MediaRow): Promise<void> {
  const inUse = new Set([kept.audioKey, kept.peaksKey, kept.originalKey]);
  for (const key of new Set(keys)) if (key !== "" && !inUse.has(key)) await ctx.services.store.delete(key);
}

const samplesOf = (m: MediaRow) => Math.round((m.durationMs * m.sampleRate) / 1000);

function opusRate(m: MediaRow): OpusRate {
  const rate = OPUS_RATES.find((r) => r === m.sampleRate);
  if (!rate) throw new Error(`recording ${m.recordingId}: stored at ${m.sampleRate} Hz, not an Opus rate`);
  return rate;
}
