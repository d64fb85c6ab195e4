import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import type { Actor } from "@/lib/audit/write-audit";
import { queryRows, sqlNumber } from "@/lib/store/query-rows";
import { auditRecording, RECORDING_AUDIT } from "@/lib/recordings/media/audit-recording";
import { withMediaLock } from "@/lib/recordings/media/media-lock";
import { readMediaRow, writeMediaRow } from "@/lib/recordings/media/media-row";
import type { RecordingServices } from "@/lib/recordings/media/services";

/** Who the audit log names for the job's deletions. */
export const RETENTION_ACTOR: Actor = { id: "system:retention", name: "recording retention", role: "system" };

/** Stored audio older than its queue's retention, oldest first, at most `limit`. */
const DUE_SQL = `
SELECT m.recording_id AS recordingId, r.queue_id AS queueId, ret.kept_days AS days
FROM (
  SELECT recording_id FROM recording_media WHERE tenant_id = {tenantId:String}
  GROUP BY recording_id HAVING argMax(deleted_at, version) IS NULL
) AS m
INNER JOIN (
  SELECT recording_id, max(queue_id) AS queue_id, max(started_at) AS started_at FROM recordings WHERE tenant_id = {tenantId:String} GROUP BY recording_id
) AS r ON r.recording_id = m.recording_id
INNER JOIN (
  SELECT queue_id, argMax(days, version) AS kept_days FROM recording_retention WHERE tenant_id = {tenantId:String} GROUP BY queue_id HAVING kept_days > 0
) AS ret ON ret.queue_id = r.queue_id
WHERE r.started_at < subtractDays(fromUnixTimestamp64Milli({now:Int64}, 'UTC'), ret.kept_days)
ORDER BY r.started_at
LIMIT {limit:UInt32}`;

const dueSchema = z.object({ recordingId: z.string(), queueId: z.string(), days: sqlNumber });

/** The retention a queue applies (0: keep), for a recording that has no stored audio yet. */
const DAYS_SQL = `SELECT argMax(days, version) AS kept_days FROM recording_retention WHERE tenant_id = {tenantId:String} AND queue_id = {queueId:String}`;

export async function retentionDays(ch: ClickHouseClient, tenantId: string, queueId: string): Promise<number> {
  const [row] = await queryRows(ch, DAYS_SQL, { tenantId, queueId }, z.object({ kept_days: sqlNumber }));
  return row?.kept_days ?? 0;
}

/**
 * One pass: for each recording whose audio is past its queue's retention, a new
 * recording_media version saying it was deleted (when and why), then its audio,
 * peaks and any kept original are removed from the store, and the deletion is
 * audited. The row goes first, so a listener gets 410 rather than a missing object;
 * a pass cut short between the two leaves objects the next pass does not see, but
 * whose keys the deleted row still holds. Metadata, transcripts and audit stay.
 */
export async function deleteExpiredAudio(
  ctx: { ch: ClickHouseClient; tenantId: string; services: RecordingServices },
  now: number = Date.now(),
  limit = 1000,
): Promise<{ deleted: number }> {
  const due = await queryRows(ctx.ch, DUE_SQL, { tenantId: ctx.tenantId, now, limit }, dueSchema, { kind: "compaction" });
  let deleted = 0;
  for (const d of due) {
    // Under the recording's media lock: a redaction or restore under way finishes first, and its new
    // version is the one deleted here (never re-stored after this deletion).
    const done = await withMediaLock(ctx.tenantId, d.recordingId, async () => {
      const media = await readMediaRow(ctx.ch, ctx.tenantId, d.recordingId);
      if (!media || media.deletedAt !== null) return false;
      const reason = `retention: queue ${d.queueId} keeps audio ${d.days} days`;
      await writeMediaRow(ctx.ch, ctx.tenantId, { ...media, version: media.version + 1, deletedAt: now, deletedReason: reason, storedAt: now });
      for (const key of [media.audioKey, media.peaksKey, media.originalKey]) if (key !== "") await ctx.services.store.delete(key);
      await auditRecording(ctx.ch, ctx.tenantId, RETENTION_ACTOR, RECORDING_AUDIT.retentionDelete, d.recordingId, {
        callId: media.callId,
        queueId: d.queueId,
        days: d.days,
      });
      return true;
    });
    if (done) deleted += 1;
  }
  return { deleted };
}

/** Runs a pass now and every `everyMs`; one at a time. Returns the stop function. */
export function startRetention(ctx: { ch: ClickHouseClient; tenantId: string; services: RecordingServices }, everyMs: number, log: (line: string) => void): () => void {
  let running = false;
  const pass = async () => {
    if (running) return;
    running = true;
    try {
      const r = await deleteExpiredAudio(ctx);
      if (r.deleted > 0) log(`recordings: retention deleted the audio of ${r.deleted} recording(s)`);
    } catch (e) {
      log(`recordings: retention pass failed, will retry: ${(e as Error).message}`);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void pass(), everyMs);
  timer.unref();
  void pass();
  return () => clearInterval(timer);
}
