import { createHash } from "node:crypto";
import type { ClickHouseClient } from "@clickhouse/client";
import { readCallEvents } from "@/lib/calls/read-call-events";
import { NotFound, Unavailable } from "@/lib/errors/domain-errors";
import { SPEC_VERSION, type CtiEvent } from "@/lib/events";
import { withMediaLock } from "@/lib/recordings/media/media-lock";
import { readMediaRow, type MediaRow } from "@/lib/recordings/media/media-row";
import type { PcmAudio } from "@/lib/recordings/media/pcm";
import type { RecordingServices } from "@/lib/recordings/media/services";
import { storeMedia } from "@/lib/recordings/media/store-media";
import { readJob } from "@/lib/speech/jobs-store";

/** The leg a recording belongs to, as the call's events name it. */
export type RecordedLeg = { callId: string; legId: string; queueId: string; agentId: string; answeredAt: number | null; firstEventAt: number };

export type ImportedRecording = {
  tenantId: string;
  callId: string;
  /** Which leg; absent, the call's last answered leg. */
  legId?: string;
  pcm: PcmAudio;
  /** Names the producer on the events (`upload`, `asterisk://import`) and starts the recording id. */
  source: string;
  /** A hash of the file's bytes: the same file again is the same recording. */
  contentHash: string;
  /** Epoch ms the recording started, when the file says (its time less its length); else the leg's answer. */
  startedAt?: number;
};

export type ImportResult = { recordingId: string; created: boolean; media: MediaRow; leg: RecordedLeg };

/**
 * Stores audio from outside (the upload API, a MixMonitor or record_session file)
 * and makes the recording known the normal way: recording.started and
 * recording.stopped events through the ingest pipeline, so the `recordings` table
 * fills from them like any platform's. The recording id and the event ids derive
 * from the call, leg and content, so importing the same file again stores nothing
 * twice (media: the row is found; events: the pipeline drops known ids) and repairs
 * a run that stopped between the two, or before its transcription was queued.
 * `allow` sees the leg first (a scope check).
 */
export async function storeImportedRecording(
  ctx: { ch: ClickHouseClient; services: RecordingServices },
  input: ImportedRecording,
  allow: (leg: RecordedLeg) => Promise<void> = async () => undefined,
): Promise<ImportResult> {
  const events = await readCallEvents(ctx.ch, input.tenantId, input.callId);
  if (!events || events.length === 0) throw new NotFound("call");
  const leg = recordedLeg(events, input.callId, input.legId);
  if (!leg) throw new NotFound(`leg "${input.legId}" of the call`);
  await allow(leg);
  const ingest = ctx.services.ingest;
  if (!ingest) throw new Unavailable("the ingest pipeline is not running in this process, so the recording cannot be made known");
  const recordingId = `${input.source.replace(/[^a-z]+.*$/, "")}-${hash([input.tenantId, input.callId, leg.legId, input.contentHash]).slice(0, 24)}`;
  // The check and the first version's write are one step against other writers of this recording's media.
  const { existing, media } = await withMediaLock(input.tenantId, recordingId, async () => {
    const found = await readMediaRow(ctx.ch, input.tenantId, recordingId);
    if (found) return { existing: found, media: found };
    const stored = await storeMedia(ctx.ch, ctx.services.store, {
      tenantId: input.tenantId,
      recordingId,
      callId: input.callId,
      version: 1,
      pcm: input.pcm,
      silence: [],
      redactedSpans: 0,
    });
    return { existing: undefined, media: stored };
  });
  const startedAt = Math.round(input.startedAt ?? leg.answeredAt ?? leg.firstEventAt);
  const envelope = (type: string) => ({
    specVersion: SPEC_VERSION as typeof SPEC_VERSION,
    id: uuidFrom([input.tenantId, input.source, recordingId, type]),
    source: input.source,
    tenantId: input.tenantId,
    callId: input.callId,
    ...(leg.legId ? { legId: leg.legId } : {}),
    ...(leg.queueId ? { queueId: leg.queueId } : {}),
    ...(leg.agentId ? { agentId: leg.agentId } : {}),
  });
  const recordingEvents: CtiEvent[] = [
    { ...envelope("recording.started"), type: "recording.started", time: startedAt, data: { recordingId, format: "webm-opus" } },
    { ...envelope("recording.stopped"), type: "recording.stopped", time: startedAt + media.durationMs, data: { recordingId, durationMs: media.durationMs } },
  ];
  await ingest(recordingEvents);
  // Queued when no job for it is stored, not only when the media is new: an enqueue that failed after the media was
  // stored (an S3 read, a full disk) is tried again by the next import. A job already there, in any state, is left
  // alone: queueing again would transcribe a done recording afresh.
  const enqueue = ctx.services.enqueueTranscription;
  if (enqueue && media.deletedAt === null && (!existing || !(await readJob(ctx.ch, input.tenantId, recordingId)))) await enqueue(input.tenantId, recordingId);
  return { recordingId, created: !existing, media, leg };
}

/** The leg named, or the call's last answered leg (a call answered by one agent has one), from the call's events. */
export function recordedLeg(events: readonly CtiEvent[], callId: string, legId?: string): RecordedLeg | undefined {
  const firstEventAt = Math.min(...events.map((e) => e.time));
  const answered = events.filter((e) => e.type === "call.established" && (legId === undefined || e.legId === legId));
  const last = answered.at(-1);
  if (last) return { callId, legId: last.legId ?? "", queueId: last.queueId ?? "", agentId: last.agentId ?? "", answeredAt: last.time, firstEventAt };
  if (legId === undefined) return { callId, legId: "", queueId: events.find((e) => e.queueId)?.queueId ?? "", agentId: "", answeredAt: null, firstEventAt };
  const seen = events.find((e) => e.legId === legId);
  return seen ? { callId, legId, queueId: seen.queueId ?? "", agentId: seen.agentId ?? "", answeredAt: null, firstEventAt } : undefined;
}

export const contentHash = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");

const hash = (parts: readonly string[]) => createHash("sha256").update(JSON.stringify(parts)).digest("hex");

/** A name-based UUID (RFC 9562 version 8, from SHA-256): the same recording's events get the same ids. */
function uuidFrom(parts: readonly string[]): string {
  const b = Buffer.from(hash(parts).slice(0, 32), "hex");
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x80;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
