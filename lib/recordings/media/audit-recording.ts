import { randomUUID } from "node:crypto";
import type { ClickHouseClient } from "@clickhouse/client";
import { writeAudit, type Actor } from "@/lib/audit/write-audit";

/** What the audit log says was done with a recording. */
export const RECORDING_AUDIT = {
  play: "recording.play",
  download: "recording.download",
  playOriginal: "recording.play_original",
  upload: "recording.upload",
  redact: "recording.redact",
  restore: "recording.restore",
  retentionDelete: "recording.retention_delete",
} as const;

export type RecordingAuditAction = (typeof RECORDING_AUDIT)[keyof typeof RECORDING_AUDIT];

/** One audit row about one recording (target `recording:<id>`). Each is its own act, so the id is random. */
export async function auditRecording(
  ch: ClickHouseClient,
  tenantId: string,
  actor: Actor,
  action: RecordingAuditAction,
  recordingId: string,
  details: Record<string, unknown>,
): Promise<void> {
  await writeAudit(ch, { tenantId, id: randomUUID(), at: Date.now(), actor, action, target: `recording:${recordingId}`, details });
}
