import type { ClickHouseClient } from "@clickhouse/client";
import { readCallEvents } from "@/lib/calls/read-call-events";
import { withMediaLock } from "./media-lock";
import { readMediaRow, type MediaRow } from "./media-row";
import type { SilenceSpan } from "./pcm";
import { pauseSpans } from "./pause-spans";
import type { RecordingRow } from "./recording-row";
import type { RecordingServices } from "./services";
import { singleFlight } from "./single-flight";
import { channelRoles, storeMedia } from "./store-media";

export type MediaContext = { ch: ClickHouseClient; tenantId: string; services: RecordingServices };

/**
 * A recording's stored media, rendering it first if it has none and its source can
 * render on demand (the simulator). The call's events are read, the renderer makes
 * the audio, the paused spans (recording.paused/resumed) and any redaction spans
 * given are silenced, and the result is stored (storeMedia). Undefined: no audio
 * exists or can be made.
 *
 * Concurrent first opens in this process render once (singleFlight). A second web
 * server opening the same recording at the same moment renders too; the renderer
 * is deterministic, so both write the same bytes under the same keys (a put
 * replaces whole) and the same version-1 row, which ReplacingMergeTree keeps once:
 * wasted work, never a wrong answer.
 */
export async function ensureMedia(ctx: MediaContext, recording: RecordingRow, o: { redactions?: readonly SilenceSpan[] } = {}): Promise<MediaRow | undefined> {
  const existing = await readMediaRow(ctx.ch, ctx.tenantId, recording.recordingId);
  if (existing) return existing;
  const renderer = ctx.services.renderer;
  if (!renderer?.canRender(recording)) return undefined;
  const render = async () => {
    // Another caller may have finished between our read and our turn.
    const stored = await readMediaRow(ctx.ch, ctx.tenantId, recording.recordingId);
    if (stored) return stored;
    const events = (await readCallEvents(ctx.ch, ctx.tenantId, recording.callId)) ?? [];
    const pcm = await renderer.render({ recordingId: recording.recordingId, events });
    const durationMs = recording.durationMs || Math.round(((pcm.channels[0]?.length ?? 0) / pcm.sampleRate) * 1000);
    const redactions = o.redactions ?? [];
    return storeMedia(ctx.ch, ctx.services.store, {
      tenantId: ctx.tenantId,
      recordingId: recording.recordingId,
      callId: recording.callId,
      version: 1,
      pcm: { sampleRate: pcm.sampleRate, channels: pcm.channels, channelRoles: channelRoles(pcm.channelRoles) },
      silence: [...pauseSpans(events, recording.recordingId, recording.startedAt, durationMs), ...redactions],
      redactedSpans: redactions.length,
    });
  };
  return singleFlight(JSON.stringify(["render", ctx.tenantId, recording.recordingId]), () => withMediaLock(ctx.tenantId, recording.recordingId, render));
}
