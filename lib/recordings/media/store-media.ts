import type { ClickHouseClient } from "@clickhouse/client";
import { encodeWebmOpus } from "@/lib/recordings/webm-opus";
import { mediaKeys } from "@/lib/recordings/storage/keys";
import type { ObjectStore } from "@/lib/recordings/storage/object-store";
import { writeMediaRow, type MediaRow } from "./media-row";
import type { ChannelRole, PcmAudio, SilenceSpan } from "./pcm";
import { computePeaks } from "./peaks";
import { opusRateFor, resample } from "./resample";
import { silenceSpans } from "./silence";

export type StoreMediaInput = {
  tenantId: string;
  recordingId: string;
  callId: string;
  /** The new row's version: one above the recording's latest (1 for its first audio). */
  version: number;
  pcm: PcmAudio;
  /** Paused and redacted spans: silent in what is stored and served. */
  silence: readonly SilenceSpan[];
  /** How many of `silence` are redactions (recording_media.redacted_spans). */
  redactedSpans: number;
  /** An earlier audio object kept for admins (redaction with the original kept). */
  originalKey?: string;
};

/**
 * The one way audio becomes stored media: resampled to an Opus rate, the given
 * spans silenced, encoded as Opus in WebM (cues first), peaks computed from the
 * same samples, both objects put, then the recording_media row written. The row
 * goes last, so a reader that finds it finds its objects.
 */
export async function storeMedia(ch: ClickHouseClient, store: ObjectStore, input: StoreMediaInput): Promise<MediaRow> {
  const rate = opusRateFor(input.pcm.sampleRate);
  const resampled = input.pcm.channels.map((c) => resample(c, input.pcm.sampleRate, rate));
  const channels = silenceSpans({ sampleRate: rate, channels: resampled }, input.silence);
  const roles: ChannelRole[] = input.pcm.channelRoles;
  const audio = encodeWebmOpus({ sampleRate: rate, channels });
  const peaks = computePeaks({ sampleRate: rate, channels, channelRoles: roles });
  const keys = mediaKeys(input.tenantId, input.recordingId, input.version);
  await store.put(keys.audio, audio, "audio/webm");
  await store.put(keys.peaks, new TextEncoder().encode(JSON.stringify(peaks)), "application/json");
  const row: MediaRow = {
    recordingId: input.recordingId,
    version: input.version,
    callId: input.callId,
    storage: store.kind,
    audioKey: keys.audio,
    peaksKey: keys.peaks,
    originalKey: input.originalKey ?? "",
    bytes: audio.length,
    durationMs: peaks.durationMs,
    sampleRate: rate,
    channels: channels.length,
    channelRoles: roles,
    redactedSpans: input.redactedSpans,
    deletedAt: null,
    deletedReason: "",
    storedAt: Date.now(),
  };
  await writeMediaRow(ch, input.tenantId, row);
  return row;
}

/** A renderer's or decoder's channel roles as the pipeline names them (anything unknown is "mixed"). */
export function channelRoles(roles: readonly string[]): ChannelRole[] {
  return roles.map((r) => (r === "agent" || r === "caller" ? r : "mixed"));
}
